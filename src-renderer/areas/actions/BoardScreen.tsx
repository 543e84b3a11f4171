import { Button, Group, Paper, ScrollArea, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput, PxActionSummary } from '../../../src-shared/contract/index.js';
import { PX_ACTION_STATUSES, pxActionVerbs, type PxActionStatus } from '../../../src-shared/complaints/workflow.js';
import { call } from '../../api/client.js';
import { callKey, usePermission } from '../../api/hooks.js';
import type { Me } from '../../api/session.js';
import { PageHeader } from '../../components/bits.js';
import { SlaBadge } from '../../components/Sla.js';
import { ErrorState, LoadingState } from '../../components/StateViews.js';
import { pick, useLanguage } from '../../i18n/index.js';
import { href } from '../../shell/router.js';
import { ActionLink, ActionPriorityBadge, NEW_ACTION_PATH, VerbButtons } from './parts.js';

const QUEUES = ['all', 'mine', 'unassigned', 'approval'] as const;
type Queue = (typeof QUEUES)[number];
/** The work still to do: what the board shows unless closed and cancelled are asked for. */
const ACTIVE: readonly PxActionStatus[] = ['open', 'in_progress', 'pending_approval', 'approved'];
/** The statuses each queue of `actions.list` can hold: mine and no-owner are the actions still being worked (not yet approved). */
const QUEUE_HOLDS: Record<Queue, readonly PxActionStatus[]> = {
  all: PX_ACTION_STATUSES,
  mine: ['open', 'in_progress', 'pending_approval'],
  unassigned: ['open', 'in_progress', 'pending_approval'],
  approval: ['pending_approval'],
};
/** The statuses in which an action's committed date still binds. */
const OPEN_WORK: readonly PxActionStatus[] = ['open', 'in_progress', 'pending_approval'];
/** Today's date on this console's clock, as the committed date is written (YYYY-MM-DD). */
const today = () => new Date().toLocaleDateString('en-CA');

/** Cards a column loads at a time; "Load more" asks for the next ones. */
const PAGE_SIZE = 50;
const REFRESH_MS = 30_000;

function Card({ action, me, writable }: { action: PxActionSummary; me: Me; writable: boolean }) {
  const { t } = useTranslation('actions');
  const language = useLanguage();
  const verbs = writable
    ? pxActionVerbs(action.status, { level: me.role.level, isOwner: action.ownerUserId === me.user.id || action.submittedByUserId === me.user.id })
    : [];
  return (
    <Paper withBorder radius="md" p="sm" component="li" style={{ listStyle: 'none' }} aria-label={`${action.number} — ${action.title}`}>
      <Stack gap={6}>
        <Group justify="space-between" gap={6} wrap="nowrap">
          <ActionLink id={action.id} number={action.number} />
          <ActionPriorityBadge priority={action.priority} />
        </Group>
        <Text size="sm" fw={500} dir="auto" lineClamp={3}>
          {action.title}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`actionSource.${action.sourceType}`)}
          {action.sourceLabel ? ' · ' : ''}
          {action.sourceLabel ? <bdi>{action.sourceLabel}</bdi> : null}
        </Text>
        <Group gap={6} wrap="wrap">
          <Text size="xs">{action.ownerName ? pick(action.ownerName, language) : t('actions.noOwner')}</Text>
          {action.evidenceRequired || action.evidenceCount > 0 ? (
            <Text size="xs" c="dimmed">
              {t('actions.evidence', { n: action.evidenceCount })}
            </Text>
          ) : null}
        </Group>
        {action.dueDate && OPEN_WORK.includes(action.status) ? (
          <Text size="xs" c={action.dueDate < today() ? 'red.8' : undefined} fw={action.dueDate < today() ? 600 : undefined}>
            {/* the date kept left to right inside an Arabic sentence (an isolate: 2026-12-21 would read 21-12-2026) */}
            {t(action.dueDate < today() ? 'actions.duePassed' : 'actions.due', { date: `\u2066${action.dueDate}\u2069` })}
          </Text>
        ) : null}
        <SlaBadge sla={action.sla} />
        <VerbButtons id={action.id} number={action.number} verbs={verbs} />
      </Stack>
    </Paper>
  );
}

/**
 * One column of the board: the actions of one status in the queue, newest
 * first, loaded a page at a time. Its heading counts all of them, and while
 * fewer are loaded it says how many are shown and offers the next ones, so
 * no card is ever left off without a word.
 */
