import type { ParsedInput, SyncProblemLists, SyncRecord, SyncRejection, SyncWaitReason, SyncWaiting } from '../../src-shared/contract/index.js';
import { AppError } from '../../src-shared/errors.js';
import { isHlc } from '../../src-shared/hlc.js';
import { type RejectionReason, rejectionReasons } from '../../src-shared/hub-api.js';
import { hospitalOfRow, isSyncedTable, type SyncedTableName, tableInfo } from '../../src-shared/tables/index.js';
import type { WriteTx } from '../core/data-layer.js';
import type { Store } from '../core/db/store.js';
import type { Scope } from '../core/scope.js';
import type { SyncMessage } from './protocol.js';
import { parseWaitReason } from './waiting.js';

type Values = Readonly<Record<string, unknown>>;

/** The reason listed for a cell set aside in sync_quarantine (never one of a waiting cell's JSON reasons). */
const QUARANTINED = 'quarantined:future_stamp';
/** Received cells that did not land: waiting ones (retried every round) and ones set aside (never applied). */
const WAITING_CELLS = `SELECT tbl, row_id, col, hlc, reason FROM sync_pending_cells
  UNION ALL SELECT tbl, row_id, col, hlc, '${QUARANTINED}' AS reason FROM sync_quarantine`;
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : null);

function syncedTable(table: string): SyncedTableName | null {
  return isSyncedTable(table) ? table : null;
}

