import { randomUUID } from 'node:crypto';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { PushResponse, StationScope } from '../../src-shared/hub-api.js';
import type { CellValue, HubDatabase } from '../db/schema.js';
import type { HubLog } from '../log.js';
import { hospitalOfRow, isSyncedTable } from '../../src-shared/tables/index.js';
import { type IndexedMessage, type Rejection, checkMessages, syncedTable } from './check.js';

/** The one lock every write to `messages` takes; its number is arbitrary but fixed ("PX36"). */
export const INGEST_LOCK = 0x50583336;

export interface Caller {
  readonly stationId: string;
  readonly scope: StationScope;
}

export interface IngestHooks {
  /** Test seam: runs inside the push transaction after its messages got their sequence numbers. */
  afterInsert?: (stationId: string) => Promise<void>;
}

interface HubRecord {
  hospitalId: string | null;
  data: Record<string, CellValue>;
  cellHlc: Record<string, string>;
  /** held by the hub before this push (an UPDATE), or new (an INSERT) */
  stored: boolean;
  /** the hospital it was routed to before this push */
  routedBefore: string | null;
  /** the cells this push changed, and their stamps (empty: unchanged). For a new record, all its cells */
  changedData: Record<string, CellValue>;
  changedHlc: Record<string, string>;
}

const key = (table: string, rowId: string) => `${table}\u0000${rowId}`;

/** Where a refused message points (table, row, column, stamp), for the log: never its value. */
function placeOf(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null) return {};
  const place: Record<string, unknown> = {};
  for (const field of ['table', 'rowId', 'column', 'hlc'] as const) {
    const value = (raw as Record<string, unknown>)[field];
    if (typeof value === 'string') place[field] = value.slice(0, 80);
  }
  return place;
}

/** Which hospital a record belongs to, by its spec's hospital column (a hospital row is its own). */
function hospitalOf(table: string, rowId: string, data: Record<string, CellValue>): string | null {
  return isSyncedTable(table) ? hospitalOfRow(table, { ...data, id: rowId }) : null;
}

/**
 * The hospital a record is routed to (records.hospital_id, messages.hospital_id):
 * its own hospital when it names one. A row of a hospital-scoped table whose
 * hospital_id is null (a group-level user, such as the first-run admin of a
 * hospital station) keeps the hospital it was routed to before, or — new on
 * the hub — is routed to the hospital of the station that wrote it, so that
 * hospital's stations and the group stations receive it.
 */
function routingHospital(table: string, rowId: string, data: Record<string, CellValue>, before: string | null, caller: Caller): string | null {
  const named = hospitalOf(table, rowId, data);
  if (named !== null || syncedTable(table)?.sync !== 'hospital') return named;
  return before ?? (caller.scope.kind === 'hospital' ? caller.scope.hospitalId : null);
}

/**
 * Push: store each message once and apply it to the hub's copy of the
 * records, a batch all or nothing. Sequence numbers are handed out under a
 * transaction-level advisory lock, so they commit in order and a puller's
 * cursor can never pass a message that commits late (docs/sync-protocol.md,
 * "the cursor trap").
 */
export class Ingest {
  /** pushes waiting for or holding the ingest lock, for /health */
  pending = 0;
  private readonly listeners: ((tables: ReadonlySet<string>) => void)[] = [];

  constructor(
    private readonly db: Kysely<HubDatabase>,
    private readonly log: HubLog,
    private readonly hooks: IngestHooks = {},
  ) {}

  async push(caller: Caller, raw: readonly unknown[]): Promise<PushResponse> {
    const { valid, rejected } = checkMessages(caller.stationId, raw);
    this.pending += 1;
    let answer: PushResponse;
    try {
      answer = await this.db.transaction().execute((trx) => this.applyInTransaction(trx, caller, valid, rejected));
    } finally {
      this.pending -= 1;
    }
    if (answer.accepted > 0 && this.listeners.length > 0) {
      const tables = new Set(valid.map((m) => m.message.table));
      for (const listener of this.listeners) listener(tables);
    }
    return answer;
  }

  /** Called after a push that stored new messages commits, with the tables they touched (the hub's sender wakes on its own tables). */
  onPushed(listener: (tables: ReadonlySet<string>) => void): void {
    this.listeners.push(listener);
  }

