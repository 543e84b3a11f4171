import { ActionIcon, Tooltip, type ActionIconProps } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useEffect, useState, type RefObject } from 'react';

/**
 * The buttons of the ordered lists of survey setup (questions, channels,
 * conditions, choices, rules): moving by buttons, so the keyboard reorders
 * as well as the mouse, and removing. Each names what it acts on.
 */

interface MoveButtonsProps {
  /** what the moved item is known by: focus finds its buttons again after the move */
  itemKey: string;
  upLabel: string;
  downLabel: string;
  canMoveUp: boolean;
  canMoveDown: boolean;
  onMove: (delta: -1 | 1) => void;
}

export function MoveButtons({ itemKey, upLabel, downLabel, canMoveUp, canMoveDown, onMove }: MoveButtonsProps) {
  const button = (label: string, direction: 'up' | 'down', enabled: boolean) => (
    <Tooltip label={label} withinPortal>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={label}
        disabled={!enabled}
        data-item={itemKey}
        data-move={direction}
        onClick={() => onMove(direction === 'up' ? -1 : 1)}
      >
        {direction === 'up' ? <IconArrowUp size={18} aria-hidden /> : <IconArrowDown size={18} aria-hidden />}
      </ActionIcon>
    </Tooltip>
  );
  return (
    <>
      {button(upLabel, 'up', canMoveUp)}
      {button(downLabel, 'down', canMoveDown)}
    </>
  );
}

export function RemoveButton({ label, onClick, disabled = false, ...props }: { label: string; onClick: () => void; disabled?: boolean } & ActionIconProps) {
  return (
    <Tooltip label={label} withinPortal>
      <ActionIcon variant="subtle" color="red" aria-label={label} disabled={disabled} onClick={onClick} {...props}>
        <IconTrash size={18} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}

/**
 * Focus follows a moved item: its button of the same direction, or the
 * other one once it reached an end (where that one is disabled); and a
 * live region says where it went.
 */
export function useMoveFocus(container: RefObject<HTMLElement | null>) {
  const [focus, setFocus] = useState<{ key: string; direction: 'up' | 'down' } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (!focus) return;
    const buttonFor = (direction: string) => container.current?.querySelector<HTMLButtonElement>(`[data-item="${focus.key}"][data-move="${direction}"]`);
    const wanted = buttonFor(focus.direction);
    (wanted && !wanted.disabled ? wanted : buttonFor(focus.direction === 'up' ? 'down' : 'up'))?.focus();
    setFocus(null);
  }, [focus, container]);
  return {
    announcement,
    announce: setAnnouncement,
    moved: (key: string, delta: -1 | 1, said: string) => {
      setFocus({ key, direction: delta < 0 ? 'up' : 'down' });
      setAnnouncement(said);
    },
  };
}
