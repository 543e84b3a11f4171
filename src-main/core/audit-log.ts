import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
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
function entryHash(row: Omit<AuditRow, 'seq' | 'hash' | 'mac'>): string {
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

/** The keyed link: an HMAC over the previous entry's mac and this entry's hash, under a key the database never holds. */
function entryMac(key: Buffer, prevMac: string, hash: string): string {
  return createHmac('sha256', key).update(`${prevMac}:${hash}`).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

export type ChainBreak = 'hash_mismatch' | 'chain_broken' | 'sequence_gap' | 'mac_mismatch';

/**
 * The append-only audit log, chained twice. Each entry's hash covers the one
 * before it, so changing or deleting any entry breaks every link after it;
 * and each entry's mac covers the previous mac and its hash under the
 * station's audit key (src-main/core/keys.ts), kept outside the database: who
 * drops the triggers and recomputes the hashes cannot recompute the macs.
 * Cutting off the newest entries leaves a valid chain, which is why the head
 * is anchored at the hub (src-main/sync/audit-anchor.ts). `verify` walks both
 * chains and names the first broken link.
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
    private readonly key: Buffer,
  ) {
    this.insert = store.statement(
      `INSERT INTO audit_log (id, at, station_id, hospital_id, actor_id, actor_name, action, entity_type, entity_id, before_json, after_json, prev_hash, hash, mac)
       VALUES (@id, @at, @station_id, @hospital_id, @actor_id, @actor_name, @action, @entity_type, @entity_id, @before_json, @after_json, @prev_hash, @hash, @mac)`,
    );
    this.head = store.statement('SELECT hash, mac FROM audit_log ORDER BY seq DESC LIMIT 1');
  }

  /**
   * Gives the entries written before the chain was keyed (migration 0008)
   * their macs, once, at start — only as far as their hash chain verifies:
   * a chain already broken stays unkeyed from the break, and `verify` says
   * where. Answers how many were keyed.
   */
  keyEarlierEntries(): number {
    const first = this.store.statement('SELECT seq FROM audit_log WHERE mac IS NULL ORDER BY seq LIMIT 1').pluck().get() as number | undefined;
    if (first === undefined) return 0;
    return this.store.transaction(() => {
      const set = this.store.statement('UPDATE audit_log SET mac = ? WHERE seq = ? AND mac IS NULL');
      let prevHash = GENESIS;
      let prevMac = GENESIS;
      let previousSeq = 0;
      let keyed = 0;
      // read a page, then seal it: SQLite cannot update rows while a statement still reads them
      const page = this.store.statement('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 5000');
      for (;;) {
        const rows = page.all(previousSeq) as AuditRow[];
        if (rows.length === 0) return keyed;
        for (const row of rows) {
          if (row.seq !== previousSeq + 1 || row.prev_hash !== prevHash || entryHash(row) !== row.hash) return keyed;
          const mac = entryMac(this.key, prevMac, row.hash);
          if (row.mac === null) {
            set.run(mac, row.seq);
            keyed += 1;
          } else if (!sameHex(row.mac, mac)) return keyed;
          prevHash = row.hash;
          prevMac = mac;
          previousSeq = row.seq;
        }
      }
    });
  }

  /** The newest entry's place in the chain: what is anchored at the hub. */
  headCheckpoint(): { seq: number; mac: string } | null {
    return (
      (this.store.statement('SELECT seq, mac FROM audit_log WHERE mac IS NOT NULL ORDER BY seq DESC LIMIT 1').get() as
        { seq: number; mac: string } | undefined) ?? null
    );
  }

  /** The mac of the entry at `seq`, for comparing with an anchored checkpoint. */
  macAt(seq: number): string | null {
    return (this.store.statement('SELECT mac FROM audit_log WHERE seq = ?').pluck().get(seq) as string | null | undefined) ?? null;
  }

  append(actor: Actor, record: AuditRecord, at: string = new Date().toISOString()): string {
    if (!this.store.sqlite.inTransaction) throw new Error('audit entries are written inside the command transaction');
    const head = this.head.get() as { hash: string; mac: string | null } | undefined;
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
      prev_hash: head?.hash ?? GENESIS,
    };
    const hash = entryHash(row);
    this.insert.run({ ...row, hash, mac: entryMac(this.key, head?.mac ?? GENESIS, hash) });
    return row.id;
  }

  /** Both chains, from the first entry (see verifyChain); the comparison with the hub's anchor is the audit domain's. */
  verify(): AuditVerification {
    const { ok, checked, firstBroken } = this.verifyChain();
    return { ok, checked, firstBroken, anchor: null };
  }

  /** Walks both chains from the first entry; the head is compared with the hub's anchor by the caller (audit-anchor.ts). */
  verifyChain(): {
    ok: boolean;
    checked: number;
    firstBroken: { seq: number; id: string; reason: ChainBreak } | null;
    head: { seq: number; mac: string } | null;
  } {
    let expectedPrev = GENESIS;
    let expectedMacOfPrev = GENESIS;
    let previousSeq = 0;
    let checked = 0;
    let head: { seq: number; mac: string } | null = null;
    const rows = this.store.statement('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
    for (const row of rows) {
      const broken = (reason: ChainBreak) => ({ ok: false, checked, firstBroken: { seq: row.seq, id: row.id, reason }, head });
      if (row.seq !== previousSeq + 1) return broken('sequence_gap');
      if (row.prev_hash !== expectedPrev) return broken('chain_broken');
      if (entryHash(row) !== row.hash) return broken('hash_mismatch');
      const mac = entryMac(this.key, expectedMacOfPrev, row.hash);
      if (row.mac === null || !sameHex(row.mac, mac)) return broken('mac_mismatch');
      expectedPrev = row.hash;
      expectedMacOfPrev = mac;
      previousSeq = row.seq;
      head = { seq: row.seq, mac };
      checked += 1;
    }
    return { ok: true, checked, firstBroken: null, head };
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
