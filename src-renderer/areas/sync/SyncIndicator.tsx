import { Badge, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconCloud, IconCloudOff, IconCloudQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useClockWarning } from './useClockWarning.js';
import { useCallQuery, usePermission } from '../../api/hooks.js';
import { useLanguage } from '../../i18n/index.js';
import { SyncProgressBar, useSyncProgressText } from './SyncProgress.js';
import { href } from '../../shell/router.js';
import { useTimeZone } from '../../shell/useTimeZone.js';
import type { SyncStatus } from '../../../src-shared/contract/index.js';
import { dateTimeParts } from '../../../src-shared/dates.js';

/**
 * In the header: not enrolled, online or offline, when we last synced, what
 * waits to be sent, how many sync problems there are (Sync → Problems), a
 * clock warning, progress while catching up. For whoever
 * may manage sync it is a link to Administration → Sync (reachable by
 * keyboard, its name is the whole summary); for others a plain status.
 */
type SyncIndicatorData = Pick<
  SyncStatus,
  'enrolled' | 'online' | 'lastSyncAt' | 'pendingMessages' | 'running' | 'progress' | 'clockOffsetMs' | 'clockSkewMs'
> & {
  problems: SyncStatus['problems'] | null;
};

export function SyncIndicator() {
  const { t } = useTranslation('sync');
  const describeProgress = useSyncProgressText();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const can = usePermission();
  const manages = can('sync.manage');
  // every 2 s while a round runs, so a catch-up's bar moves; every 10 s otherwise. Who manages sync sees all of it;
  // everyone else, only whether the station is in touch with the hub (sync.connection)
  const refetchInterval = (last: { running: boolean } | undefined) => (last?.running ? 2_000 : 10_000);
  const full = useCallQuery('sync.status', {}, { enabled: manages, refetchInterval });
  const plain = useCallQuery('sync.connection', {}, { enabled: !manages, refetchInterval });
  const data: SyncIndicatorData | undefined =
    full.data ?? (plain.data ? { ...plain.data, problems: null, progress: null, clockOffsetMs: 0, clockSkewMs: 0 } : undefined);
  const clock = useClockWarning(full.data);
  if (!data) return null;
  const problems = data.problems ? data.problems.rejected + data.problems.waiting : 0;

  let summary: string[];
  let badge: React.ReactNode;
  if (!data.enrolled) {
    summary = [t('sync.notEnrolled')];
    badge = (
      <Badge color="gray" variant="light" leftSection={<IconCloudQuestion size={14} aria-hidden />} style={{ flexShrink: 0 }}>
        {t('sync.notEnrolledShort')}
      </Badge>
    );
  } else {
    const online = data.online !== false;
    const last = data.lastSyncAt ? dateTimeParts(data.lastSyncAt, { language, timeZone }) : null;
    const lastText = last ? t('sync.lastSyncAt', { when: last.gregorian }) : t('sync.neverSynced');
    summary = [online ? t('sync.online') : t('sync.offline'), lastText];
    if (data.running && data.progress?.phase === 'catching_up') summary.push(describeProgress(data.progress).text);
    summary.push(data.pendingMessages > 0 ? t('sync.pendingCount', { count: data.pendingMessages }) : t('sync.nothingPending'));
    if (problems > 0) summary.push(t('syncProblems.count', { count: problems }));
    if (clock) summary.push(clock);
    badge = (
      <>
        {full.data?.running && full.data.progress ? <SyncProgressBar status={full.data} compact /> : null}
        <Badge
          color={online ? 'teal' : 'gray'}
          variant="light"
          leftSection={online ? <IconCloud size={14} aria-hidden /> : <IconCloudOff size={14} aria-hidden />}
          style={{ flexShrink: 0 }}
        >
          {online ? t('sync.online') : t('sync.offline')}
        </Badge>
        {problems > 0 ? (
          <Badge color="orange" variant="light" leftSection={<IconAlertTriangle size={14} aria-hidden />} style={{ flexShrink: 0 }}>
            {problems}
          </Badge>
        ) : null}
        {data.pendingMessages > 0 ? (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {t('sync.pendingCount', { count: data.pendingMessages })}
          </Text>
        ) : null}
        {clock ? <IconAlertTriangle size={16} color="var(--mantine-color-yellow-7)" aria-hidden /> : null}
      </>
    );
  }

  const name = `${t('sync.indicator')}: ${summary.join(language === 'ar' ? '، ' : ', ')}`;
  return (
    <Tooltip label={summary.join(' · ')} multiline maw={320} events={{ hover: true, focus: true, touch: false }}>
      {can('sync.manage') ? (
        <UnstyledButton component="a" href={href('/admin/sync')} aria-label={name} data-sync-indicator visibleFrom="xs" className="px-sync-indicator">
          <Group gap="xs" wrap="nowrap" aria-hidden>
            {badge}
          </Group>
        </UnstyledButton>
      ) : (
        <Group role="status" aria-label={name} data-sync-indicator visibleFrom="xs" wrap="nowrap" gap="xs" tabIndex={0} className="px-sync-indicator">
          {badge}
        </Group>
      )}
    </Tooltip>
  );
}
