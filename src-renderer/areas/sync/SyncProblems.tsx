import { Button, Card, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconChecks } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncRecord, SyncRejection, SyncStatus, SyncWaiting } from '../../../src-shared/contract/index.js';
import { useCallMutation, useCallQuery } from '../../api/hooks.js';
import { DateTimeText, Ltr } from '../../components/bits.js';
import { ConfirmAction } from '../../components/ConfirmAction.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { Pager } from '../../components/PagedTable.js';
import { type RecordLabels, useRecordLabels } from '../../components/recordLabels.js';
import { EmptyState, ErrorState, errorText } from '../../components/StateViews.js';
import { useLanguage, useNumberFormat } from '../../i18n/index.js';

const PAGE_SIZE = 10;
/** a new record waiting lists every field it brought: name a few, count the rest */
const FIELDS_SHOWN = 4;
const BOOKKEEPING = new Set(['created_at', 'updated_at', 'deleted_at']);

/**
 * Sync → Problems, only while there is one: the changes the hub refused
 * (they stay on this station) and the received changes that wait here, each
 * with why and what the officer can do. Both lists newest first, paged. A
 * refusal the officer has dealt with is marked so and leaves the list; it
 * stays on the station and is shown on request, with when and by whom.
 */
export function SyncProblemsSection({ status }: { status: SyncStatus }) {
  const { t } = useTranslation('sync');
  const number = useNumberFormat();
  const [rejectedPage, setRejectedPage] = useState(1);
  const [waitingPage, setWaitingPage] = useState(1);
  const [showDealtWith, setShowDealtWith] = useState(false);
  const { rejected: open, waiting, acknowledged } = status.problems;
  // the section stays while there are refusals dealt with, so they can be shown again
  const any = open + waiting + acknowledged > 0;
  const problems = useCallQuery(
    'sync.problems',
    { rejectedPage, waitingPage, pageSize: PAGE_SIZE, includeAcknowledged: showDealtWith },
    { enabled: any, keepPrevious: true, refetchInterval: 5_000 },
  );
  const markAll = useCallMutation('sync.acknowledgeRejections', ['sync.status', 'sync.problems']);
  const data = problems.data;
  // a list that shrank (a waiting record landed) keeps its reader on a page that exists
  useEffect(() => {
    if (!data) return;
    setRejectedPage((page) => Math.min(page, Math.max(1, Math.ceil(data.rejected.total / PAGE_SIZE))));
    setWaitingPage((page) => Math.min(page, Math.max(1, Math.ceil(data.waiting.total / PAGE_SIZE))));
  }, [data]);
  const rejectedColumns = useRejectedColumns();
  const waitingColumns = useWaitingColumns();
  if (!any) return null;

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="sync-problems-title">
      <Stack gap="lg">
        <Stack gap={4}>
          <Group gap="xs" wrap="nowrap">
            <IconAlertTriangle size={20} color="var(--mantine-color-orange-7)" aria-hidden />
            <Title order={3} id="sync-problems-title">
              {t('syncProblems.title')}
            </Title>
          </Group>
          <Text size="sm" c="dimmed" maw={720}>
            {t('syncProblems.intro')}
          </Text>
        </Stack>
        {problems.isError && !data ? <ErrorState error={problems.error} onRetry={() => void problems.refetch()} /> : null}
        {data && (data.rejected.total > 0 || open + acknowledged > 0) ? (
          <ProblemList
            title={t('syncProblems.refusedTitle')}
            intro={t('syncProblems.refusedIntro')}
            list={data.rejected}
            columns={rejectedColumns}
            rowKey={(row) => `${row.table}/${row.rowId}/${row.reason}/${row.acknowledgedAt ?? 'open'}/${row.acknowledgedBy ?? ''}`}
            onPage={setRejectedPage}
            busy={problems.isFetching}
            emptyText={t('syncProblems.nothingOpen')}
            toolbar={
              <>
                <Switch
                  label={t('syncProblems.showDealtWith')}
                  checked={showDealtWith}
                  onChange={(event) => {
                    setShowDealtWith(event.currentTarget.checked);
                    setRejectedPage(1);
                  }}
                />
                {open > 0 ? (
                  <ConfirmAction
                    trigger="button"
                    label={t('syncProblems.markAll')}
                    icon={<IconChecks size={16} aria-hidden />}
                    color="teal"
                    title={t('syncProblems.markAllTitle')}
                    body={t('syncProblems.markAllBody')}
                    confirmLabel={t('syncProblems.markAll')}
                    doneText={(done) => t('syncProblems.markedAll', { count: number.format(done.acknowledged) })}
                    onConfirm={() => markAll.mutateAsync({ all: true })}
                  />
                ) : null}
              </>
            }
          />
        ) : null}
        {data && data.waiting.total > 0 ? (
          <ProblemList
            title={t('syncProblems.waitingTitle')}
            intro={t('syncProblems.waitingIntro')}
            list={data.waiting}
            columns={waitingColumns}
            rowKey={(row) => `${row.table}/${row.rowId}/${JSON.stringify(row.reason)}`}
            onPage={setWaitingPage}
            busy={problems.isFetching}
          />
        ) : null}
      </Stack>
    </Card>
  );
}

