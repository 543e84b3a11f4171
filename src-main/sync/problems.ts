import type { ParsedInput, SyncProblemLists, SyncRecord, SyncRejection, SyncWaitReason, SyncWaiting } from '../../src-shared/contract/index.js';
import { isHlc } from '../../src-shared/hlc.js';
import { type RejectionReason, rejectionReasons } from '../../src-shared/hub-api.js';
import { SYNCED_TABLES, type SyncedTableName } from '../../src-shared/sync-tables.js';
import type { Store } from '../core/db/store.js';
import type { Scope } from '../core/scope.js';
import type { SyncMessage } from './protocol.js';
import { parseWaitReason } from './waiting.js';

/** The field that tells a person which record it is, beside its names. */
const KEY_FIELD: Partial<Record<SyncedTableName, string>> = {
  hospitals: 'code',
  departments: 'code',
  physicians: 'license_number',
  employees: 'employee_number',
  patients: 'mrn',
  roles: 'code',
  users: 'username',
  journey_templates: 'code',
  journey_template_stages: 'code',
  journey_instances: 'encounter_id',
};

type Values = Readonly<Record<string, unknown>>;
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : null);

function syncedTable(table: string): SyncedTableName | null {
  return Object.hasOwn(SYNCED_TABLES, table) ? (table as SyncedTableName) : null;
}

/** Fields in the order the allowlist names them (the order of the record's form). */
function inTableOrder(table: string, columns: readonly string[]): string[] {
  const order: readonly string[] = syncedTable(table) ? SYNCED_TABLES[table as SyncedTableName].columns : [];
  const rank = (c: string) => (order.includes(c) ? order.indexOf(c) : order.length);
  return [...new Set(columns)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * What the console lists under Sync → Problems: the changes the hub refused
 * (kept in `sync_rejections` when their batch is marked sent) and the
 * received changes waiting in `sync_pending_cells`, one item per record and
 * reason, newest first. A record is named (MRN, name…) only for a reader who
 * may see its hospital.
 */
export class SyncProblems {
  constructor(private readonly store: Store) {}

  /**
   * Keeps what the hub refused of a pushed batch. Runs in the transaction
   * that marks the batch sent: a refused change is never resent, so this is
   * the only trace of it on the station.
   */
  recordRejections(batch: { messages: readonly SyncMessage[]; seqs: readonly number[] }, rejected: readonly { index: number; reason: RejectionReason }[], at: string): void {
    const insert = this.store.statement(
      `INSERT INTO sync_rejections (outbox_seq, tbl, row_id, col, hlc, reason, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hlc) DO NOTHING`,
    );
    for (const { index, reason } of rejected) {
      const message = batch.messages[index];
      const seq = batch.seqs[index];
      if (!message || seq === undefined) continue; // an index the hub made up: nothing of ours to name
      insert.run(seq, message.table, message.rowId, message.column, message.hlc, reason, at);
    }
  }

  counts(): { rejected: number; waiting: number } {
    return {
      rejected: this.store.statement('SELECT count(*) FROM (SELECT 1 FROM sync_rejections GROUP BY tbl, row_id, reason)').pluck().get() as number,
      waiting: this.store.statement('SELECT count(*) FROM (SELECT 1 FROM sync_pending_cells GROUP BY tbl, row_id, reason)').pluck().get() as number,
    };
  }

  list(input: ParsedInput<'sync.problems'>, scope: Scope): SyncProblemLists {
    const counts = this.counts();
    const { pageSize } = input;
    const rejectedRows = this.store
      .statement(
        `SELECT tbl, row_id, reason, max(rejected_at) AS at, json_group_array(col) AS cols
         FROM sync_rejections GROUP BY tbl, row_id, reason ORDER BY at DESC, tbl, row_id LIMIT ? OFFSET ?`,
      )
      .all(pageSize, (input.rejectedPage - 1) * pageSize) as { tbl: string; row_id: string; reason: string; at: string; cols: string }[];
    const waitingRows = this.store
      .statement(
        `SELECT tbl, row_id, reason, max(hlc) AS hlc, json_group_array(col) AS cols
         FROM sync_pending_cells GROUP BY tbl, row_id, reason ORDER BY hlc DESC, tbl, row_id LIMIT ? OFFSET ?`,
      )
      .all(pageSize, (input.waitingPage - 1) * pageSize) as { tbl: string; row_id: string; reason: string | null; hlc: string; cols: string }[];

    const rejected = rejectedRows.map(
      (row): SyncRejection => ({
        table: row.tbl,
        rowId: row.row_id,
        fields: inTableOrder(row.tbl, JSON.parse(row.cols) as string[]),
        reason: (rejectionReasons as readonly string[]).includes(row.reason) ? (row.reason as RejectionReason) : 'invalid_message',
        at: row.at,
        record: this.recordOf(row.tbl, row.row_id, scope),
      }),
    );
    const waiting = waitingRows.map(
      (row): SyncWaiting => ({
        table: row.tbl,
        rowId: row.row_id,
        fields: inTableOrder(row.tbl, JSON.parse(row.cols) as string[]),
        changedAt: isHlc(row.hlc) ? row.hlc.slice(0, 24) : null,
        reason: this.explain(row.tbl, row.reason, scope),
        record: this.recordOf(row.tbl, row.row_id, scope),
      }),
    );
    return {
      rejected: { items: rejected, total: counts.rejected, page: input.rejectedPage, pageSize },
      waiting: { items: waiting, total: counts.waiting, page: input.waitingPage, pageSize },
    };
  }

  private explain(table: string, stored: string | null, scope: Scope): SyncWaitReason {
    const reason = parseWaitReason(stored);
    if (!reason) return { kind: 'unknown' };
    switch (reason.kind) {
      case 'parent':
        return { kind: 'parent', table: reason.table, field: reason.column };
      case 'incomplete':
        return { kind: 'incomplete', fields: inTableOrder(table, reason.columns) };
      case 'duplicate':
        return {
          kind: 'duplicate',
          fields: inTableOrder(table, reason.columns),
          local: reason.localRowId ? { rowId: reason.localRowId, record: this.recordOf(table, reason.localRowId, scope) } : null,
        };
      case 'invalid':
        return { kind: 'invalid' };
    }
  }

  /** The record as the station has it, or as far as its waiting cells tell. */
  private recordOf(table: string, rowId: string, scope: Scope): SyncRecord | null {
    const name = syncedTable(table);
    if (!name) return null;
    let values = this.store.statement(`SELECT * FROM ${name} WHERE id = ?`).get(rowId) as Values | undefined;
    if (!values) {
      const cells = this.store.statement('SELECT col, value FROM sync_pending_cells WHERE tbl = ? AND row_id = ?').all(name, rowId) as { col: string; value: string }[];
      if (cells.length === 0) return null;
      values = Object.fromEntries(cells.map((c) => [c.col, JSON.parse(c.value) as unknown]));
    }
    const hospitalId = name === 'hospitals' ? rowId : text(values.hospital_id);
    // a group-level record (a user with no hospital) is the group's: seen by group-level readers only
    if (hospitalId === null ? !scope.isGroup : !scope.canSeeHospital(hospitalId)) return null;
    const keyField = KEY_FIELD[name] ?? null;
    return { keyField, key: keyField ? text(values[keyField]) : null, nameEn: text(values.name_en), nameAr: text(values.name_ar) };
  }
}
