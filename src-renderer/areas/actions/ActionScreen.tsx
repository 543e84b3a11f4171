import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Grid,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  ThemeIcon,
  Timeline,
  Title,
} from '@mantine/core';
import { IconCheck, IconClock, IconFilePlus, IconInfoCircle, IconMessage, IconArrowsExchange, IconPaperclip, IconPencil, IconUser } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PxActionDetail, PxActionEvent } from '../../../src-shared/contract/index.js';
import { useCallMutation, useCallQuery, usePermission } from '../../api/hooks.js';
import { useAllDepartments } from '../../api/lookups.js';
import type { Me } from '../../api/session.js';
import { BackLink, DateTimeText, Fact } from '../../components/bits.js';
import { useNotify } from '../../components/notify.js';
import { AttachmentsCard } from '../../components/Attachments.js';
import { ClocksCard, SlaBadge } from '../../components/Sla.js';
import { ErrorState, LoadingState } from '../../components/StateViews.js';
import { localName, pick, useLanguage } from '../../i18n/index.js';
import { href } from '../../shell/router.js';
import { ACTIONS_PATH, ActionNumber, ActionPriorityBadge, ActionStatusBadge, ProblemAlert, useOwners, VerbButtons } from './parts.js';
import { FormModal } from '../../components/FormModal.js';
import { DepartmentSelect } from '../../components/pickers.js';
import { useForm } from '../../components/useForm.js';
import { PRIORITIES } from '../../../src-shared/complaints/taxonomy.js';

const ICON = {
  created: IconFilePlus,
  status: IconArrowsExchange,
  note: IconMessage,
  evidence: IconCheck,
  assignment: IconUser,
  sla: IconClock,
  attachment: IconPaperclip,
} as const;
/** The statuses in which an action is still being worked (and may change hands). */
const OPEN: readonly string[] = ['open', 'in_progress', 'pending_approval'];
const COLOR = { created: 'blue', status: 'indigo', note: 'gray', evidence: 'teal', assignment: 'cyan', sla: 'red', attachment: 'gray' } as const;

function EntryTitle({ event }: { event: PxActionEvent }) {
  const { t } = useTranslation('actions');
  const { t: tc } = useTranslation();
  const details = event.details ?? {};
  const fileName = typeof details.fileName === 'string' ? `\u2068${details.fileName}\u2069` : null;
  switch (event.kind) {
    case 'evidence':
      return <>{fileName ? tc('attachments.timelineAdded', { name: fileName }) : t('actionTimeline.evidence')}</>;
    case 'attachment':
      return <>{tc('attachments.timelineRemoved', { name: fileName ?? '' })}</>;
    case 'created':
      return <>{details.source === 'survey' ? t('actionTimeline.createdFromSurvey') : t('actionTimeline.created')}</>;
    case 'status':
      return (
        <>
          {event.fromStatus && event.toStatus
            ? t('actionTimeline.status', { from: t(`actionStatus.${event.fromStatus}`), to: t(`actionStatus.${event.toStatus}`) })
            : event.toStatus
              ? t(`actionStatus.${event.toStatus}`)
              : ''}
        </>
      );
    case 'sla':
      return (
        <>
          {details.stepKind === 'escalation'
            ? t('actionTimeline.slaEscalation', { level: typeof details.level === 'number' ? details.level : '' })
            : t('actionTimeline.slaReminder', { percent: typeof details.percent === 'number' ? details.percent : '' })}
        </>
      );
    default:
      return <>{t(`actionTimeline.${event.kind}`)}</>;
  }
}

