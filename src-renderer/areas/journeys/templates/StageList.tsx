import { ActionIcon, Badge, Box, Group, Paper, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../../src-shared/errors.js';
import { EditButton, Ltr } from '../../../components/bits.js';
import { useEventCodeLabel } from '../hisLabels.js';
import { localName, pick, useLanguage } from '../../../i18n/index.js';
import { moveStage, type DraftStage } from './stages.js';

interface StageListProps {
  stages: readonly DraftStage[];
  onChange: (stages: DraftStage[]) => void;
  onEdit: (stage: DraftStage) => void;
  /** the station's answer, by `stages.N.field` */
  errors: readonly FieldError[];
  writable: boolean;
}

/**
 * The template's stages in order, each movable up and down by buttons (so
 * the keyboard reorders as well as the mouse). Focus follows the moved
 * stage, and a live region says where it went.
 */
export function StageList({ stages, onChange, onEdit, errors, writable }: StageListProps) {
  const { t } = useTranslation('journeys');
  const language = useLanguage();
  const eventLabel = useEventCodeLabel();
  const listRef = useRef<HTMLOListElement>(null);
  const [focus, setFocus] = useState<{ key: string; direction: 'up' | 'down' } | null>(null);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    if (!focus || !listRef.current) return;
    const buttons = (direction: string) => listRef.current?.querySelector<HTMLButtonElement>(`[data-stage="${focus.key}"][data-move="${direction}"]`);
    const wanted = buttons(focus.direction);
    // at the top "up" is disabled: stay on the stage through its other button
    (wanted && !wanted.disabled ? wanted : buttons(focus.direction === 'up' ? 'down' : 'up'))?.focus();
    setFocus(null);
  }, [focus]);

  const move = (index: number, delta: -1 | 1) => {
    const stage = stages[index];
    if (!stage) return;
    onChange(moveStage(stages, index, delta));
    setFocus({ key: stage.key, direction: delta < 0 ? 'up' : 'down' });
    setAnnouncement(t('templates.moved', { name: localName(stage, language), position: index + delta + 1, count: stages.length }));
  };
  const remove = (index: number) => {
    const stage = stages[index];
    if (!stage) return;
    onChange(stages.filter((_, i) => i !== index));
    setAnnouncement(t('templates.removedStage', { name: localName(stage, language) }));
  };

  return (
    <>
      <Box component="ol" ref={listRef} m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('templates.stagesLabel')}>
        {stages.map((stage, index) => {
          const name = localName(stage, language);
          const stageErrors = errors.filter((e) => e.path.startsWith(`stages.${index}.`));
          const up = t('templates.moveUp', { name });
          const down = t('templates.moveDown', { name });
          const retire = t('templates.removeStage', { name });
          return (
            <Paper component="li" key={stage.key} withBorder radius="md" p="sm" mb="xs">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <Text fw={700} c="dimmed" w={24} ta="center" aria-hidden>
                  {index + 1}
                </Text>
                <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                  <Group gap="xs">
                    <Text fw={600} size="sm" component="h4" m={0}>
                      {name}
                    </Text>
                    <Ltr dimmed>{stage.code}</Ltr>
                    {stage.required ? (
                      <Badge variant="light">{t('templates.requiredBadge')}</Badge>
                    ) : (
                      <Badge variant="light" color="gray">
                        {t('templates.optional')}
                      </Badge>
                    )}
                    {stage.autoSendSurvey ? (
                      <Badge variant="outline" color="grape">
                        {t('templates.autoSendBadge')}
                      </Badge>
                    ) : null}
                    {stage.id ? null : (
                      <Badge variant="dot" color="blue">
                        {t('templates.newBadge')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t('journeys.triggeredBy', { event: stage.triggerEventCode ? eventLabel(stage.triggerEventCode) : '—' })}
                  </Text>
                  {stageErrors.map((e) => (
                    <Text key={e.path} size="xs" c="red.8" role="alert">
                      {pick(e.message, language)}
                    </Text>
                  ))}
                </Stack>
                {writable ? (
                  <Group gap={2} wrap="nowrap">
                    <Tooltip label={up} withinPortal>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={up}
                        disabled={index === 0}
                        data-stage={stage.key}
                        data-move="up"
                        onClick={() => move(index, -1)}
                      >
                        <IconArrowUp size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={down} withinPortal>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={down}
                        disabled={index === stages.length - 1}
                        data-stage={stage.key}
                        data-move="down"
                        onClick={() => move(index, 1)}
                      >
                        <IconArrowDown size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                    <EditButton name={name} onClick={() => onEdit(stage)} />
                    <Tooltip label={retire} withinPortal>
                      <ActionIcon variant="subtle" color="red" aria-label={retire} onClick={() => remove(index)}>
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                ) : null}
              </Group>
            </Paper>
          );
        })}
      </Box>
      <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>
    </>
  );
}