  /** The serial part of a push; also used by the hub's own writes (new hospitals), inside their transaction. */
  async applyInTransaction(
    trx: Transaction<HubDatabase>,
    caller: Caller,
    valid: readonly IndexedMessage[],
    rejectedEarly: readonly Rejection[],
    options: { readonly locked?: boolean } = {},
  ): Promise<PushResponse> {
    // (the hub's own writes took it already: see HubWriter.lock)
    if (!options.locked) await sql`SELECT pg_advisory_xact_lock(${INGEST_LOCK}::bigint)`.execute(trx);
    const records = await this.loadRecords(trx, valid);
    const { inScope, outOfScope } = this.checkScope(caller, valid, records);
    const rejected = [...rejectedEarly, ...outOfScope].sort((a, b) => a.index - b.index);

    // Apply in memory, last writer wins per cell. Re-applying a stored
    // message changes nothing (its HLC is not greater than the cell's), so a
    // retried batch needs no special case here.
    for (const { message } of inScope) {
      const recordKey = key(message.table, message.rowId);
      let record = records.get(recordKey);
      if (!record) {
        record = { hospitalId: null, data: {}, cellHlc: {}, stored: false, routedBefore: null, changedData: {}, changedHlc: {} };
        records.set(recordKey, record);
      }
      const held = record.cellHlc[message.column];
      if (held === undefined || message.hlc > held) {
        record.data[message.column] = message.value;
        record.cellHlc[message.column] = message.hlc;
        record.changedData[message.column] = message.value;
        record.changedHlc[message.column] = message.hlc;
        record.hospitalId = routingHospital(message.table, message.rowId, record.data, record.hospitalId, caller);
      }
    }

    const accepted = await this.storeMessages(trx, caller.stationId, inScope, records);
    await this.storeRelays(trx, relaysOfMoves(records, inScope));
    await this.hooks.afterInsert?.(caller.stationId);
    await this.storeRecords(trx, records);
    if (rejected.length > 0) await this.storeRejections(trx, caller.stationId, rejected);

    const answer: PushResponse = { accepted, duplicates: inScope.length - accepted, rejected: rejected.map(({ index, reason }) => ({ index, reason })) };
    if (rejected.length > 0) {
      const reasons: Record<string, number> = {};
      for (const r of rejected) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
      // where, never what: a refused cell may hold a patient's name or phone
      this.log('sync.rejected', {
        stationId: caller.stationId,
        count: rejected.length,
        reasons,
        first: rejected.slice(0, 5).map((r) => ({ index: r.index, reason: r.reason, ...placeOf(r.raw) })),
      });
    }
    return answer;
  }

  private async loadRecords(trx: Transaction<HubDatabase>, valid: readonly IndexedMessage[]): Promise<Map<string, HubRecord>> {
    const tables: string[] = [];
    const rowIds: string[] = [];
    const seen = new Set<string>();
    for (const { message } of valid) {
      const recordKey = key(message.table, message.rowId);
      if (seen.has(recordKey)) continue;
      seen.add(recordKey);
      tables.push(message.table);
      rowIds.push(message.rowId);
    }
    const records = new Map<string, HubRecord>();
    if (tables.length === 0) return records;
    const found = await sql<{ tbl: string; row_id: string; hospital_id: string | null; data: Record<string, CellValue>; cell_hlc: Record<string, string> }>`
      SELECT r.tbl, r.row_id, r.hospital_id, r.data, r.cell_hlc
      FROM records r JOIN unnest(${tables}::text[], ${rowIds}::text[]) AS k(tbl, row_id) ON r.tbl = k.tbl AND r.row_id = k.row_id`.execute(trx);
    for (const row of found.rows)
      records.set(key(row.tbl, row.row_id), {
        hospitalId: row.hospital_id,
        data: row.data,
        cellHlc: row.cell_hlc,
        stored: true,
        routedBefore: row.hospital_id,
        changedData: {},
        changedHlc: {},
      });
    return records;
  }

