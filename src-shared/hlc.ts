/**
 * Hybrid logical clock (HLC) for per-cell last-writer-wins sync.
 *
 * A stamp reads `2026-11-23T10:15:00.000Z-0000-<node>`: wall time (ISO, UTC),
 * a 4-hex-digit counter, and the station's node id. Because every part is
 * fixed-width, comparing two stamps as plain strings gives the same order as
 * comparing (wall, counter, node) — the hub and SQLite can sort them as text.
 *
 * The rules are the classic HLC ones (Kulkarni et al.), with one difference
 * that matters for an offline PX office: a peer whose clock runs ahead is
 * never refused. Its time is adopted (so our next stamp still sorts after its
 * edit) and the drift is reported so the console can warn about it.
 */
const MAX_COUNTER = 0xffff;
const ISO_LENGTH = 24; // 2026-11-23T10:15:00.000Z
const STAMP_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9A-F]{4})-([0-9a-zA-Z_-]{1,32})$/;

export interface HlcTime {
  /** milliseconds since the epoch, logical (never goes backwards) */
  readonly wallMs: number;
  readonly counter: number;
  readonly node: string;
}

export interface HlcTick {
  readonly time: HlcTime;
  readonly stamp: string;
}

export interface HlcReceipt {
  readonly time: HlcTime;
  /** how far the remote stamp's wall time is ahead of our physical clock (0 when behind) */
  readonly remoteAheadMs: number;
}

// Many stamps share a millisecond (every cell of a write does): format its date once.
let cachedWallMs = Number.NaN;
let cachedIso = '';
const COUNTER_HEX = Array.from({ length: 0x10000 }, (_, i) => i.toString(16).toUpperCase().padStart(4, '0'));

export function formatHlc(time: HlcTime): string {
  if (time.wallMs !== cachedWallMs) {
    const iso = new Date(time.wallMs).toISOString();
    if (iso.length !== ISO_LENGTH) throw new RangeError(`HLC wall time out of range: ${time.wallMs}`);
    cachedWallMs = time.wallMs;
    cachedIso = iso;
  }
  return `${cachedIso}-${COUNTER_HEX[time.counter]}-${time.node}`;
}

export function parseHlc(stamp: string): HlcTime {
  const match = STAMP_PATTERN.exec(stamp);
  if (!match) throw new RangeError(`Not an HLC stamp: ${stamp}`);
  const [, iso, counter, node] = match as unknown as [string, string, string, string];
  return { wallMs: Date.parse(iso), counter: Number.parseInt(counter, 16), node };
}

export function isHlc(stamp: string): boolean {
  return STAMP_PATTERN.test(stamp);
}

/** A stamp for a local event. `physicalMs` is the machine clock. */
export function tickHlc(last: HlcTime, physicalMs: number): HlcTick {
  let wallMs = Math.max(last.wallMs, physicalMs);
  let counter = wallMs === last.wallMs ? last.counter + 1 : 0;
  if (counter > MAX_COUNTER) {
    // More than 65,536 events in one millisecond: borrow the next millisecond
    // rather than fail a write. Order and uniqueness are preserved.
    wallMs += 1;
    counter = 0;
  }
  const time = { wallMs, counter, node: last.node };
  return { time, stamp: formatHlc(time) };
}

/** Merge a stamp received from a peer so that later local stamps sort after it. */
export function receiveHlc(last: HlcTime, remote: HlcTime, physicalMs: number): HlcReceipt {
  const wallMs = Math.max(last.wallMs, remote.wallMs, physicalMs);
  let counter: number;
  if (wallMs === last.wallMs && wallMs === remote.wallMs) counter = Math.max(last.counter, remote.counter) + 1;
  else if (wallMs === last.wallMs) counter = last.counter + 1;
  else if (wallMs === remote.wallMs) counter = remote.counter + 1;
  else counter = 0;
  let time: HlcTime = { wallMs, counter, node: last.node };
  if (counter > MAX_COUNTER) time = { wallMs: wallMs + 1, counter: 0, node: last.node };
  return { time, remoteAheadMs: Math.max(0, remote.wallMs - physicalMs) };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function initialHlc(node: string): HlcTime {
  return { wallMs: 0, counter: 0, node };
}