/** Fields in the order the allowlist names them (the order of the record's form). */
function inTableOrder(table: string, columns: readonly string[]): string[] {
  const order: readonly string[] = syncedTable(table) ? tableInfo(table as SyncedTableName).syncedColumns : [];
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
  recordRejections(
    batch: { messages: readonly SyncMessage[]; seqs: readonly number[] },
    rejected: readonly { index: number; reason: RejectionReason }[],
    at: string,
  ): void {
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

  /** How many items each list holds: refusals open, records waiting, and refusals dealt with (one item per marking). */
  counts(): { rejected: number; waiting: number; acknowledged: number } {
    return {
      rejected: this.store
        .statement('SELECT count(*) FROM (SELECT 1 FROM sync_rejections WHERE acknowledged_at IS NULL GROUP BY tbl, row_id, reason)')
        .pluck()
        .get() as number,
      waiting: this.store.statement(`SELECT count(*) FROM (SELECT 1 FROM (${WAITING_CELLS}) GROUP BY tbl, row_id, reason)`).pluck().get() as number,
      acknowledged: this.store
        .statement(
          'SELECT count(*) FROM (SELECT 1 FROM sync_rejections WHERE acknowledged_at IS NOT NULL GROUP BY tbl, row_id, reason, acknowledged_at, acknowledged_by)',
        )
        .pluck()
        .get() as number,
    };
  }

  list(input: ParsedInput<'sync.problems'>, scope: Scope): SyncProblemLists {
    const counts = this.counts();
    const { pageSize } = input;
    // newest first, dealt with or not; a record dealt with and refused again is two items, the new refusal open
    const rejectedRows = this.store
      .statement(
        input.includeAcknowledged
          ? `SELECT tbl, row_id, reason, max(rejected_at) AS at, json_group_array(col) AS cols, acknowledged_at, acknowledged_by
             FROM sync_rejections GROUP BY tbl, row_id, reason, acknowledged_at, acknowledged_by
             ORDER BY at DESC, tbl, row_id, acknowledged_at IS NOT NULL, acknowledged_at DESC LIMIT ? OFFSET ?`
          : `SELECT tbl, row_id, reason, max(rejected_at) AS at, json_group_array(col) AS cols, NULL AS acknowledged_at, NULL AS acknowledged_by
             FROM sync_rejections WHERE acknowledged_at IS NULL GROUP BY tbl, row_id, reason ORDER BY at DESC, tbl, row_id LIMIT ? OFFSET ?`,
      )
      .all(pageSize, (input.rejectedPage - 1) * pageSize) as {
      tbl: string;
      row_id: string;
      reason: string;
      at: string;
      cols: string;
      acknowledged_at: string | null;
      acknowledged_by: string | null;
    }[];
    const waitingRows = this.store
      .statement(
        `SELECT tbl, row_id, reason, max(hlc) AS hlc, json_group_array(col) AS cols
         FROM (${WAITING_CELLS}) GROUP BY tbl, row_id, reason ORDER BY hlc DESC, tbl, row_id LIMIT ? OFFSET ?`,
      )
      .all(pageSize, (input.waitingPage - 1) * pageSize) as { tbl: string; row_id: string; reason: string | null; hlc: string; cols: string }[];

    const rejected = rejectedRows.map((row): SyncRejection => ({
      table: row.tbl,
      rowId: row.row_id,
      fields: inTableOrder(row.tbl, JSON.parse(row.cols) as string[]),
      reason: (rejectionReasons as readonly string[]).includes(row.reason) ? (row.reason as RejectionReason) : 'invalid_message',
      at: row.at,
      record: this.recordOf(row.tbl, row.row_id, scope),
      acknowledgedAt: row.acknowledged_at,
      acknowledgedBy: row.acknowledged_by,
      canAcknowledge: row.acknowledged_at === null && this.mayAcknowledge(row.tbl, row.row_id, scope),
    }));
    const waiting = waitingRows.map((row): SyncWaiting => ({
      table: row.tbl,
      rowId: row.row_id,
      fields: inTableOrder(row.tbl, JSON.parse(row.cols) as string[]),
      // an automatic effect's cells carry stamps before 1970 (insertDerived), which are no time it changed
      changedAt: isHlc(row.hlc) && row.hlc >= '1970' ? row.hlc.slice(0, 24) : null,
      reason: this.explain(row.tbl, row.reason, scope),
      record: this.recordOf(row.tbl, row.row_id, scope),
    }));
    return {
      rejected: { items: rejected, total: counts.rejected + (input.includeAcknowledged ? counts.acknowledged : 0), page: input.rejectedPage, pageSize },
      waiting: { items: waiting, total: counts.waiting, page: input.waitingPage, pageSize },
    };
  }

  /**
   * Marks refused changes as dealt with — the officer re-entered them, or
   * decided they need nothing. They leave the open list and the counts and
   * are never deleted: they are the only trace of what the hub refused. Only
   * the cells still open are marked, so a refusal that comes later opens its
   * record again. `all` marks what the caller may see; a caller placed in one
   * hospital marks only that hospital's records. Runs in the caller's write
   * transaction, audited; marking nothing writes nothing.
   */
  acknowledge(input: ParsedInput<'sync.acknowledgeRejections'>, scope: Scope, tx: WriteTx): { acknowledged: number } {
    const groups = 'all' in input ? this.openGroups().filter((g) => this.mayAcknowledge(g.table, g.rowId, scope)) : [this.openGroup(input, scope)];
    if (groups.length === 0) return { acknowledged: 0 };
    const mark = this.store.statement(
      'UPDATE sync_rejections SET acknowledged_at = ?, acknowledged_by = ? WHERE tbl = ? AND row_id = ? AND reason = ? AND acknowledged_at IS NULL',
    );
    let cells = 0;
    const tables: Record<string, number> = {};
    for (const g of groups) {
      cells += mark.run(tx.now, tx.actor.name, g.table, g.rowId, g.reason).changes;
      tables[g.table] = (tables[g.table] ?? 0) + 1;
    }
    const action = 'sync.rejections_acknowledged';
    if ('all' in input) {
      tx.record({ action, entityType: 'sync', entityId: null, hospitalId: scope.hospitalFilter, after: { all: true, records: groups.length, cells, tables } });
    } else {
      const { table, rowId, reason } = input;
      tx.record({
        action,
        entityType: table,
        entityId: rowId,
        hospitalId: this.place(table, rowId)?.hospitalId ?? null,
        after: { table, rowId, reason, cells },
      });
    }
    return { acknowledged: groups.length };
  }

  private openGroups(): { table: string; rowId: string; reason: string }[] {
    return this.store
      .statement('SELECT tbl AS "table", row_id AS rowId, reason FROM sync_rejections WHERE acknowledged_at IS NULL GROUP BY tbl, row_id, reason')
      .all() as { table: string; rowId: string; reason: string }[];
  }

  /** The one item asked for, if the caller may mark it and it is open. */
  private openGroup(group: { table: string; rowId: string; reason: string }, scope: Scope): { table: string; rowId: string; reason: string } {
    const found = this.store
      .statement('SELECT count(*) AS cells, coalesce(sum(acknowledged_at IS NULL), 0) AS open FROM sync_rejections WHERE tbl = ? AND row_id = ? AND reason = ?')
      .get(group.table, group.rowId, group.reason) as { cells: number; open: number };
    if (found.cells === 0) throw new AppError('NOT_FOUND', 'error.not_found');
    if (!this.mayAcknowledge(group.table, group.rowId, scope)) throw new AppError('FORBIDDEN', 'error.out_of_scope');
    if (found.open === 0) throw new AppError('CONFLICT', 'sync.already_acknowledged');
    return group;
  }

  /**
   * A refusal is the caller's to mark when its record is in a hospital they
   * can see. A record of no hospital (a group-level user), or one the station
   * cannot place, is the group's: only a group-level caller marks it.
   */
  private mayAcknowledge(table: string, rowId: string, scope: Scope): boolean {
    if (scope.isGroup) return true;
    const place = this.place(table, rowId);
    return place !== null && reaches(scope, place.hospitalId);
  }

  private explain(table: string, stored: string | null, scope: Scope): SyncWaitReason {
    if (stored === QUARANTINED) return { kind: 'future_stamp' };
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

  /**
   * A record as the station has it, or as far as its waiting cells tell
   * (values null when it knows neither), and its hospital: null for a
   * group-level record (a user with no hospital) or one it cannot place.
   */
  private place(table: string, rowId: string): { name: SyncedTableName; values: Values | null; hospitalId: string | null } | null {
    const name = syncedTable(table);
    if (!name) return null;
    let values = (this.store.statement(`SELECT * FROM ${name} WHERE id = ?`).get(rowId) as Values | undefined) ?? null;
    if (!values) {
      const cells = this.store.statement('SELECT col, value FROM sync_pending_cells WHERE tbl = ? AND row_id = ?').all(name, rowId) as {
        col: string;
        value: string;
      }[];
      if (cells.length > 0) values = Object.fromEntries(cells.map((c) => [c.col, JSON.parse(c.value) as unknown]));
    }
    return { name, values, hospitalId: hospitalOfRow(name, { ...values, id: rowId }) };
  }

  /** The record named, for a reader who may see it. */
  private recordOf(table: string, rowId: string, scope: Scope): SyncRecord | null {
    const place = this.place(table, rowId);
    if (!place?.values || !reaches(scope, place.hospitalId)) return null;
    const { name, values } = place;
    const keyField = tableInfo(name).keyField;
    // a hospital is its own hospital: nothing to name beside it
    const hospital =
      tableInfo(name).hospitalColumn === 'id' || place.hospitalId === null
        ? undefined
        : (this.store.statement('SELECT code, name_en AS nameEn, name_ar AS nameAr FROM hospitals WHERE id = ?').get(place.hospitalId) as
            SyncRecord['hospital'] | undefined);
    return { keyField, key: keyField ? text(values[keyField]) : null, nameEn: text(values.name_en), nameAr: text(values.name_ar), hospital: hospital ?? null };
  }
}

/** A record of no hospital is the group's: seen by group-level readers only. */
function reaches(scope: Scope, hospitalId: string | null): boolean {
  return hospitalId === null ? scope.isGroup : scope.canSeeHospital(hospitalId);
}
