import { Alert, Button, Group, Select, Text, Textarea, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput, ComplaintDetail } from '../../../../src-shared/contract/index.js';
import { formatComplaintNumber, parseComplaintNumber } from '../../../../src-shared/complaints/numbers.js';
import { CLOSE_REASONS, RESOLUTION_CATEGORIES, RESOLUTION_OUTCOMES, type ComplaintStatus } from '../../../../src-shared/complaints/workflow.js';
import { ApiError, call } from '../../../api/client.js';
import { useCallMutation } from '../../../api/hooks.js';
import { FormModal } from '../../../components/FormModal.js';
import { useNotify } from '../../../components/notify.js';
import { consoleFieldError, useForm } from '../../../components/useForm.js';
import { ar } from '../texts.ar.js';
import { en } from '../texts.en.js';
import { BLANK_MOVE, moveForm, moveInput, moveLabel, moveProblems, type MoveForm } from './moves.js';

const INVALIDATES = ['complaints.list', 'complaints.get', 'surveys.list'] as const;
const NOT_FOUND = { en: en.move.duplicateNotFound, ar: ar.move.duplicateNotFound };

/** The id of the complaint a typed number names, if the reader may see it. */
async function complaintIdOf(typed: string): Promise<string | null> {
  const parsed = parseComplaintNumber(typed);
  if (!parsed) return null;
  const number = formatComplaintNumber(parsed.hospitalCode, parsed.station, parsed.sequence);
  const found = await call('complaints.list', { queue: 'all', q: number, pageSize: 2 });
  return found.items.find((item) => item.number === number)?.id ?? null;
}

/** One move's dialog: exactly what the move needs, said wrong at its field before and after sending. */
function MoveDialog({ complaint, to, onClose }: { complaint: ComplaintDetail; to: ComplaintStatus; onClose: () => void }) {
  const notify = useNotify();
  const { t } = useTranslation('complaints');
  const form = useForm(BLANK_MOVE);
  const move = useCallMutation('complaints.move', INVALIDATES);
  const kind: MoveForm = moveForm(complaint.type, complaint.status, to);
  const label = t(`move.${moveLabel(complaint.type, complaint.status, to)}`);
  const { values } = form;
  const outcomes = RESOLUTION_OUTCOMES.map((value) => ({ value, label: t(`outcome.${value}`) }));
  const whatWasDone = RESOLUTION_CATEGORIES.map((value) => ({ value, label: t(`resolution.${value}`) }));
  const closeReasons = CLOSE_REASONS.map((value) => ({ value, label: t(`closeReason.${value}`) }));

  // a duplicate is named by its number as the caller reads it; the station takes the complaint's id
  const send = async (input: CallInput<'complaints.move'>) => {
    if (kind !== 'closeUnresolved' || values.closeReason !== 'duplicate') return move.mutateAsync(input);
    const found = await complaintIdOf(values.duplicateOf);
    if (found === null || found === complaint.id)
      throw new ApiError(400, 'VALIDATION', 'field.duplicate_of', NOT_FOUND, [consoleFieldError('duplicateOf', NOT_FOUND)]);
    return move.mutateAsync({ ...input, duplicateOf: found });
  };

  const submit = async () => {
    const problems = moveProblems(complaint.type, complaint.status, to, kind, values);
    const done = await form.submit('complaints.move', moveInput(complaint.id, to, kind, values), send, problems);
    if (!done) return;
    notify.done(t('move.done', { status: t(`complaintStatus.${done.status}`) }));
    onClose();
  };

  return (
    <FormModal
      opened
      title={t('move.title', { move: label, number: complaint.number })}
      onClose={onClose}
      onSubmit={submit}
      busy={form.busy}
      failure={form.failure}
      generalText={form.generalText}
      submitLabel={label}
      size="md"
    >
      <Text size="sm" c="dimmed">
        {t('move.intro', { status: t(`complaintStatus.${to}`) })}
      </Text>
      {form.errorFor('to') ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
          {form.errorFor('to')}
        </Alert>
      ) : null}
      {kind === 'resolve' ? (
        <>
          <Select
            label={t('move.outcome')}
            required
            data={outcomes}
            {...form.choice('resolutionOutcome')}
            comboboxProps={{ withinPortal: true }}
            data-autofocus
          />
          <Select label={t('move.whatWasDone')} required data={whatWasDone} {...form.choice('resolutionCategory')} comboboxProps={{ withinPortal: true }} />
        </>
      ) : null}
      {kind === 'resolve' || kind === 'answer' ? (
        <Textarea
          label={kind === 'answer' ? t('move.answerText') : t('move.summary')}
          description={t('move.summaryHint')}
          required
          autosize
          minRows={3}
          dir="auto"
          data-autofocus={kind === 'answer' ? true : undefined}
          value={values.resolutionSummary}
          onChange={(event) => form.set('resolutionSummary', event.currentTarget.value)}
          error={form.errorFor('resolutionSummary')}
        />
      ) : null}
      {kind === 'closeUnresolved' ? (
        <>
          <Select
            label={t('move.closeReason')}
            required
            data={closeReasons}
            {...form.choice('closeReason')}
            comboboxProps={{ withinPortal: true }}
            data-autofocus
          />
          {values.closeReason === 'duplicate' ? (
            <TextInput label={t('move.duplicateOf')} description={t('move.duplicateHint')} required dir="ltr" {...form.text('duplicateOf')} />
          ) : null}
        </>
      ) : null}
      {kind === 'reopen' || kind === 'closeUnresolved' || kind === 'plain' ? (
        <Textarea
          label={kind === 'reopen' ? t('move.reopenReason') : t('move.reason')}
          required={kind === 'reopen'}
          autosize
          minRows={2}
          dir="auto"
          data-autofocus={kind === 'closeUnresolved' ? undefined : true}
          value={values.reason}
          onChange={(event) => form.set('reason', event.currentTarget.value)}
          error={form.errorFor('reason')}
        />
      ) : null}
    </FormModal>
  );
}

const EMPHASIS: Partial<Record<string, { variant: string; color?: string }>> = {
  resolved: { variant: 'filled' },
  answer: { variant: 'filled' },
  reopen: { variant: 'light', color: 'orange' },
  closeUnresolved: { variant: 'light', color: 'red' },
};

/** A button for each move the complaint allows now (the station's `moves`), each opening its dialog. */
export function MoveButtons({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useTranslation('complaints');
  const [moving, setMoving] = useState<ComplaintStatus | null>(null);
  if (complaint.moves.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('complaint.noMoves')}
      </Text>
    );
  }
  return (
    <>
      <Group gap="xs" role="group" aria-label={t('complaint.workflow')}>
        {complaint.moves.map((to) => {
          const label = moveLabel(complaint.type, complaint.status, to);
          const look = EMPHASIS[label] ?? { variant: 'default' };
          return (
            <Button key={to} size="sm" variant={look.variant} color={look.color} onClick={() => setMoving(to)}>
              {t(`move.${label}`)}
            </Button>
          );
        })}
      </Group>
      {moving ? <MoveDialog key={moving} complaint={complaint} to={moving} onClose={() => setMoving(null)} /> : null}
    </>
  );
}