interface ProblemListProps<T> {
  title: string;
  intro: string;
  list: { items: T[]; total: number; page: number; pageSize: number };
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  onPage: (page: number) => void;
  busy: boolean;
  /** what the list says when it is empty (a list shown only while it has items needs none) */
  emptyText?: string;
  /** controls over the whole list, beside its title */
  toolbar?: ReactNode;
}

function ProblemList<T>({ title, intro, list, columns, rowKey, onPage, busy, emptyText, toolbar }: ProblemListProps<T>) {
  const { t } = useTranslation('sync');
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={2}>
          <Title order={4}>{title}</Title>
          <Text size="sm" c="dimmed">
            {intro}
          </Text>
        </Stack>
        {toolbar ? (
          <Group gap="md" wrap="wrap">
            {toolbar}
          </Group>
        ) : null}
      </Group>
      <Paper withBorder radius="md">
        {list.items.length === 0 && emptyText ? (
          <EmptyState text={emptyText} />
        ) : (
          <DataTable label={title} columns={columns} rows={list.items} rowKey={rowKey} busy={busy} />
        )}
      </Paper>
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('common.total', { count: list.total })}
        </Text>
        <Pager total={list.total} pageSize={list.pageSize} page={list.page} onPage={onPage} />
      </Group>
    </Stack>
  );
}

function RecordCell({ table, record, labels }: { table: string; record: SyncRecord | null; labels: RecordLabels }) {
  const { t } = useTranslation('sync');
  const name = labels.name(record);
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {labels.type(table)}
      </Text>
      {name || !record?.key ? (
        <Text size="sm" fw={500}>
          {name ?? t('syncProblems.notShown')}
        </Text>
      ) : null}
      {record?.key && record.keyField ? (
        <Text size="xs" c="dimmed" component="div">
          {labels.field(table, record.keyField)}: <Ltr dimmed>{record.key}</Ltr>
        </Text>
      ) : null}
      {record?.hospital ? (
        <Text size="xs" c="dimmed">
          {labels.field(table, 'hospital_id')}: {labels.hospital(record)}
        </Text>
      ) : null}
    </Stack>
  );
}

function FieldsCell({ table, fields, labels }: { table: string; fields: readonly string[]; labels: RecordLabels }) {
  const { t } = useTranslation('sync');
  const shown = fields.length > FIELDS_SHOWN + 1 ? fields.slice(0, FIELDS_SHOWN) : fields;
  return (
    <Text size="sm">
      {labels.fields(table, shown)}
      {shown.length < fields.length ? ` ${t('syncProblems.more', { count: fields.length - shown.length })}` : null}
    </Text>
  );
}

function Why({ what, help }: { what: string; help: string }) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        {what}
      </Text>
      <Text size="sm" c="dimmed">
        {help}
      </Text>
    </Stack>
  );
}

/** Open: a button to mark it (when the reader may); dealt with: by whom and when. */
function DealtWithCell({ row, labels }: { row: SyncRejection; labels: RecordLabels }) {
  const { t } = useTranslation('sync');
  const language = useLanguage();
  const acknowledge = useCallMutation('sync.acknowledgeRejections', ['sync.status', 'sync.problems']);
  if (row.acknowledgedAt) {
    return (
      <Stack gap={2}>
        {/* the username is Latin: isolated, so it is not reordered inside Arabic text */}
        <Text size="sm">{t('syncProblems.dealtWithBy', { user: `\u2068${row.acknowledgedBy ?? '—'}\u2069` })}</Text>
        <DateTimeText value={row.acknowledgedAt} />
      </Stack>
    );
  }
  if (!row.canAcknowledge) return <Text size="sm">—</Text>;
  // the record named, so each row's button is told apart by a screen reader
  const record = row.record ? labels.quoted(row.record) : `${labels.type(row.table)} ${row.rowId}`;
  // the lists are refetched before the answer settles, and this row may be gone by then: told from the promise, which settles anyway
  const mark = () =>
    acknowledge.mutateAsync({ table: row.table, rowId: row.rowId, reason: row.reason }).then(
      () => notifications.show({ color: 'teal', message: t('syncProblems.markedDealtWith', { record }) }),
      () => undefined, // shown under the button
    );
  return (
    <Stack gap={4} align="flex-start">
      <Button
        size="xs"
        variant="light"
        color="teal"
        leftSection={<IconCheck size={14} aria-hidden />}
        aria-label={t('syncProblems.markDealtWithItem', { record })}
        loading={acknowledge.isPending}
        onClick={() => void mark()}
      >
        {t('syncProblems.markDealtWith')}
      </Button>
      {acknowledge.error ? (
        <Text size="xs" c="red" role="alert" maw={220} style={{ whiteSpace: 'normal' }}>
          {errorText(acknowledge.error, language)}
        </Text>
      ) : null}
    </Stack>
  );
}

