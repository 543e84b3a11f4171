import { Badge, Button, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SubscriberStatus } from '../../../src-shared/contract/index.js';
import { usePermission } from '../../api/hooks.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { DateTimeText, Ltr } from '../../components/bits.js';
import { EmptyState, ErrorAlert } from '../../components/StateViews.js';
import { pick, useLanguage, useNumberFormat } from '../../i18n/index.js';
import { ErrorCell, NameCell, useRunNow } from './parts.js';
import { readerState, type ReaderState } from './jobStates.js';

const STATE_COLOR: Record<ReaderState, string> = { failing: 'red', behind: 'blue', upToDate: 'teal' };

/**
 * The readers of domain events: what each reads, how far it got, what
 * waits for it, and why it is stuck. Whoever manages sync may try a stuck
 * one again before its backoff is over.
 */
export function EventReaders({ readers, busy }: { readers: readonly SubscriberStatus[]; busy: boolean }) {
  const { t } = useTranslation('jobs');
  const language = useLanguage();
  const number = useNumberFormat();
  const can = usePermission();
  const retry = useRunNow();
  if (readers.length === 0) {
    return (
      <Paper withBorder radius="md">
        <EmptyState text={t('jobReaders.none')} />
      </Paper>
    );
  }
  const columns: Column<SubscriberStatus>[] = [
    {
      key: 'reader',
      header: t('jobReaders.reader'),
      minWidth: 180,
      render: (reader) => <NameCell label={reader.label} name={reader.name} />,
    },
    {
      key: 'events',
      header: t('jobReaders.events'),
      render: (reader) => (
        <Stack gap={2} align="flex-start">
          {reader.events.map((type) => (
            <Ltr key={type}>{type}</Ltr>
          ))}
        </Stack>
      ),
    },
    {
      key: 'status',
      header: t('jobReaders.status'),
      nowrap: true,
      render: (reader) => {
        const state = readerState(reader);
        return (
          <Stack gap={2} align="flex-start">
            <Badge color={STATE_COLOR[state]} variant="light">
              {t(`jobReaders.${state}`)}
            </Badge>
            {reader.failingSeq === null ? null : (
              <Text size="xs" c="dimmed">
                {t('jobReaders.stuckOn', { seq: number.format(reader.failingSeq) })}
              </Text>
            )}
          </Stack>
        );
      },
    },
    {
      key: 'waiting',
      header: t('jobReaders.waiting'),
      nowrap: true,
      render: (reader) => (reader.lag >= reader.lagCap ? t('jobReaders.atLeast', { count: number.format(reader.lagCap) }) : number.format(reader.lag)),
    },
    {
      key: 'delivered',
      header: t('jobReaders.delivered'),
      render: (reader) => (
        <Stack gap={2}>
          <Text size="sm">{number.format(reader.delivered)}</Text>
          {reader.lastDeliveredAt ? (
            <>
              <Text size="xs" c="dimmed">
                {t('jobReaders.lastDelivered')}
              </Text>
              <DateTimeText value={reader.lastDeliveredAt} seconds />
            </>
          ) : null}
        </Stack>
      ),
    },
    {
      key: 'lastError',
      header: t('jobReaders.lastError'),
      minWidth: 240,
      render: (reader) => (
        <Stack gap={4}>
          <ErrorCell error={reader.lastError} failures={reader.failures} />
          {reader.failing && reader.nextAttemptAt ? (
            <>
              <Text size="xs" c="dimmed">
                {t('jobReaders.nextAttempt')}
              </Text>
              <DateTimeText value={reader.nextAttemptAt} seconds />
            </>
          ) : null}
        </Stack>
      ),
    },
  ];
  if (can('sync.manage')) {
    columns.push({
      key: 'actions',
      header: <VisuallyHidden>{t('jobReaders.retryNow')}</VisuallyHidden>,
      nowrap: true,
      render: (reader) =>
        reader.failing ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconRefresh size={14} aria-hidden />}
            aria-label={t('jobReaders.retryNowItem', { name: pick(reader.label, language) })}
            loading={retry.isRunning(reader.job)}
            onClick={() => void retry.run(reader.job, reader.label)}
          >
            {t('jobReaders.retryNow')}
          </Button>
        ) : null,
    });
  }
  return (
    <Paper withBorder radius="md">
      <DataTable label={t('jobReaders.table')} columns={columns} rows={readers} rowKey={(reader) => reader.name} busy={busy} />
      {retry.error ? <ErrorAlert error={retry.error} /> : null}
    </Paper>
  );
}
