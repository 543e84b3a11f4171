import type { Selectable } from 'kysely';
import type { InboundEvent, ParsedInput } from '../../../src-shared/contract/index.js';
import { AppError } from '../../../src-shared/errors.js';
import { isMessageKey, renderMessage } from '../../../src-shared/messages.js';
import type { Caller } from '../../core/context.js';
import { OutOfScope } from '../../core/scope.js';
import type { DataLayer } from '../../core/data-layer.js';
import type { InboundEventsTable } from '../../core/db/schema.js';
import type { Store } from '../../core/db/store.js';
import type { Page } from '../../core/paging.js';

type Row = Selectable<InboundEventsTable>;

function toInboundEvent(row: Row): InboundEvent {
  const error = row.last_error ? (JSON.parse(row.last_error) as { key: string; params?: Record<string, string> }) : null;
  return {
    id: row.id,
    seq: row.seq,
    sourceSystem: row.source_system,
    externalId: row.external_id,
    format: row.format,
    externalCode: row.external_code,
    eventCode: row.event_code,
    hospitalCode: row.hospital_code,
    encounterId: row.encounter_id,
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    error: error && isMessageKey(error.key) ? { key: error.key, message: renderMessage(error.key, error.params ?? {}) } : null,
    processedAt: row.processed_at,
    journeyInstanceId: row.journey_instance_id,
    peerAddress: row.peer_address,
  };
}

/** The event monitor: what arrived, what became of it, and a way to try again. */
export class EventMonitor {
  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
  ) {}

  /** A hospital-scoped reader sees the events addressed to their hospital's code. */
  private hospitalCode(caller: Caller): string | null {
    if (!caller.scope.hospitalFilter) return null;
    return (this.store.statement('SELECT code FROM hospitals WHERE id = ?').pluck().get(caller.scope.hospitalFilter) as string | undefined) ?? '\u0000';
  }

  list(caller: Caller, filter: ParsedInput<'events.list'>): Page<InboundEvent> & { counts: Record<InboundEvent['status'], number> } {
    let query = this.store.db.selectFrom('inbound_events');
    const code = this.hospitalCode(caller);
    if (code) query = query.where('hospital_code', '=', code);
    if (filter.sourceSystem) query = query.where('source_system', '=', filter.sourceSystem.toUpperCase());
    if (filter.code)
      query = query.where((eb) => eb.or([eb('external_code', '=', filter.code!.toUpperCase()), eb('event_code', '=', filter.code!.toUpperCase())]));
    if (filter.q) query = query.where((eb) => eb.or([eb('external_id', '=', filter.q!), eb('encounter_id', '=', filter.q!)]));
    if (filter.from) query = query.where('received_at', '>=', filter.from);
    if (filter.to) query = query.where('received_at', '<=', filter.to);
    const countRows = this.store.all(query.select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status'));
    const counts = { pending: 0, processed: 0, failed: 0, quarantined: 0 };
    for (const row of countRows) counts[row.status] = row.n;
    if (filter.status) query = query.where('status', '=', filter.status);
    const total = filter.status ? counts[filter.status] : Object.values(counts).reduce((a, b) => a + b, 0);
    const rows = this.store.all(
      query
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(filter.pageSize)
        .offset((filter.page - 1) * filter.pageSize),
    );
    return { items: rows.map(toInboundEvent), total, page: filter.page, pageSize: filter.pageSize, counts };
  }

  private visible(caller: Caller, id: string): Row {
    const row = this.store.first(this.store.db.selectFrom('inbound_events').selectAll().where('id', '=', id));
    if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
    const code = this.hospitalCode(caller);
    if (code && row.hospital_code !== code) throw new OutOfScope();
    return row;
  }

  get(caller: Caller, id: string) {
    const row = this.visible(caller, id);
    return { ...toInboundEvent(row), body: JSON.parse(row.body) as Record<string, unknown>, raw: row.raw };
  }

  /** Failed or quarantined events become due now; their attempt count restarts. */
  reprocess(caller: Caller, ids: readonly string[]): number {
    const rows = ids.map((id) => this.visible(caller, id)).filter((r) => r.status === 'failed' || r.status === 'quarantined');
    return this.data.write(caller.actor, (tx) => {
      const reset = this.store.statement(`UPDATE inbound_events SET status = 'pending', attempts = 0, next_attempt_at = NULL WHERE seq = ?`);
      for (const row of rows) {
        reset.run(row.seq);
        tx.record({
          action: 'inbound_events.reprocess',
          entityType: 'inbound_events',
          entityId: row.id,
          before: { status: row.status, attempts: row.attempts },
        });
      }
      return rows.length;
    });
  }
}
