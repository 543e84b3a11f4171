import type { EventMapping, IntegrationSource } from '../../../src-shared/contract/index.js';
import { AppError } from '../../../src-shared/errors.js';
import type { EventCode } from '../../../src-shared/his-events.js';
import type { Handler } from '../../core/context.js';
import type { DataLayer } from '../../core/data-layer.js';
import type { EventMappingsTable, IntegrationSourcesTable } from '../../core/db/schema.js';
import type { Store } from '../../core/db/store.js';
import type { EventMonitor } from './monitor.js';
import { hospitalCodesOf, mllpPeersOf } from './admission.js';
import type { IntegrationSources } from './sources.js';

export function toSource(row: IntegrationSourcesTable): IntegrationSource {
  return {
    id: row.id,
    name: row.name,
    sourceSystem: row.source_system,
    tokenHint: row.token_hint,
    signed: row.hmac_secret !== null,
    rateLimitPerMinute: row.rate_limit_per_minute,
    enabled: row.enabled === 1,
    lastSeenAt: row.last_seen_at,
    createdAt: row.created_at,
    hospitalCodes: hospitalCodesOf(row),
    mllpPeers: mllpPeersOf(row),
    mllpCertSha256: row.mllp_cert_sha256,
  };
}

const toMapping = (row: EventMappingsTable): EventMapping => ({
  id: row.id,
  sourceSystem: row.source_system,
  externalCode: row.external_code,
  eventCode: row.event_code as EventCode,
  updatedAt: row.updated_at,
});

export function integrationsHandlers(store: Store, data: DataLayer, sources: IntegrationSources, monitor: EventMonitor) {
  const mappingsOf = (sourceSystem: string) =>
    store.all(
      store.db.selectFrom('event_mappings').selectAll().where('source_system', '=', sourceSystem).where('deleted_at', 'is', null).orderBy('external_code'),
    );
  // every call on a source is confined to the sources the caller may manage (sources.managed)
  return {
    'integrations.list': ((_input, { caller }) => sources.list(sources.managerOf(caller)).map(toSource)) satisfies Handler<'integrations.list'>,
    'integrations.create': ((input, { caller }) => {
      const issued = sources.create(sources.managerOf(caller), { ...input, withHmac: input.signed });
      return { source: toSource(issued.source), token: issued.token, hmacSecret: issued.hmacSecret };
    }) satisfies Handler<'integrations.create'>,
    'integrations.update': ((input, { caller }) =>
      toSource(sources.update(sources.managerOf(caller), input.id, input))) satisfies Handler<'integrations.update'>,
    'integrations.rotateToken': ((input, { caller }) => {
      const issued = sources.rotate(sources.managerOf(caller), input.id, input.hmac);
      return { source: toSource(issued.source), token: issued.token, hmacSecret: issued.hmacSecret };
    }) satisfies Handler<'integrations.rotateToken'>,
    'mappings.list': ((input, { caller }) => {
      sources.managed(sources.managerOf(caller), { sourceSystem: input.sourceSystem });
      return mappingsOf(input.sourceSystem).map(toMapping);
    }) satisfies Handler<'mappings.list'>,
    'mappings.save': ((input, { caller }) =>
      toMapping(
        data.write(caller.actor, (tx) => {
          sources.managed(sources.managerOf(caller), { sourceSystem: input.sourceSystem });
          const existing = mappingsOf(input.sourceSystem).find((m) => m.external_code === input.externalCode);
          return existing
            ? tx.update('event_mappings', existing.id, { event_code: input.eventCode })
            : tx.insert('event_mappings', { source_system: input.sourceSystem, external_code: input.externalCode, event_code: input.eventCode });
        }),
      )) satisfies Handler<'mappings.save'>,
    'mappings.remove': ((input, { caller }) => {
      data.write(caller.actor, (tx) => {
        const mapping = tx.get('event_mappings', input.id);
        if (!mapping) throw new AppError('NOT_FOUND', 'error.not_found');
        sources.managed(sources.managerOf(caller), { sourceSystem: mapping.source_system });
        tx.softDelete('event_mappings', input.id);
      });
      return { ok: true as const };
    }) satisfies Handler<'mappings.remove'>,
    'events.list': ((input, { caller }) => monitor.list(caller, input)) satisfies Handler<'events.list'>,
    'events.get': ((input, { caller }) => monitor.get(caller, input.id)) satisfies Handler<'events.get'>,
    'events.reprocess': ((input, { caller }) => ({ queued: monitor.reprocess(caller, input.ids) })) satisfies Handler<'events.reprocess'>,
  };
}
