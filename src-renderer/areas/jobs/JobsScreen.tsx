import { Alert, Badge, Button, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { JobStatus } from '../../../src-shared/contract/index.js';
import { useCallQuery, usePermission } from '../../api/hooks.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { DateTimeText, PageHeader } from '../../components/bits.js';
import { EmptyState, ErrorAlert, ErrorState, LoadingState } from '../../components/StateViews.js';
import { pick, useLanguage } from '../../i18n/index.js';
import { EventReaders } from './EventReaders.js';
import { jobState, type JobState } from './jobStates.js';
import { ErrorCell, NameCell, useJobTimes, useRunNow } from './parts.js';

const STATE_COLOR: Record<JobState, string> = { running: 'blue', failing: 'red', ok: 'teal', notRunYet: 'gray' };

/**
 * Administration → Jobs: every background job of the station (its schedule,
 * whether it runs, its last run and how long it took, its next run, its last
 * error) and the readers of domain events (how far each has read, what
 * waits, why one is stuck). Whoever manages sync may run a job now.
 */
export function JobsScreen() {
  const { t } = useTranslation('jobs');
  // every 2 s while a job or a reader fails, so its retry is seen; every 5 s otherwise
  const work = useCallQuery(
    'jobs.list',
    {},
    {
      refetchInterval: (last) => (last && (last.jobs.some((j) => j.lastOutcome === 'failed') || last.subscribers.some((s) => s.failing)) ? 2_000 : 5_000),
    },
  );
  if (work.isPending) return <LoadingState />;
  if (work.isError && !work.data) return <ErrorState error={work.error} onRetry={() => void work.refetch()} />;
  const failing = work.data.jobs.filter((job) => job.lastOutcome === 'failed').length;
  return (
    <Stack gap="lg">
      <PageHeader title={t('jobs.title')} intro={t('jobs.intro')} />
      {work.isError ? <ErrorAlert error={work.error} /> : null}
      {failing > 0 ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} role="status">
          {t('jobs.failingSummary', { count: failing })}
        </Alert>
      ) : null}
      <Paper withBorder radius="md">
        {work.data.jobs.length === 0 ? <EmptyState text={t('jobs.none')} /> : <JobsTable jobs={work.data.jobs} busy={work.isFetching} />}
      </Paper>
      <Stack gap="xs">
        <Title order={3}>{t('jobReaders.title')}</Title>
        <Text c="dimmed" size="sm" maw={720}>
          {t('jobReaders.intro')}
        </Text>
      </Stack>
      <EventReaders readers={work.data.subscribers} busy={work.isFetching} />
    </Stack>
  );
}

function JobsTable({ jobs, busy }: { jobs: readonly JobStatus[]; busy: boolean }) {
  const { t } = useTranslation('jobs');
  const language = useLanguage();
  const times = useJobTimes();
  const can = usePermission();
  const run = useRunNow();
  const columns: Column<JobStatus>[] = [
    {
      key: 'job',
      header: t('jobs.job'),
      minWidth: 180,
      render: (job) => <NameCell label={job.label} name={job.name} />,
    },
    {
      key: 'schedule',
      header: t('jobs.schedule'),
      render: (job) => times.schedule(job.schedule),
    },
    {
      key: 'status',
      header: t('jobs.status'),
      nowrap: true,
      render: (job) => {
        const state = jobState(job);
        return (
          <Badge color={STATE_COLOR[state]} variant="light">
            {t(`jobs.${state}`)}
          </Badge>
        );
      },
    },
    {
      key: 'lastRun',
      header: t('jobs.lastRun'),
      render: (job) => (
        <Stack gap={2}>
          <DateTimeText value={job.lastStartedAt} seconds />
          {job.lastDurationMs === null ? null : (
            <Text size="xs" c="dimmed">
              {t('jobs.took', { duration: times.duration(job.lastDurationMs) })}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'nextRun',
      header: t('jobs.nextRun'),
      render: (job) =>
        job.nextRunAt ? (
          <DateTimeText value={job.nextRunAt} seconds />
        ) : (
          <Text size="sm">{job.running ? t('jobs.afterThisRun') : t('jobs.whenThereIsWork')}</Text>
        ),
    },
    {
      key: 'lastError',
      header: t('jobs.lastError'),
      minWidth: 240,
      render: (job) => <ErrorCell error={job.lastError} failures={job.failures} />,
    },
  ];
  if (can('sync.manage')) {
    columns.push({
      key: 'actions',
      header: <VisuallyHidden>{t('jobs.runNow')}</VisuallyHidden>,
      nowrap: true,
      render: (job) => (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlayerPlay size={14} aria-hidden />}
          aria-label={t('jobs.runNowItem', { name: pick(job.label, language) })}
          loading={run.isRunning(job.name)}
          onClick={() => void run.run(job.name, job.label)}
        >
          {t('jobs.runNow')}
        </Button>
      ),
    });
  }
  return (
    <Stack gap={0}>
      <DataTable label={t('jobs.table')} columns={columns} rows={jobs} rowKey={(job) => job.name} busy={busy} />
      {run.error ? <ErrorAlert error={run.error} /> : null}
    </Stack>
  );
}