function Column({ queue, status, me, writable }: { queue: Queue; status: PxActionStatus; me: Me; writable: boolean }) {
  const { t } = useTranslation('actions');
  const input = { queue, status, pageSize: PAGE_SIZE } satisfies CallInput<'actions.list'>;
  const column = useInfiniteQuery({
    // under the call's own key, so every write that refreshes `actions.list` refreshes the board
    queryKey: [...callKey('actions.list', input), 'board'],
    queryFn: ({ pageParam }) => call('actions.list', { ...input, page: pageParam }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
    refetchInterval: REFRESH_MS,
    staleTime: 0,
  });
  const pages = column.data?.pages ?? [];
  // a card that moved to a later page between two loads is shown once
  const seen = new Set<string>();
  const cards = pages.flatMap((page) => page.items).filter((action) => !seen.has(action.id) && Boolean(seen.add(action.id)));
  const total = pages[0]?.total ?? 0;
  const name = t(`actionStatus.${status}`);
  const headingId = `board-${status}`;
  return (
    <Stack gap="xs" w={280} style={{ flexShrink: 0 }} component="section" aria-labelledby={headingId}>
      <Group justify="space-between" wrap="nowrap">
        <Title order={3} size="h5" id={headingId}>
          {name}
        </Title>
        {column.data ? (
          <Text size="xs" c="dimmed">
            {t('actions.count', { n: total })}
          </Text>
        ) : null}
      </Group>
      {column.isPending ? (
        <LoadingState label={t('actions.loading')} />
      ) : column.data === undefined ? (
        <ErrorState error={column.error} onRetry={() => void column.refetch()} />
      ) : (
        <>
          <Stack gap="xs" component="ul" p={0} m={0}>
            {cards.length === 0 ? (
              <Text size="sm" c="dimmed" component="li" style={{ listStyle: 'none' }}>
                {t('actions.columnEmpty')}
              </Text>
            ) : (
              cards.map((action) => <Card key={action.id} action={action} me={me} writable={writable} />)
            )}
          </Stack>
          {column.isError ? (
            <ErrorState error={column.error} onRetry={() => void (column.isFetchNextPageError ? column.fetchNextPage() : column.refetch())} />
          ) : null}
          {cards.length < total ? (
            <Stack gap={6} align="flex-start">
              <Text size="xs" c="dimmed">
                {t('actions.showing', { shown: cards.length, total })}
              </Text>
              {column.hasNextPage ? (
                <Button
                  size="xs"
                  variant="default"
                  loading={column.isFetchingNextPage}
                  aria-label={t('actions.loadMoreIn', { column: name })}
                  onClick={() => void column.fetchNextPage()}
                >
                  {t('actions.loadMore')}
                </Button>
              ) : null}
            </Stack>
          ) : null}
        </>
      )}
    </Stack>
  );
}

/**
 * The PX Action Center's board: a column per status, each card with its
 * owner, evidence, SLA badge (business time left) and the moves this person
 * may make — buttons, so the board is worked by keyboard as well as by
 * mouse. The queue narrows it to mine, unowned, or waiting for approval,
 * and shows only the columns that queue can hold. Each column loads its own
 * status (the open work unless closed and cancelled are asked for), so an
 * older open action is never crowded out by newer closed ones.
 */
export function BoardScreen({ me }: { me: Me }) {
  const { t } = useTranslation('actions');
  const can = usePermission();
  const writable = can('actions.write');
  const [queue, setQueue] = useState<Queue>('all');
  const [showClosed, setShowClosed] = useState(false);
  const holds = QUEUE_HOLDS[queue];
  const closedInQueue = holds.includes('closed');
  const statuses = (showClosed && closedInQueue ? PX_ACTION_STATUSES : ACTIVE).filter((status) => holds.includes(status));

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('actions.title')}
        intro={t('actions.intro')}
        actions={
          writable ? (
            <Button component="a" href={href(NEW_ACTION_PATH)} leftSection={<IconPlus size={16} aria-hidden />}>
              {t('actions.create')}
            </Button>
          ) : null
        }
      />
      <Stack gap={6}>
        <Group gap="md" wrap="wrap">
          <SegmentedControl
            aria-label={t('actions.queue')}
            aria-describedby="board-queue-hint"
            value={queue}
            onChange={(value) => setQueue(value as Queue)}
            data={QUEUES.map((q) => ({ value: q, label: t(`actionQueue.${q}`) }))}
          />
          <Switch
            label={t('actions.showClosed')}
            checked={showClosed && closedInQueue}
            disabled={!closedInQueue}
            onChange={(e) => setShowClosed(e.currentTarget.checked)}
          />
        </Group>
        <Text size="sm" c="dimmed" id="board-queue-hint">
          {t(`actionQueueHint.${queue}`)}
        </Text>
      </Stack>
      <ScrollArea type="auto" offsetScrollbars>
        <Group align="flex-start" gap="md" wrap="nowrap" role="region" aria-label={t('actions.board')}>
          {statuses.map((status) => (
            <Column key={`${queue}-${status}`} queue={queue} status={status} me={me} writable={writable} />
          ))}
        </Group>
      </ScrollArea>
    </Stack>
  );
}
