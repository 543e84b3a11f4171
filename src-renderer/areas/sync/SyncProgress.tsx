import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../src-shared/contract/index.js';
import { useNumberFormat } from '../../i18n/index.js';

/*
 * A sync round's progress, for the sync screen and the header indicator: a
 * file of its own so the header (on every screen) does not pull the sync
 * screen's chunk into the console's first bundle.
 */

/** What a round in progress has done, in words: the bar's name, and part of the header indicator's. */
export function useSyncProgressText(): (progress: NonNullable<SyncStatus['progress']>) => { text: string; percent: number | null } {
  const { t } = useTranslation('sync');
  const number = useNumberFormat();
  return (progress) => {
    if (progress.phase === 'catching_up') {
      const total = progress.total ?? 0;
      const percent = total > 0 ? Math.min(100, Math.round((progress.pulled / total) * 100)) : 100;
      return { text: t('sync.progressCatchUp', { done: number.format(progress.pulled), total: number.format(total), percent }), percent };
    }
    const total = progress.pushed + progress.pending;
    const percent = progress.pending > 0 && total > 0 ? Math.round((progress.pushed / total) * 100) : null;
    return {
      text: t('sync.progress', { pushed: number.format(progress.pushed), pulled: number.format(progress.pulled), pending: number.format(progress.pending) }),
      percent,
    };
  };
}

/**
 * Sending is measured against what was pending, a catch-up against the
 * records the hub's snapshot holds; receiving has no known end, so it shows
 * as ongoing.
 */
export function SyncProgressBar({ status, compact = false }: { status: SyncStatus; compact?: boolean }) {
  const describe = useSyncProgressText();
  const progress = status.progress;
  if (!progress) return null;
  const { text, percent } = describe(progress);
  return (
    <Stack gap={4} w={compact ? 140 : undefined}>
      <Progress value={percent ?? 100} animated striped={percent === null} aria-label={text} size={compact ? 'sm' : 'md'} />
      {compact ? null : (
        <Text size="sm" c="dimmed">
          {text}
        </Text>
      )}
    </Stack>
  );
}
