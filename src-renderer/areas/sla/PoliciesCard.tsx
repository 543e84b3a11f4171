import { ActionIcon, Alert, Badge, Button, Checkbox, Group, Modal, MultiSelect, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaPolicyView } from '../../../src-shared/contract/index.js';
import type { ClockKind } from '../../../src-shared/sla/clock.js';
import { SLA_RECIPIENTS, type SlaPolicyContent, type SlaRecipient, type SlaStep } from '../../../src-shared/sla/policies.js';
import { isApiError } from '../../api/client.js';
import { useCallMutation, useCallQuery } from '../../api/hooks.js';
import { useNotify } from '../../components/notify.js';
import { ErrorAlert, ErrorState, LoadingState } from '../../components/StateViews.js';
import { pick, useLanguage } from '../../i18n/index.js';

const CLOCKS: readonly ClockKind[] = ['first_response', 'resolution'];

type Content = SlaPolicyView['current']['content'];
type Step = Content['steps']['first_response'][number];

/** Business minutes as the officer reads them: "3 h 20 min". */
function useDuration() {
  const { t } = useTranslation('sla');
  return (minutes: number | null) => {
    if (minutes === null) return t('policies.none');
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return h > 0 ? t('policies.hours', { h, m }) : t('policies.minutes', { m });
  };
}

/** A policy's steps in one line each: "Reminder at 80 % → the assignee", "Level 2, 4 h after due → hospital admin (any time)". */
function useStepText() {
  const { t } = useTranslation('sla');
  const duration = useDuration();
  return (step: Pick<SlaStep, 'kind' | 'notify' | 'anyTime'> & { percent?: number; level?: number; afterDueMinutes?: number }) => {
    const whom = step.notify.map((r) => t(`recipient.${r}`)).join('، ');
    const head =
      step.kind === 'reminder'
        ? t('policies.reminderAt', { percent: step.percent ?? 0 })
        : step.afterDueMinutes
          ? t('policies.escalationAfter', { level: step.level ?? 1, after: duration(step.afterDueMinutes) })
          : t('policies.escalationAtDue', { level: step.level ?? 1 });
    return `${head} → ${whom}${step.anyTime ? ` (${t('policies.anyTime')})` : ''}`;
  };
}

function copyContent(content: Content): Content {
  return JSON.parse(JSON.stringify(content)) as Content;
}

