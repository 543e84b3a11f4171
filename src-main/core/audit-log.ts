import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AuditEntry, AuditVerification } from '../../src-shared/contract/index.js';
import { uuidv7 } from '../../src-shared/ids.js';
import { toJson } from '../../src-shared/tables/index.js';
import type { AuditLogTable } from './db/schema.js';
import type { Store } from './db/store.js';
import { startsWithText } from './search.js';

const GENESIS = '0'.repeat(64);

/** Who did it: a signed-in user, or the station itself (CLI, HIS feed, scheduler). */
export interface Actor {
  readonly id: string | null;
  readonly name: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

export interface AuditRecord {
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  /** the hospital the entry concerns; null for group-wide records */
  readonly hospitalId?: string | null;
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
}

/** An audit row as stored (seq filled in). */
type AuditRow = Selectable<AuditLogTable>;

/** The hash covers every field a reader relies on, and the previous entry's hash. */
function entryHash(row: Omit<AuditRow, 'seq' | 'hash'>): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        row.prev_hash,
        row.id,
        row.at,
        row.station_id,
        row.hospital_id,
        row.actor_id,
        row.actor_name,
        row.action,
        row.entity_type,
        row.entity_id,
        row.before_json,
        row.after_json,
      ]),
    )
    .digest('hex');
}

/**
 * The append-only, hash-chained audit log. Each entry's hash covers the one
 * before it, so changing or deleting any entry breaks every link after it;
 * `verify` walks the chain and names the first broken one.
 *
 * `append` must run inside the caller's write transaction (BEGIN IMMEDIATE):
 * reading the head and appending after it is then atomic even when a CLI
 * command and the running station write to the same file.
 */
export class AuditLog {
  private readonly insert;
  private readonly head;

  constructor(
    private readonly store: Store,
    private readonly stationId: string,
  ) {
    this.insert = store.statement(
      `INSERT INTO audit_log (id, at, station_id, hospital_id, actor_id, actor_name, action, entity_type, entity_id, before_json, after_json, prev_hash, hash)
       VALUES (@id, @at, @station_id, @hospital_id, @actor_id, @actor_name, @action, @entity_type, @entity_id, @before_json, @after_json, @prev_hash, @hash)`,
    );
    this.head = store.statement('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck();
  }

  append(actor: Actor, record: AuditRecord, at: string = new Date().toISOString()): string {
    if (!this.store.sqlite.inTransaction) throw new Error('audit entries are written inside the command transaction');
    const row = {
      id: uuidv7(),
      at,
      station_id: this.stationId,
      hospital_id: record.hospitalId ?? null,
      actor_id: actor.id,
      actor_name: actor.name,
      action: record.action,
      entity_type: record.entityType,
      entity_id: record.entityId,
      before_json: record.before ? toJson(record.before) : null,
      after_json: record.after ? toJson(record.after) : null,
      prev_hash: (this.head.get() as string | undefined) ?? GENESIS,
    };
    const hash = entryHash(row);
    this.insert.run({ ...row, hash });
    return row.id;
  }

  verify(): AuditVerification {
    let expectedPrev = GENESIS;
    let previousSeq = 0;
    let checked = 0;
    const rows = this.store.statement('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
    for (const row of rows) {
      const broken = (reason: 'hash_mismatch' | 'chain_broken' | 'sequence_gap'): AuditVerification => ({
        ok: false,
        checked,
        firstBroken: { seq: row.seq, id: row.id, reason },
      });
      if (row.seq !== previousSeq + 1) return broken('sequence_gap');
      if (row.prev_hash !== expectedPrev) return broken('chain_broken');
      if (entryHash(row) !== row.hash) return broken('hash_mismatch');
      expectedPrev = row.hash;
      previousSeq = row.seq;
      checked += 1;
    }
    return { ok: true, checked, firstBroken: null };
  }

  /** `hospitalId` set: only that hospital's entries (a hospital-scoped reader). */
  list(filter: {
    hospitalId?: string | null;
    page: number;
    pageSize: number;
    action?: string | undefined;
    entityType?: string | undefined;
    entityId?: string | undefined;
    actor?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  }): { items: AuditEntry[]; total: number } {
    let query = this.store.db.selectFrom('audit_log');
    if (filter.hospitalId) query = query.where('hospital_id', '=', filter.hospitalId);
    if (filter.action) query = query.where(startsWithText('action', filter.action));
    if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
    if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
    if (filter.actor) query = query.where(startsWithText('actor_name', filter.actor));
    if (filter.from) query = query.where('at', '>=', filter.from);
    if (filter.to) query = query.where('at', '<=', filter.to);
    const total = this.store.first(query.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
    const rows = this.store.all(
      query
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(filter.pageSize)
        .offset((filter.page - 1) * filter.pageSize),
    );
    return {
      total,
      items: rows.map((row) => ({
        seq: row.seq,
        id: row.id,
        at: row.at,
        stationId: row.station_id,
        hospitalId: row.hospital_id,
        actorId: row.actor_id,
        actorName: row.actor_name,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        before: row.before_json ? (JSON.parse(row.before_json) as Record<string, unknown>) : null,
        after: row.after_json ? (JSON.parse(row.after_json) as Record<string, unknown>) : null,
        hash: row.hash,
      })),
    };
  }
}
