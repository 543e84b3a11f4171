import { Button, Group, Paper, ScrollArea, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PxActionSummary } from '../../../src-shared/contract/index.js';
import { PX_ACTION_STATUSES, pxActionVerbs, type PxActionStatus } from '../../../src-shared/complaints/workflow.js';
import { useCallQuery, usePermission } from '../../api/hooks.js';
import type { Me } from '../../api/session.js';
import { PageHeader } from '../../components/bits.js';
import { SlaBadge } from '../../components/Sla.js';
import { ErrorState, LoadingState } from '../../components/StateViews.js';
import { pick, useLanguage } from '../../i18n/index.js';
import { href } from '../../shell/router.js';
import { ActionLink, ActionPriorityBadge, NEW_ACTION_PATH, VerbButtons } from './parts.js';

const QUEUES = ['all', 'mine', 'unassigned', 'approval'] as const;
type Queue = (typeof QUEUES)[number];
const ACTIVE: readonly PxActionStatus[] = ['open', 'in_progress', 'pending_approval', 'approved'];

function Card({ action, me, writable }: { action: PxActionSummary; me: Me; writable: boolean }) {
  const { t } = useTranslation('actions');
  const language = useLanguage();
  const verbs = writable ? pxActionVerbs(action.status, { level: me.role.level, isOwner: action.ownerUserId === me.user.id }) : [];
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
        <SlaBadge sla={action.sla} />
        <VerbButtons id={action.id} number={action.number} verbs={verbs} />
      </Stack>
    </Paper>
  );
}

/**
 * The PX Action Center's board: a column per status, each card with its
 * owner, evidence, SLA badge (business time left) and the moves this person
 * may make — buttons, so the board is worked by keyboard as well as by
 * mouse. The queue narrows it to mine, unowned, or waiting for approval.
 */
export function BoardScreen({ me }: { me: Me }) {
  const { t } = useTranslation('actions');
  const can = usePermission();
  const writable = can('actions.write');
  const [queue, setQueue] = useState<Queue>('all');
  const [showClosed, setShowClosed] = useState(false);
  const query = useCallQuery('actions.list', { queue, page: 1, pageSize: 500 }, { refetchInterval: 30_000 });
  const statuses = showClosed ? PX_ACTION_STATUSES : ACTIVE;

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
      <Group gap="md" wrap="wrap">
        <SegmentedControl
          aria-label={t('actions.queue')}
          value={queue}
          onChange={(value) => setQueue(value as Queue)}
          data={QUEUES.map((q) => ({ value: q, label: t(`actionQueue.${q}`) }))}
        />
        <Switch label={t('actions.showClosed')} checked={showClosed} onChange={(e) => setShowClosed(e.currentTarget.checked)} />
      </Group>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <LoadingState label={t('actions.loading')} />
      ) : (
        <ScrollArea type="auto" offsetScrollbars>
          <Group align="flex-start" gap="md" wrap="nowrap" role="region" aria-label={t('actions.board')}>
            {statuses.map((status) => {
              const cards = query.data.items.filter((a) => a.status === status);
              const headingId = `board-${status}`;
              return (
                <Stack key={status} gap="xs" w={280} style={{ flexShrink: 0 }} component="section" aria-labelledby={headingId}>
                  <Group justify="space-between">
                    <Title order={3} size="h5" id={headingId}>
                      {t(`actionStatus.${status}`)}
                    </Title>
                    <Text size="xs" c="dimmed">
                      {t('actions.count', { n: cards.length })}
                    </Text>
                  </Group>
                  <Stack gap="xs" component="ul" p={0} m={0}>
                    {cards.length === 0 ? (
                      <Text size="sm" c="dimmed" component="li" style={{ listStyle: 'none' }}>
                        {t('actions.columnEmpty')}
                      </Text>
                    ) : (
                      cards.map((action) => <Card key={action.id} action={action} me={me} writable={writable} />)
                    )}
                  </Stack>
                </Stack>
              );
            })}
          </Group>
        </ScrollArea>
      )}
    </Stack>
  );
}
