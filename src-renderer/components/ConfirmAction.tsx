import { ActionIcon, Button, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotify } from './notify.js';
import { ErrorAlert } from './StateViews.js';

interface ConfirmActionProps<T> {
  /** what the icon button says to a screen reader and in its tooltip, naming the record; the text of a `button` */
  label: string;
  icon: ReactNode;
  /** an icon button in a table row (the default), or a button with its label written out, for an action on a whole list */
  trigger?: 'icon' | 'button';
  color?: string;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  /** shown as a notification once done; from the answer when it tells how much was done */
  doneText: string | ((result: T) => string);
  onConfirm: () => Promise<T>;
}

/** A button whose action runs only after the reader confirms it in a dialog. */
export function ConfirmAction<T>({ label, icon, trigger = 'icon', color = 'red', title, body, confirmLabel, doneText, onConfirm }: ConfirmActionProps<T>) {
  const notify = useNotify();
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const close = () => {
    setOpened(false);
    setFailure(null);
  };
  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const result = await onConfirm();
      notify.done(typeof doneText === 'string' ? doneText : doneText(result));
      setOpened(false);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {trigger === 'button' ? (
        <Button variant="light" color={color} leftSection={icon} onClick={() => setOpened(true)}>
          {label}
        </Button>
      ) : (
        <Tooltip label={label} withinPortal>
          <ActionIcon variant="subtle" color={color} aria-label={label} onClick={() => setOpened(true)}>
            {icon}
          </ActionIcon>
        </Tooltip>
      )}
      <Modal opened={opened} onClose={close} title={title} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack gap="md">
          {typeof body === 'string' ? <Text size="sm">{body}</Text> : body}
          {failure ? <ErrorAlert error={failure} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button color={color} loading={busy} onClick={() => void confirm()}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
