import { sql, type Transaction } from 'kysely';
import { formatHlc, initialHlc, parseHlc, type HlcTime, tickHlc } from '../../src-shared/hlc.js';
import { type SyncedTableName, tableInfo } from '../../src-shared/tables/index.js';
import type { CellValue, HubDatabase } from '../db/schema.js';
import { INGEST_LOCK, type Ingest } from './ingest.js';
import { HUB_NODE } from './pull.js';

/** Cells of one record the hub writes: a new row's every synced column, or an edit's changed ones. */
export interface HubRow {
  readonly table: SyncedTableName;
  readonly rowId: string;
  readonly cells: Readonly<Record<string, CellValue>>;
}

/**
 * The hub writing records of its own (a new hospital, a survey sent or
 * answered, a delivery report): one message per cell, stamped by the hub's
 * HLC node and applied through the ingest path, so they are stored, routed
 * to the hospital's stations and merged cell by cell exactly as a station's
 * push. Derived and secret columns are never written: stations compute or
 * keep those themselves.
 */
export class HubWriter {
  private clock: HlcTime = initialHlc(HUB_NODE);
  /** transactions that hold the ingest lock already: taking it again is a round trip for nothing */
  private readonly locked = new WeakSet<Transaction<HubDatabase>>();

  constructor(
    private readonly ingest: Ingest,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Takes the ingest lock for the rest of the transaction: what is read from
   * `records` after it is what the hub holds until the transaction ends
   * (every write to records takes it). `write` then does not take it again.
   */
  async lock(trx: Transaction<HubDatabase>): Promise<void> {
    if (this.locked.has(trx)) return;
    await sql`SELECT pg_advisory_xact_lock(${INGEST_LOCK}::bigint)`.execute(trx);
    this.locked.add(trx);
  }

  async write(trx: Transaction<HubDatabase>, rows: readonly HubRow[]): Promise<void> {
    const messages = [];
    for (const row of rows) {
      const synced: readonly string[] = tableInfo(row.table).syncedColumns;
      for (const column of Object.keys(row.cells)) {
        if (!synced.includes(column)) throw new Error(`The hub may not write ${row.table}.${column}: it is not a synced column`);
      }
    }
    if (rows.every((row) => Object.keys(row.cells).length === 0)) return;
    await this.lock(trx);
    await this.catchUp(trx);
    for (const row of rows) {
      for (const [column, value] of Object.entries(row.cells)) {
        const next = tickHlc(this.clock, this.now());
        this.clock = next.time;
        messages.push({ index: messages.length, message: { hlc: next.stamp, table: row.table, rowId: row.rowId, column, value } });
      }
    }
    const answer = await this.ingest.applyInTransaction(trx, { stationId: HUB_NODE, scope: { kind: 'group' } }, messages, [], { locked: true });
    if (answer.rejected.length > 0) throw new Error(`The hub's own write was refused: ${JSON.stringify(answer.rejected.slice(0, 3))}`);
  }

  /**
   * Continues after the newest stamp the hub stored, read under the ingest
   * lock: another hub process on the same database (a second worker, a CLI
   * command) stamps too, and a stamp used twice would be dropped as a
   * duplicate. One probe of the (station_id, hlc) index.
   */
  private async catchUp(trx: Transaction<HubDatabase>): Promise<void> {
    const last = await trx
      .selectFrom('messages')
      .select((eb) => eb.fn.max('hlc').as('hlc'))
      .where('station_id', '=', HUB_NODE)
      .executeTakeFirst();
    if (last?.hlc && last.hlc > formatHlc(this.clock)) this.clock = parseHlc(last.hlc);
  }
}