function useRejectedColumns(): Column<SyncRejection>[] {
  const { t } = useTranslation('sync');
  const labels = useRecordLabels();
  return [
    { key: 'record', header: t('syncProblems.record'), minWidth: 180, render: (row) => <RecordCell table={row.table} record={row.record} labels={labels} /> },
    { key: 'fields', header: t('syncProblems.fields'), minWidth: 160, render: (row) => <FieldsCell table={row.table} fields={row.fields} labels={labels} /> },
    {
      key: 'why',
      header: t('syncProblems.why'),
      minWidth: 320,
      render: (row) => <Why what={t(`syncProblems.rejection.${row.reason}`)} help={t(`syncProblems.rejectionHelp.${row.reason}`)} />,
    },
    { key: 'at', header: t('syncProblems.refusedAt'), nowrap: true, render: (row) => <DateTimeText value={row.at} /> },
    { key: 'dealtWith', header: t('syncProblems.dealtWith'), nowrap: true, render: (row) => <DealtWithCell row={row} labels={labels} /> },
  ];
}

function useWaitingColumns(): Column<SyncWaiting>[] {
  const { t } = useTranslation('sync');
  const labels = useRecordLabels();
  const why = ({ table, reason }: SyncWaiting): ReactNode => {
    switch (reason.kind) {
      case 'parent': {
        const values = { type: labels.type(reason.table), field: labels.field(table, reason.field) };
        return <Why what={t('syncProblems.wait.parent', values)} help={t('syncProblems.waitHelp.parent')} />;
      }
      case 'incomplete': {
        // when a record was made and changed is the station's bookkeeping, not what a person misses
        const named = reason.fields.filter((f) => !BOOKKEEPING.has(f));
        return (
          <Why
            what={t('syncProblems.wait.incomplete', { fields: labels.fields(table, named.length > 0 ? named : reason.fields) })}
            help={t('syncProblems.waitHelp.incomplete')}
          />
        );
      }
      case 'duplicate': {
        // the hospital is part of most unique rules (an MRN per hospital); the other field is the one to fix
        const named = reason.fields.filter((f) => f !== 'hospital_id');
        const fields = labels.fields(table, named.length > 0 ? named : reason.fields);
        if (!reason.local?.record)
          return <Why what={t('syncProblems.wait.duplicateUnknown', { fields })} help={t('syncProblems.waitHelp.duplicateUnknown', { fields })} />;
        const local = labels.quoted(reason.local.record);
        return <Why what={t('syncProblems.wait.duplicate', { fields, local })} help={t('syncProblems.waitHelp.duplicate', { fields, local })} />;
      }
      case 'invalid':
        return <Why what={t('syncProblems.wait.invalid')} help={t('syncProblems.waitHelp.invalid')} />;
      case 'future_stamp':
        return <Why what={t('syncProblems.wait.future_stamp')} help={t('syncProblems.waitHelp.future_stamp')} />;
      case 'unknown':
        return <Why what={t('syncProblems.wait.unknown')} help={t('syncProblems.waitHelp.unknown')} />;
    }
  };
  return [
    { key: 'record', header: t('syncProblems.record'), minWidth: 180, render: (row) => <RecordCell table={row.table} record={row.record} labels={labels} /> },
    { key: 'fields', header: t('syncProblems.fields'), minWidth: 160, render: (row) => <FieldsCell table={row.table} fields={row.fields} labels={labels} /> },
    { key: 'why', header: t('syncProblems.why'), minWidth: 320, render: (row) => why(row) },
    { key: 'at', header: t('syncProblems.changedAt'), nowrap: true, render: (row) => <DateTimeText value={row.changedAt} /> },
  ];
}
