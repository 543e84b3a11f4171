/** The longest wait between two tries of anything the station retries in the background. */
export const BACKOFF_MAX_MS = 10 * 60_000;
export const BACKOFF_BASE_MS = 5_000;

/**
 * The wait before the next try after `failures` failed tries in a row:
 * doubling from `baseMs` up to ten minutes, drawn from the upper half of
 * that (jitter: stations that lost the hub together do not all come back in
 * the same second). `random` is in [0, 1).
 */
export function backoffDelayMs(failures: number, random: () => number, baseMs = BACKOFF_BASE_MS): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, baseMs * 2 ** Math.min(Math.max(failures, 1) - 1, 20));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}
