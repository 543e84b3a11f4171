import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../src-shared/contract/index.js';
import { clockWarning } from './clock.js';

/** The clock warning of a sync status, as a sentence in the reader's language; null when clocks agree. */
export function useClockWarning(status: Pick<SyncStatus, 'clockOffsetMs' | 'clockSkewMs'> | undefined): string | null {
  const { t } = useTranslation('sync');
  const warning = status ? clockWarning(status) : null;
  if (!warning) return null;
  const key = warning.kind === 'fast' ? 'sync.clockFast' : warning.kind === 'slow' ? 'sync.clockSlow' : 'sync.skewWarning';
  return t(key, { minutes: warning.minutes });
}