function ActionTimeline({ action }: { action: PxActionDetail }) {
  const { t } = useTranslation('actions');
  if (action.timeline.length === 0) return <Text c="dimmed">{t('actionTimeline.empty')}</Text>;
  return (
    <Timeline active={action.timeline.length - 1} bulletSize={28} lineWidth={2}>
      {action.timeline.map((event) => {
        const Bullet = ICON[event.kind];
        return (
          <Timeline.Item
            key={event.id}
            color={COLOR[event.kind]}
            bullet={
              <ThemeIcon size={28} radius="xl" color={COLOR[event.kind]} variant="light" aria-hidden>
                <Bullet size={16} />
              </ThemeIcon>
            }
            title={
              <Text fw={600} size="sm" component="h4" m={0}>
                <EntryTitle event={event} />
              </Text>
            }
          >
            <Stack gap={4} mt={4}>
              {event.text ? (
                <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
                  {event.text}
                </Text>
              ) : null}
              <Group gap="xs" align="flex-start">
                <Text size="xs" c="dimmed">
                  {t('actionTimeline.by', {
                    name: event.actorName === 'sla' || event.actorName === 'px-actions' ? t('actionTimeline.engine') : event.actorName,
                  })}
                </Text>
                <DateTimeText value={event.at} />
              </Group>
            </Stack>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

/** A note on the timeline, or evidence of what was done (which the approver reads, and which approval may require). */
function NoteBox({ id }: { id: string }) {
  const { t } = useTranslation('actions');
  const notify = useNotify();
  const note = useCallMutation('actions.note', ['actions.get', 'actions.list']);
  const [text, setText] = useState('');
  const [evidence, setEvidence] = useState(true);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    note.mutate(
      { id, text: text.trim(), evidence },
      {
        onSuccess: () => {
          setText('');
          notify.done(t('actionNote.added'));
        },
      },
    );
  };
  return (
    <Paper withBorder radius="md" p="md" component="form" aria-labelledby="action-note" onSubmit={submit} noValidate>
      <Title order={3} size="h4" id="action-note" mb="sm">
        {t('actionNote.title')}
      </Title>
      <Stack gap="sm">
        <Textarea label={t('actionNote.text')} required autosize minRows={3} dir="auto" value={text} onChange={(e) => setText(e.currentTarget.value)} />
        <Checkbox label={t('actionNote.evidence')} checked={evidence} onChange={(e) => setEvidence(e.currentTarget.checked)} />
        <ProblemAlert error={note.error} />
        <Button type="submit" loading={note.isPending} w="fit-content">
          {t('actionNote.add')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** Who owns the action, its department, priority and committed date: one dialog, one timeline entry. */
function EditDialog({ me, action, onClose }: { me: Me; action: PxActionDetail; onClose: () => void }) {
  const { t } = useTranslation('actions');
  const notify = useNotify();
  const assign = useCallMutation('actions.assign', ['actions.get', 'actions.list']);
  const form = useForm({
    ownerUserId: action.ownerUserId ?? '',
    departmentId: action.departmentId ?? '',
    priority: action.priority as string,
    dueDate: action.dueDate ?? '',
  });
  // who can own it where it will be: the department chosen here
  const owners = useOwners(me, action.hospitalId, form.values.departmentId || null);
  const submit = async () => {
    const { values } = form;
    const input = {
      id: action.id,
      ownerUserId: values.ownerUserId || null,
      departmentId: values.departmentId || null,
      priority: values.priority as PxActionDetail['priority'],
      dueDate: values.dueDate || null,
    };
    if (await form.submit('actions.assign', input, assign.mutateAsync)) {
      notify.done(t('actionEdit.saved', { number: `\u2068${action.number}\u2069` }));
      onClose();
    }
  };
  return (
    <FormModal
      opened
      title={t('actionEdit.title', { number: `\u2068${action.number}\u2069` })}
      onClose={onClose}
      onSubmit={submit}
      busy={form.busy}
      failure={form.failure}
      generalText={form.generalText}
      submitLabel={t('actionEdit.save')}
      size="md"
    >
      <Select
        label={t('actionDetail.owner')}
        data={owners.options}
        searchable
        clearable
        disabled={owners.loading}
        {...form.choice('ownerUserId')}
        comboboxProps={{ withinPortal: true }}
        data-autofocus
        openOnFocus={false}
      />
      <DepartmentSelect label={t('actionDetail.department')} hospitalId={action.hospitalId} {...form.choice('departmentId')} clearable />
      <Select
        label={t('actionNew.priority')}
        data={PRIORITIES.map((p) => ({ value: p, label: t(`actionPriority.${p}`) }))}
        {...form.choice('priority')}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <TextInput type="date" label={t('actionDetail.dueDate')} {...form.text('dueDate')} />
    </FormModal>
  );
}

/** One PX action: its facts, moves, clock, evidence and timeline. */
export function ActionScreen({ me, id }: { me: Me; id: string }) {
  const { t } = useTranslation('actions');
  const { t: tc } = useTranslation();
  const language = useLanguage();
  const can = usePermission();
  const { byId: departments } = useAllDepartments();
  const query = useCallQuery('actions.get', { id });
  const assign = useCallMutation('actions.assign', ['actions.get', 'actions.list']);
  const [editing, setEditing] = useState(false);
  const back = <BackLink to={ACTIONS_PATH} label={t('actionDetail.back')} />;
  if (query.isError)
    return (
      <Stack gap="lg">
        {back}
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </Stack>
    );
  if (query.isPending) return <LoadingState />;
  const a = query.data;
  const writable = can('actions.write');
  const department = a.departmentId ? departments.get(a.departmentId) : undefined;
  return (
    <Stack gap="lg">
      {back}
      <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
        <Stack gap={6} maw={720}>
          <Title order={2}>
            <ActionNumber number={a.number} />
          </Title>
          <Text size="lg" fw={500} dir="auto">
            {a.title}
          </Text>
          <Group gap="xs">
            <ActionStatusBadge status={a.status} />
            <ActionPriorityBadge priority={a.priority} />
            <SlaBadge sla={a.sla} />
          </Group>
        </Stack>
        <Stack gap={6} align="flex-end">
          <VerbButtons id={a.id} number={a.number} verbs={a.verbs} size="sm" />
          {a.status === 'pending_approval' && !a.verbs.includes('approve') && writable ? (
            <Text size="xs" c="dimmed" maw={320}>
              {t('actionDetail.approverHint')}
            </Text>
          ) : null}
        </Stack>
      </Group>
      {writable ? null : (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('actionDetail.readOnly')}
        </Alert>
      )}
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="action-facts">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4" id="action-facts">
            {t('actionDetail.facts')}
          </Title>
          {writable && OPEN.includes(a.status) ? (
            <Button size="xs" variant="light" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)}>
              {t('actionEdit.open')}
            </Button>
          ) : null}
        </Group>
        {editing ? <EditDialog me={me} action={a} onClose={() => setEditing(false)} /> : null}
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="md">
          <Fact label={t('actionDetail.source')}>
            {t(`actionSource.${a.sourceType}`)}
            {a.sourceType === 'complaint' && a.sourceId && a.sourceLabel ? (
              <Anchor href={href(`/complaints/${a.sourceId}`)} size="sm" display="block">
                <bdi dir="ltr">{a.sourceLabel}</bdi>
              </Anchor>
            ) : a.sourceLabel ? (
              <Text size="xs" c="dimmed">
                <bdi>{a.sourceLabel}</bdi>
              </Text>
            ) : null}
          </Fact>
          <Fact label={t('actionDetail.department')}>{department ? localName(department, language) : t('actionDetail.none')}</Fact>
          <Fact label={t('actionDetail.owner')}>
            {a.ownerName ? pick(a.ownerName, language) : t('actions.noOwner')}
            {writable && a.ownerUserId !== me.user.id && ['open', 'in_progress'].includes(a.status) ? (
              <Button size="compact-xs" variant="subtle" loading={assign.isPending} onClick={() => assign.mutate({ id: a.id, ownerUserId: me.user.id })}>
                {t('actionDetail.takeIt')}
              </Button>
            ) : null}
          </Fact>
          <Fact label={t('actionDetail.dueDate')}>{a.dueDate ? <bdi dir="ltr">{a.dueDate}</bdi> : t('actionDetail.none')}</Fact>
          <Fact label={t('actionDetail.created')}>
            <DateTimeText value={a.createdAt} />
          </Fact>
          <Fact label={t('actionDetail.evidenceRequired')}>
            {a.evidenceRequired ? t('actionDetail.yes') : t('actionDetail.no')} · {t('actions.evidence', { n: a.evidenceCount })}
          </Fact>
        </SimpleGrid>
        {a.description ? (
          <Stack gap={2} mt="md">
            <Text size="xs" c="dimmed" fw={500}>
              {t('actionDetail.description')}
            </Text>
            <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
              {a.description}
            </Text>
          </Stack>
        ) : null}
        <ProblemAlert error={assign.error} />
      </Paper>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="action-timeline">
              <Title order={3} size="h4" id="action-timeline" mb="md">
                {t('actionTimeline.title')}
              </Title>
              <ActionTimeline action={a} />
            </Paper>
            {writable && ['open', 'in_progress', 'pending_approval'].includes(a.status) ? <NoteBox id={a.id} /> : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <ClocksCard clocks={a.clocks} />
            <AttachmentsCard
              host="action"
              recordId={a.id}
              attachments={a.attachments}
              canAdd={writable && ['open', 'in_progress', 'pending_approval'].includes(a.status)}
              hint={tc('attachments.evidenceHint')}
            />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
