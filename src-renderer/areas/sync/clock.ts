import type { SyncStatus } from '../../../src-shared/contract/index.js';

/** Five minutes: below it, clocks are close enough to say nothing. */
const WARN_MS = 5 * 60_000;

export type ClockWarning = { readonly kind: 'fast' | 'slow'; readonly minutes: number } | { readonly kind: 'remoteAhead'; readonly minutes: number } | null;

/**
 * What to tell an officer about clocks: this computer's own clock first (the
 * station corrects for it, but IT should set it right), else another
 * station's clock running ahead; nothing when all is within five minutes.
 */
export function clockWarning(status: Pick<SyncStatus, 'clockOffsetMs' | 'clockSkewMs'>): ClockWarning {
  const offset = status.clockOffsetMs;
  // the offset is what to add to this computer's clock to read the hub's: positive means it is slow
  if (Math.abs(offset) > WARN_MS) return { kind: offset > 0 ? 'slow' : 'fast', minutes: Math.round(Math.abs(offset) / 60_000) };
  if (status.clockSkewMs > WARN_MS) return { kind: 'remoteAhead', minutes: Math.round(status.clockSkewMs / 60_000) };
  return null;
}
