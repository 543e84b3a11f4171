import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCloud, IconCloudOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../api/hooks.js';
import { useLanguage } from '../i18n/index.js';
import { SyncProgressBar } from '../screens/sync/SyncScreen.js';
import { useTimeZone } from './useTimeZone.js';
import { dateTimeParts } from '../../src-shared/dates.js';

/** In the header: online or offline, when we last synced, what waits to be sent, a clock warning, progress while catching up. */
export function SyncIndicator() {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const status = useCallQuery('sync.status', {}, { refetchInterval: 10_000 });
  const data = status.data;
  if (!data?.enrolled) return null;
  const online = data.online !== false;
  const last = data.lastSyncAt ? dateTimeParts(data.lastSyncAt, { language, timeZone }) : null;
  const lastText = last ? t('sync.lastSyncAt', { when: last.gregorian }) : t('sync.neverSynced');
  const summary = [online ? t('sync.online') : t('sync.offline'), lastText, t('sync.pendingCount', { count: data.pendingMessages })];
  if (data.skewWarning) summary.push(t('sync.skewWarning', { minutes: Math.round(data.clockSkewMs / 60_000) }));
  return (
    <Tooltip label={summary.join(' · ')} multiline maw={320}>
      <Group gap="xs" wrap="nowrap" role="status" aria-label={summary.join('. ')} visibleFrom="xs">
        {data.running && data.progress ? <SyncProgressBar status={data} compact /> : null}
        <Badge
          color={online ? 'teal' : 'gray'}
          variant="light"
          leftSection={online ? <IconCloud size={14} aria-hidden /> : <IconCloudOff size={14} aria-hidden />}
        >
          {online ? t('sync.online') : t('sync.offline')}
        </Badge>
        {data.pendingMessages > 0 ? (
          <Text size="xs" c="dimmed">
            {t('sync.pendingCount', { count: data.pendingMessages })}
          </Text>
        ) : null}
        {data.skewWarning ? <IconAlertTriangle size={16} color="var(--mantine-color-yellow-7)" aria-hidden /> : null}
      </Group>
    </Tooltip>
  );
}
