import { isHlc, parseHlc } from '../../src-shared/hlc.js';
import { HLC_MAX_AHEAD_MS, type RejectionReason, type SyncMessage, syncMessageSchema } from '../../src-shared/hub-api.js';
import { isSyncedTable, type TableInfo, tableInfo } from '../../src-shared/tables/index.js';

export interface IndexedMessage {
  readonly index: number;
  readonly message: SyncMessage;
}

export interface Rejection {
  readonly index: number;
  readonly reason: RejectionReason;
  readonly raw: unknown;
}

/** The description of a table that may travel (src-shared/tables); station-local tables never do. */
export function syncedTable(table: string): TableInfo | null {
  return isSyncedTable(table) ? tableInfo(table) : null;
}

/**
 * What can be judged from a message alone: its shape, the allowlist, that
 * its stamp is not ahead of the hub's clock by more than HLC_MAX_AHEAD_MS,
 * and that its HLC was stamped by the station sending it (the node part is the station
 * id, which is what makes `(station_id, hlc)` globally unique). Runs outside
 * the ingest lock, so pushes do this work in parallel.
 */
export function checkMessages(stationId: string, raw: readonly unknown[], now: number = Date.now()): { valid: IndexedMessage[]; rejected: Rejection[] } {
  const valid: IndexedMessage[] = [];
  const rejected: Rejection[] = [];
  raw.forEach((item, index) => {
    const parsed = syncMessageSchema.safeParse(item);
    if (!parsed.success) return rejected.push({ index, reason: 'invalid_message', raw: item });
    const message = parsed.data;
    const spec = syncedTable(message.table);
    if (!spec) return rejected.push({ index, reason: 'table_not_synced', raw: item });
    if (!spec.syncedColumns.includes(message.column)) return rejected.push({ index, reason: 'column_not_synced', raw: item });
    if (!isHlc(message.hlc)) return rejected.push({ index, reason: 'bad_hlc', raw: item });
    const stamp = parseHlc(message.hlc);
    if (stamp.node !== stationId) return rejected.push({ index, reason: 'hlc_not_this_station', raw: item });
    if (!(stamp.wallMs <= now + HLC_MAX_AHEAD_MS)) return rejected.push({ index, reason: 'hlc_in_future', raw: item });
    return valid.push({ index, message });
  });
  return { valid, rejected };
}
