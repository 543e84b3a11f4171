import { HLC_MAX_AHEAD_MS } from '../../src-shared/hub-api.js';
import type { OutboxCell } from '../../src-shared/tables/index.js';
import type { WriteTx } from '../core/data-layer.js';
import type { Store } from '../core/db/store.js';

/**
 * An office PC's clock can be minutes or hours off (set by hand, a wrong
 * time zone). The hub refuses a change stamped more than HLC_MAX_AHEAD_MS
 * ahead of its own clock, and a slow clock makes a station's edits lose to
 * older ones. So each sync round asks the hub's time, and the station stamps
 * with its machine clock corrected by the difference (DataLayer.clock).
 */

/** A difference smaller than this is left to the hybrid clock: machines a few seconds apart are normal. */
export const CLOCK_CORRECTION_MIN_MS = 30_000;

/** The correction to use, given the hub's offset measured now (null: the hub did not say, keep what we had). */
export function clockCorrection(measuredMs: number | null, currentMs: number): number {
  if (measuredMs === null) return currentMs;
  return Math.abs(measuredMs) < CLOCK_CORRECTION_MIN_MS ? 0 : measuredMs;
}

/** The highest stamp the hub accepts at `hubNowMs`, as text (stamps compare as text). */
function ceilingStamp(hubNowMs: number): string {
  return `${new Date(hubNowMs + HLC_MAX_AHEAD_MS).toISOString()}-FFFF-~`;
}

/**
 * When the station clock ran beyond what the hub accepts (its machine clock
 * was fast before the hub's time was known), brings it back to the hub's time
 * — never below the newest stamp the hub already took from it, so no stamp is
 * given twice — and stamps again, in their order, the unsent changes stamped
 * at or after that time: those the hub would refuse, and the ones between,
 * so a later change still carries a later stamp. Nothing is lost and nothing
 * sent is touched. Runs in the caller's write transaction; answers the cells
 * stamped again.
 */
export function bringClockToHub(tx: WriteTx, store: Store, hubNowMs: number): number {
  const ceiling = ceilingStamp(hubNowMs);
  const floor = store
    .statement(`SELECT max(hlc) FROM sync_messages WHERE sent_at IS NOT NULL AND hlc <= ? AND hlc NOT IN (SELECT hlc FROM sync_rejections)`)
    .pluck()
    .get(ceiling) as string | null;
  if (!tx.resetClockIfBeyond(hubNowMs + HLC_MAX_AHEAD_MS, hubNowMs, floor)) return 0;
  const from = new Date(hubNowMs).toISOString();
  let restamped = 0;
  const entries = store.statement('SELECT seq, cells FROM sync_outbox WHERE sent_at IS NULL ORDER BY seq').all() as { seq: number; cells: string }[];
  const update = store.statement('UPDATE sync_outbox SET cells = ? WHERE seq = ?');
  for (const entry of entries) {
    const cells = JSON.parse(entry.cells) as OutboxCell[];
    if (!cells.some(([, , hlc]) => hlc >= from)) continue;
    for (const cell of cells) {
      if (cell[2] < from) continue;
      cell[2] = tx.restamp();
      restamped += 1;
    }
    update.run(JSON.stringify(cells), entry.seq);
  }
  return restamped;
}
