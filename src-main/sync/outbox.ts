import { isSyncedTable, type SyncedTableName } from '../../src-shared/tables/index.js';
import type { Store } from '../core/db/store.js';
import { decodeVersions, encodeVersions } from './apply.js';

/** Entries the hub acknowledged are kept this long (to see what went, and when), then folded away. */
export const OUTBOX_KEEP_MS = 7 * 24 * 60 * 60_000;
/** The most entries one compaction folds: it runs after every round, a bounded step each time. */
const COMPACT_LIMIT = 20_000;

/**
 * The outbox is also where this station's own cell versions live: the
 * per-cell rule compares a remote stamp with the newest of our entries for
 * the cell (apply.ts, versionsOf). Entries the hub acknowledged up to
 * `sentUpTo` are folded into `sync_row_versions` — the newest stamp of
 * each cell kept, whoever wrote it — and deleted, so the station file does
 * not grow with every write ever made. Unsent entries are never touched.
 * Reads from the oldest entry and stops at the first one not to fold, so a
 * round with nothing to fold costs one row read. Returns the entries folded.
 */
export function compactSentOutbox(store: Store, sentUpTo: string, limit = COMPACT_LIMIT): number {
  return store.transaction(() => {
    const newest = new Map<string, { table: string; rowId: string; cells: Map<string, string> }>();
    let lastSeq = 0;
    let folded = 0;
    const entries = store.statement('SELECT seq, tbl, row_id, cells, sent_at FROM sync_outbox ORDER BY seq').iterate() as IterableIterator<{
      seq: number;
      tbl: string;
      row_id: string;
      cells: string;
      sent_at: string | null;
    }>;
    for (const entry of entries) {
      if (entry.sent_at === null || entry.sent_at > sentUpTo || folded >= limit) break; // leaving the loop closes the cursor
      const key = `${entry.tbl}\u0000${entry.row_id}`;
      let row = newest.get(key);
      if (!row) newest.set(key, (row = { table: entry.tbl, rowId: entry.row_id, cells: new Map() }));
      for (const [column, , hlc] of JSON.parse(entry.cells) as [string, unknown, string][]) {
        if ((row.cells.get(column) ?? '') < hlc) row.cells.set(column, hlc);
      }
      lastSeq = entry.seq;
      folded += 1;
    }
    if (folded === 0) return 0;
    const read = store.statement('SELECT versions FROM sync_row_versions WHERE tbl = ? AND row_id = ?').pluck();
    const write = store.statement(
      'INSERT INTO sync_row_versions (tbl, row_id, versions) VALUES (?, ?, ?) ON CONFLICT (tbl, row_id) DO UPDATE SET versions = excluded.versions',
    );
    for (const { table, rowId, cells } of newest.values()) {
      if (!isSyncedTable(table)) continue; // a table no longer synced: nothing compares with its stamps
      const name = table as SyncedTableName;
      const versions = decodeVersions(name, read.get(name, rowId) as string | undefined, rowId);
      for (const [column, hlc] of cells) if ((versions.get(column)?.hlc ?? '') < hlc) versions.set(column, { hlc });
      write.run(name, rowId, encodeVersions(name, versions, rowId));
    }
    // exactly the entries read: the oldest ones, up to lastSeq, all sent by the cut
    store.statement('DELETE FROM sync_outbox WHERE seq <= ?').run(lastSeq);
    return folded;
  });
}