  /**
   * A hospital station writes only its own hospital's records, and of the
   * group-wide tables only its own hospital's row (its names): every
   * hospital_id it sends for a row, and the hospital the row already has on
   * the hub, must be its own. A hospital_id sent as null names no other
   * hospital: the row is the station's own (see routingHospital). A row whose
   * hospital is not known at all (no hospital_id cell in the batch, not on
   * the hub) is refused rather than guessed, and so is a row the hub holds
   * with no hospital (a group station's group-level record). Group stations
   * write everywhere.
   */
  private checkScope(
    caller: Caller,
    valid: readonly IndexedMessage[],
    records: ReadonlyMap<string, HubRecord>,
  ): { inScope: IndexedMessage[]; outOfScope: Rejection[] } {
    if (caller.scope.kind === 'group') return { inScope: [...valid], outOfScope: [] };
    const own = caller.scope.hospitalId;
    const claimed = new Map<string, Set<CellValue>>();
    for (const { message } of valid) {
      if (message.column !== 'hospital_id') continue;
      const recordKey = key(message.table, message.rowId);
      const set = claimed.get(recordKey) ?? new Set<CellValue>();
      set.add(message.value);
      claimed.set(recordKey, set);
    }
    const inScope: IndexedMessage[] = [];
    const outOfScope: Rejection[] = [];
    for (const item of valid) {
      const { table, rowId } = item.message;
      const spec = syncedTable(table);
      if (table === 'hospitals') {
        if (rowId === own) inScope.push(item);
        else outOfScope.push({ index: item.index, reason: 'out_of_scope', raw: item.message });
        continue;
      }
      if (spec?.sync !== 'hospital') {
        // Group-wide configuration (roles) is the central team's: a hospital station that
        // writes it would change what every station of the group lets its users do.
        outOfScope.push({ index: item.index, reason: 'out_of_scope', raw: item.message });
        continue;
      }
      const recordKey = key(table, rowId);
      const held = records.get(recordKey);
      const claims = claimed.get(recordKey);
      // held with no hospital: routed to group stations only, not this station's to write
      const hospitals: CellValue[] = [...(claims ?? [])].filter((h) => h !== null);
      if (held) hospitals.push(held.hospitalId);
      if (hospitals.length === 0 && !claims?.has(null)) outOfScope.push({ index: item.index, reason: 'unknown_hospital', raw: item.message });
      else if (hospitals.every((h) => h === own)) inScope.push(item);
      else outOfScope.push({ index: item.index, reason: 'out_of_scope', raw: item.message });
    }
    return { inScope, outOfScope };
  }

  /** One multi-row insert; duplicates of stored messages are skipped by UNIQUE (station_id, hlc). Returns how many were new. */
  private async storeMessages(
    trx: Transaction<HubDatabase>,
    stationId: string,
    messages: readonly IndexedMessage[],
    records: ReadonlyMap<string, HubRecord>,
  ): Promise<number> {
    if (messages.length === 0) return 0;
    const hlc: string[] = [];
    const tbl: string[] = [];
    const rowId: string[] = [];
    const col: string[] = [];
    const value: string[] = [];
    const hospitalId: (string | null)[] = [];
    const groupWide: boolean[] = [];
    for (const { message } of messages) {
      const groupTable = syncedTable(message.table)?.sync === 'group';
      hlc.push(message.hlc);
      tbl.push(message.table);
      rowId.push(message.rowId);
      col.push(message.column);
      value.push(JSON.stringify(message.value));
      hospitalId.push(groupTable && message.table !== 'hospitals' ? null : (records.get(key(message.table, message.rowId))?.hospitalId ?? null));
      groupWide.push(groupTable);
    }
    const result = await sql`
      INSERT INTO messages (station_id, hlc, tbl, row_id, col, value, hospital_id, group_wide)
      SELECT ${stationId}, m.hlc, m.tbl, m.row_id, m.col, m.value::jsonb, m.hospital_id, m.group_wide
      FROM unnest(${hlc}::text[], ${tbl}::text[], ${rowId}::text[], ${col}::text[], ${value}::text[], ${hospitalId}::text[], ${groupWide}::boolean[])
        AS m(hlc, tbl, row_id, col, value, hospital_id, group_wide)
      ON CONFLICT (station_id, hlc) DO NOTHING`.execute(trx);
    return Number(result.numAffectedRows ?? 0n);
  }

  /** Relayed copies (see relaysOfMoves), after the push's own messages. */
  private async storeRelays(trx: Transaction<HubDatabase>, relays: readonly Relay[]): Promise<void> {
    if (relays.length === 0) return;
    await sql`
      INSERT INTO messages (station_id, hlc, tbl, row_id, col, value, hospital_id, group_wide)
      SELECT m.station_id, m.hlc, m.tbl, m.row_id, m.col, m.value::jsonb, m.hospital_id, FALSE
      FROM unnest(${relays.map((r) => r.stationId)}::text[], ${relays.map((r) => r.hlc)}::text[], ${relays.map((r) => r.table)}::text[], ${relays.map((r) => r.rowId)}::text[],
                  ${relays.map((r) => r.column)}::text[], ${relays.map((r) => JSON.stringify(r.value))}::text[], ${relays.map((r) => r.hospitalId)}::text[])
        AS m(station_id, hlc, tbl, row_id, col, value, hospital_id)`.execute(trx);
  }

