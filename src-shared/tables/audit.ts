import type { Generated } from 'kysely';
import { defineTable, type Json, local, nullable } from './define.js';

/** The append-only, hash-chained record of every change and every refusal (src-main/core/audit-log.ts). */
export interface AuditLogTable {
  seq: Generated<number>;
  id: string;
  at: string;
  station_id: string;
  hospital_id: string | null;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: Json<Record<string, unknown>> | null;
  after_json: Json<Record<string, unknown>> | null;
  prev_hash: string;
  hash: string;
  /** HMAC(audit key, previous mac + hash): the keyed chain; null only until a pre-0008 entry is keyed at start */
  mac: string | null;
}

const auditLog = defineTable<AuditLogTable>()({
  name: 'audit_log',
  domain: 'audit',
  sync: 'none',
  // hospital-scoped readers see their hospital's entries: the audit service filters by hospital_id
  scope: 'station',
  columns: {
    seq: local(),
    id: local(),
    at: local(),
    station_id: local(),
    hospital_id: nullable(local()),
    actor_id: nullable(local()),
    actor_name: local(),
    action: local(),
    entity_type: local(),
    entity_id: nullable(local()),
    before_json: nullable(local()),
    after_json: nullable(local()),
    prev_hash: local(),
    hash: local(),
    mac: nullable(local()),
  },
});

export const auditTables = [auditLog] as const;