/** Editing one policy: the two targets and each clock's steps; saved as a new version from now. */
function PolicyEditor({ hospitalId, policy, onClose }: { hospitalId: string; policy: SlaPolicyView; onClose: () => void }) {
  const { t } = useTranslation('sla');
  const language = useLanguage();
  const notify = useNotify();
  const save = useCallMutation('sla.savePolicy', ['sla.policies']);
  const [draft, setDraft] = useState<Content>(() => copyContent(policy.current.content));
  const [note, setNote] = useState('');
  const fields = isApiError(save.error) ? save.error.fields : [];
  const errorAt = (path: string) => {
    const found = fields.filter((f) => f.path === path);
    return found.length > 0 ? found.map((f) => pick(f.message, language)).join(' ') : undefined;
  };
  const setSteps = (clock: ClockKind, steps: Step[]) => setDraft({ ...draft, steps: { ...draft.steps, [clock]: steps } });
  const recipients = SLA_RECIPIENTS.map((r) => ({ value: r, label: t(`recipient.${r}`) }));
  const title = t('policies.editTitle', { type: t(`recordType.${policy.recordType}`), priority: t(`priority.${policy.priority}`) });

  return (
    <Modal opened onClose={onClose} title={title} size="xl">
      <Stack gap="md">
        <Group grow align="flex-start">
          {CLOCKS.map((clock) => (
            <NumberInput
              key={clock}
              label={t(`policies.target.${clock}`)}
              description={t('policies.targetHint')}
              min={0}
              step={30}
              allowDecimal={false}
              value={draft.targets[clock] ?? ''}
              error={errorAt(`content.targets.${clock}`)}
              onChange={(value) => setDraft({ ...draft, targets: { ...draft.targets, [clock]: value === '' ? null : Number(value) } })}
            />
          ))}
        </Group>
        {CLOCKS.map((clock) => {
          const steps = draft.steps[clock];
          return (
            <Stack key={clock} gap="xs">
              <Title order={4} size="h5">
                {t(`policies.stepsOf.${clock}`)}
              </Title>
              {steps.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('policies.noSteps')}
                </Text>
              ) : (
                <Table withTableBorder aria-label={t(`policies.stepsOf.${clock}`)}>
                  <Table.Tbody>
                    {steps.map((step, index) => {
                      const set = (patch: Partial<Step>) =>
                        setSteps(
                          clock,
                          steps.map((s, i) => (i === index ? ({ ...s, ...patch } as Step) : s)),
                        );
                      const path = `content.steps.${clock}.${index}`;
                      const n = index + 1;
                      return (
                        <Table.Tr key={index}>
                          <Table.Td>
                            {step.kind === 'reminder' ? (
                              <NumberInput
                                size="xs"
                                w={150}
                                label={t('policies.percent')}
                                aria-label={t('policies.percentN', { n })}
                                min={1}
                                max={99}
                                value={step.percent}
                                error={errorAt(`${path}.percent`)}
                                onChange={(value) => set({ percent: Number(value) })}
                              />
                            ) : (
                              <Group gap="xs" wrap="nowrap">
                                <NumberInput
                                  size="xs"
                                  w={80}
                                  label={t('policies.level')}
                                  aria-label={t('policies.levelN', { n })}
                                  min={1}
                                  max={9}
                                  value={step.level}
                                  error={errorAt(`${path}.level`)}
                                  onChange={(value) => set({ level: Number(value) })}
                                />
                                <NumberInput
                                  size="xs"
                                  w={150}
                                  label={t('policies.afterDue')}
                                  aria-label={t('policies.afterDueN', { n })}
                                  min={0}
                                  step={60}
                                  value={step.afterDueMinutes}
                                  error={errorAt(`${path}.afterDueMinutes`)}
                                  onChange={(value) => set({ afterDueMinutes: Number(value) })}
                                />
                              </Group>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <MultiSelect
                              size="xs"
                              label={t('policies.notify')}
                              aria-label={t('policies.notifyN', { n })}
                              data={recipients}
                              value={[...step.notify]}
                              error={errorAt(`${path}.notify`)}
                              onChange={(value) => set({ notify: value as SlaRecipient[] })}
                              comboboxProps={{ withinPortal: true }}
                            />
                          </Table.Td>
                          <Table.Td>
                            <Checkbox label={t('policies.anyTime')} checked={step.anyTime} onChange={(e) => set({ anyTime: e.currentTarget.checked })} />
                          </Table.Td>
                          <Table.Td>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={t('policies.removeStep', { n })}
                              onClick={() =>
                                setSteps(
                                  clock,
                                  steps.filter((_, i) => i !== index),
                                )
                              }
                            >
                              <IconTrash size={16} aria-hidden />
                            </ActionIcon>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              )}
              <Group gap="xs">
                <Button
                  size="compact-sm"
                  variant="light"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() =>
                    setSteps(clock, [
                      ...steps,
                      { id: `reminder_${steps.length + 1}_${Date.now() % 1000}`, kind: 'reminder', percent: 75, notify: ['assignee'], anyTime: false },
                    ])
                  }
                >
                  {t('policies.addReminder')}
                </Button>
                <Button
                  size="compact-sm"
                  variant="light"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() => {
                    const level = Math.max(0, ...steps.map((s) => (s.kind === 'escalation' ? s.level : 0))) + 1;
                    setSteps(clock, [
                      ...steps,
                      { id: `escalation_${level}`, kind: 'escalation', level, afterDueMinutes: (level - 1) * 240, notify: ['hospital_admin'], anyTime: false },
                    ]);
                  }}
                >
                  {t('policies.addEscalation')}
                </Button>
              </Group>
            </Stack>
          );
        })}
        {fields.length > 0 ? (
          <Alert color="red" variant="light" role="alert" title={t('policies.notSaved')}>
            {fields.map((f) => pick(f.message, language)).join(' ')}
          </Alert>
        ) : (
          <ErrorAlert error={save.error && !isApiError(save.error) ? save.error : undefined} />
        )}
        <TextInput label={t('policies.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('policies.cancel')}
          </Button>
          <Button
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                {
                  hospitalId,
                  recordType: policy.recordType,
                  priority: policy.priority,
                  content: draft as SlaPolicyContent as Content,
                  ...(note.trim() ? { note: note.trim() } : {}),
                },
                {
                  onSuccess: () => {
                    notify.done(t('policies.savedNotice'));
                    onClose();
                  },
                },
              )
            }
          >
            {t('policies.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * A hospital's SLA policies by record type and priority: the targets in
 * business time and the reminders and escalation ladder of each, with the
 * version in force. An administrator edits one into a new version.
 */
export function PoliciesCard({ hospitalId, writable }: { hospitalId: string; writable: boolean }) {
  const { t } = useTranslation('sla');
  const duration = useDuration();
  const stepText = useStepText();
  const query = useCallQuery('sla.policies', { hospitalId });
  const [editing, setEditing] = useState<SlaPolicyView | null>(null);
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <LoadingState />;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="sla-policies">
      <Stack gap="sm">
        <Title order={3} size="h4" id="sla-policies">
          {t('policies.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('policies.intro')}
        </Text>
        <Table.ScrollContainer minWidth={760}>
          <Table withTableBorder striped aria-label={t('policies.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('policies.for')}</Table.Th>
                <Table.Th>{t('policies.column.first_response')}</Table.Th>
                <Table.Th>{t('policies.column.resolution')}</Table.Th>
                <Table.Th>{t('policies.steps')}</Table.Th>
                <Table.Th>{t('policies.version')}</Table.Th>
                {writable ? <Table.Th>{t('policies.edit')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((policy) => {
                const name = `${t(`recordType.${policy.recordType}`)} · ${t(`priority.${policy.priority}`)}`;
                const content = policy.current.content;
                return (
                  <Table.Tr key={`${policy.recordType}:${policy.priority}`}>
                    <Table.Th scope="row">{name}</Table.Th>
                    <Table.Td>{duration(content.targets.first_response)}</Table.Td>
                    <Table.Td>{duration(content.targets.resolution)}</Table.Td>
                    <Table.Td>
                      <Stack gap={0}>
                        {CLOCKS.flatMap((clock) =>
                          content.steps[clock].map((step) => (
                            <Text key={`${clock}:${step.id}`} size="xs">
                              {t(`policies.clockShort.${clock}`)}: {stepText(step)}
                            </Text>
                          )),
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={policy.current.isDefault ? 'gray' : 'teal'}>
                        {policy.current.isDefault ? t('policies.default') : t('policies.versionN', { n: policy.history.length - 1 })}
                      </Badge>
                    </Table.Td>
                    {writable ? (
                      <Table.Td>
                        <ActionIcon variant="subtle" aria-label={t('policies.editOne', { name })} onClick={() => setEditing(policy)}>
                          <IconEdit size={16} aria-hidden />
                        </ActionIcon>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      {editing ? <PolicyEditor hospitalId={hospitalId} policy={editing} onClose={() => setEditing(null)} /> : null}
    </Paper>
  );
}