  /**
   * Writes the records this push changed: new ones whole, with one
   * multi-row INSERT; held ones with one UPDATE that merges in only the
   * cells this push changed (an edit of one field sends one field, not the
   * record: 10,000 edits pushed went from 140 to 58 ms a 5,000-message
   * batch here). Every write to `records` holds the ingest lock, so what
   * `loadRecords` found is still what the hub holds.
   */
  private async storeRecords(trx: Transaction<HubDatabase>, records: ReadonlyMap<string, HubRecord>): Promise<void> {
    const rows = { inserted: newColumns(), updated: newColumns() };
    for (const [recordKey, record] of records) {
      if (Object.keys(record.changedHlc).length === 0) continue;
      const [table = '', id = ''] = recordKey.split('\u0000');
      const into = record.stored ? rows.updated : rows.inserted;
      into.tbl.push(table);
      into.rowId.push(id);
      into.hospitalId.push(record.hospitalId);
      into.data.push(JSON.stringify(record.changedData));
      into.cellHlc.push(JSON.stringify(record.changedHlc));
    }
    const { inserted: i, updated: u } = rows;
    if (i.tbl.length === 0 && u.tbl.length === 0) return;
    // one statement, one round trip: the new records inserted, the held ones merged (never the same row)
    await sql`
      WITH inserted AS (
        INSERT INTO records (tbl, row_id, hospital_id, data, cell_hlc)
        SELECT r.tbl, r.row_id, r.hospital_id, r.data::jsonb, r.cell_hlc::jsonb
        FROM unnest(${i.tbl}::text[], ${i.rowId}::text[], ${i.hospitalId}::text[], ${i.data}::text[], ${i.cellHlc}::text[]) AS r(tbl, row_id, hospital_id, data, cell_hlc)
      )
      UPDATE records SET hospital_id = r.hospital_id, data = records.data || r.data::jsonb, cell_hlc = records.cell_hlc || r.cell_hlc::jsonb, updated_at = now()
      FROM unnest(${u.tbl}::text[], ${u.rowId}::text[], ${u.hospitalId}::text[], ${u.data}::text[], ${u.cellHlc}::text[]) AS r(tbl, row_id, hospital_id, data, cell_hlc)
      WHERE records.tbl = r.tbl AND records.row_id = r.row_id`.execute(trx);
  }

  private async storeRejections(trx: Transaction<HubDatabase>, stationId: string, rejected: readonly Rejection[]): Promise<void> {
    const index = rejected.map((r) => r.index);
    const reason = rejected.map((r) => r.reason);
    const message = rejected.map((r) => JSON.stringify(r.raw ?? null));
    await sql`
      INSERT INTO rejected_messages (station_id, batch_index, reason, message)
      SELECT ${stationId}, r.batch_index, r.reason, r.message::jsonb
      FROM unnest(${index}::int[], ${reason}::text[], ${message}::text[]) AS r(batch_index, reason, message)`.execute(trx);
  }
}

function newColumns(): { tbl: string[]; rowId: string[]; hospitalId: (string | null)[]; data: string[]; cellHlc: string[] } {
  return { tbl: [], rowId: [], hospitalId: [], data: [], cellHlc: [] };
}

interface Relay {
  readonly stationId: string;
  readonly hlc: string;
  readonly table: string;
  readonly rowId: string;
  readonly column: string;
  readonly value: CellValue;
  readonly hospitalId: string;
}

/**
 * A record this push moved to another hospital (a user the central team
 * placed elsewhere) was routed to the hospital it left until now, so:
 * the stations of that hospital get the move itself (its hospital_id cell:
 * they learn it left, and a user's scope there follows it), and the
 * stations of the hospital it joined get every cell the record holds (they
 * never had its earlier messages). Each copy keeps its cell's own stamp, so
 * last-writer-wins decides as it did for the original; it is stored under a
 * sender id of its own (`relay:<uuid>`), never under the writer's, whose
 * (station, stamp) pair stays unique.
 */
function relaysOfMoves(records: ReadonlyMap<string, HubRecord>, inScope: readonly IndexedMessage[]): Relay[] {
  const relays: Relay[] = [];
  for (const [recordKey, record] of records) {
    if (!record.stored || record.routedBefore === record.hospitalId) continue;
    const [table = '', rowId = ''] = recordKey.split('\u0000');
    if (syncedTable(table)?.sync !== 'hospital') continue;
    const left = record.routedBefore;
    if (left !== null) {
      const stationId = `relay:${randomUUID()}`;
      for (const { message } of inScope) {
        if (message.table === table && message.rowId === rowId && message.column === 'hospital_id')
          relays.push({ stationId, hlc: message.hlc, table, rowId, column: message.column, value: message.value, hospitalId: left });
      }
    }
    const joined = record.hospitalId;
    if (joined !== null) {
      const stationId = `relay:${randomUUID()}`;
      for (const [column, value] of Object.entries(record.data)) {
        const hlc = record.cellHlc[column];
        if (hlc !== undefined) relays.push({ stationId, hlc, table, rowId, column, value, hospitalId: joined });
      }
    }
  }
  return relays;
}
