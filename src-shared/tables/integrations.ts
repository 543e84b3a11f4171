import type { Generated } from 'kysely';
import type { HisEvent } from '../his-events.js';
import { defineTable, type Json, local, nullable, secret } from './define.js';
import { ID, type RecordColumns, STATION_TIMES } from './labels.js';

/** The hospital systems that send events to this station, how their codes map, and what they sent. */

export interface IntegrationSourcesTable extends RecordColumns {
  name: string;
  source_system: string;
  token_hash: string;
  token_hint: string;
  hmac_secret: string | null;
  rate_limit_per_minute: number;
  enabled: number;
  last_seen_at: string | null;
  /** the hospital codes it may send for, sorted; none: it may send for none until bound */
  hospital_codes: Json<string[]>;
  /** the addresses and CIDR ranges MLLP may come from; none: MLLP off for this source */
  mllp_peers: Json<string[]>;
  /** the SHA-256 (64 hex digits, upper case) of the TLS client certificate its MLLP connections must present */
  mllp_cert_sha256: string | null;
}

export interface EventMappingsTable extends RecordColumns {
  source_system: string;
  external_code: string;
  event_code: string;
}

export type InboundEventStatus = 'pending' | 'processed' | 'failed' | 'quarantined';

/** Why an event failed or waits: a message key (src-shared/messages) and its parameters. */
export interface InboundEventError {
  readonly key: string;
  readonly params?: Record<string, string>;
}

export interface InboundEventsTable {
  seq: Generated<number>;
  id: string;
  source_system: string;
  external_id: string;
  format: 'json' | 'hl7';
  external_code: string;
  hospital_code: string | null;
  encounter_id: string | null;
  occurred_at: string;
  received_at: string;
  /** the event normalised to the JSON event shape */
  body: Json<HisEvent>;
  /** the HL7 message as received, for HL7 events */
  raw: string | null;
  status: InboundEventStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_error: Json<InboundEventError> | null;
  processed_at: string | null;
  event_code: string | null;
  journey_instance_id: string | null;
  /** the address the event came from (the listener's peer); null for events made on the station */
  peer_address: string | null;
}

const integrationSources = defineTable<IntegrationSourcesTable>()({
  name: 'integration_sources',
  domain: 'integrations',
  // station configuration: audited through the data layer, never synced
  sync: 'station',
  scope: 'station',
  keyField: 'source_system',
  label: { en: 'Integration source', ar: 'مصدر تكامل' },
  columns: {
    ...ID,
    name: local(),
    source_system: local(),
    token_hash: secret,
    token_hint: local(),
    hmac_secret: nullable(secret),
    rate_limit_per_minute: local(),
    enabled: local(),
    last_seen_at: nullable(local()),
    ...STATION_TIMES,
    hospital_codes: local(),
    mllp_peers: local(),
    mllp_cert_sha256: nullable(local()),
  },
});

const eventMappings = defineTable<EventMappingsTable>()({
  name: 'event_mappings',
  domain: 'integrations',
  sync: 'station',
  scope: 'station',
  keyField: 'external_code',
  label: { en: 'Code mapping', ar: 'ربط رمز' },
  columns: { ...ID, source_system: local(), external_code: local(), event_code: local(), ...STATION_TIMES },
});

const inboundEvents = defineTable<InboundEventsTable>()({
  name: 'inbound_events',
  domain: 'integrations',
  sync: 'none',
  scope: 'station',
  columns: {
    seq: local(),
    id: local(),
    source_system: local(),
    external_id: local(),
    format: local(),
    external_code: local(),
    hospital_code: nullable(local()),
    encounter_id: nullable(local()),
    occurred_at: local(),
    received_at: local(),
    body: local(),
    raw: nullable(local()),
    status: local(),
    attempts: local(),
    next_attempt_at: nullable(local()),
    last_error: nullable(local()),
    processed_at: nullable(local()),
    event_code: nullable(local()),
    journey_instance_id: nullable(local()),
    peer_address: nullable(local()),
  },
});

export const integrationsTables = [integrationSources, eventMappings, inboundEvents] as const;
