import type { Generated } from 'kysely';
import { defineTable, type Json, local, nullable } from './define.js';

/**
 * The station's own bookkeeping: its identity, the sync client's state, the
 * domain-event log with its readers' cursors, and the background jobs' state.
 * Nothing here is a record people edit.
 */

export interface StationMetaTable {
  key: string;
  value: string;
}

export interface SyncClockTable {
  id: number;
  last_hlc: string;
}

/** One changed cell: [column, value, hlc]. */
export type OutboxCell = [string, unknown, string];

export interface SyncOutboxTable {
  seq: Generated<number>;
  tbl: string;
  row_id: string;
  /** one sync message per changed cell */
  cells: Json<OutboxCell[]>;
  sent_at: string | null;
}

/** View: the outbox one message per cell. `value` is JSON text. */
export interface SyncMessagesView {
  change_seq: number;
  cell: number;
  tbl: string;
  row_id: string;
  col: string;
  value: string | null;
  hlc: string;
  sent_at: string | null;
}

export interface SyncStateTable {
  key: string;
  value: string;
}

export interface SyncRowVersionsTable {
  tbl: string;
  row_id: string;
  /** compact JSON of the cells' HLC stamps, see encodeVersions in src-main/sync/apply.ts */
  versions: string;
}

export interface SyncPendingCellsTable {
  tbl: string;
  row_id: string;
  col: string;
  /** the cell's value as JSON text */
  value: string;
  hlc: string;
  /** JSON, see src-main/sync/waiting.ts; null only for cells put to wait before migration 0005 */
  reason: string | null;
}

/** A cell the hub refused when this station pushed it: never resent, shown under Sync → Problems. */
export interface SyncRejectionsTable {
  id: Generated<number>;
  outbox_seq: number;
  tbl: string;
  row_id: string;
  col: string;
  hlc: string;
  /** one of `rejectionReasons` (src-shared/hub-api.ts) */
  reason: string;
  rejected_at: string;
  /** when an officer marked it as dealt with; null while open (listed and counted) */
  acknowledged_at: string | null;
  /** the username of that officer */
  acknowledged_by: string | null;
}

/** A received change set aside, never applied: its stamp was far ahead of this station's clock. */
export interface SyncQuarantineTable {
  hlc: string;
  tbl: string;
  row_id: string;
  col: string;
  /** the cell's value as JSON text */
  value: string;
  /** `future_stamp` */
  reason: string;
  received_at: string;
}

export interface DomainEventsTable {
  seq: Generated<number>;
  id: string;
  type: string;
  hospital_id: string | null;
  payload: Json<Record<string, unknown>>;
  created_at: string;
}

/** What went wrong in a job run or a delivery, as kept: a code for the log and a message key for people, never a patient's data. */
export interface BackgroundError {
  readonly code: string;
  /** a key of src-shared/messages.ts */
  readonly key: string;
}

export type JobOutcome = 'ok' | 'failed';

/** One background job's last run and next run (src-main/core/jobs.ts). */
export interface JobStateTable {
  name: string;
  runs: number;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_duration_ms: number | null;
  last_outcome: JobOutcome | null;
  /** failed runs in a row (0 after a run that succeeded) */
  failures: number;
  /** the last failure, kept after the job recovers so the operator sees what happened */
  last_error: Json<BackgroundError> | null;
  last_error_at: string | null;
  next_run_at: string | null;
  updated_at: string;
}

/** Where one domain-event subscriber stands (src-main/core/domain-events.ts). */
export interface DomainEventCursorsTable {
  subscriber: string;
  /** every event of its types up to this seq is delivered */
  last_seq: number;
  delivered: number;
  last_delivered_at: string | null;
  /** failed attempts in a row on `failing_seq` (0 while deliveries succeed) */
  failures: number;
  failing_seq: number | null;
  last_error: Json<BackgroundError> | null;
  last_error_at: string | null;
  next_attempt_at: string | null;
  updated_at: string;
}

const internal = { sync: 'none', scope: 'station' } as const;

const stationMeta = defineTable<StationMetaTable>()({ name: 'station_meta', domain: 'station', ...internal, columns: { key: local(), value: local() } });
const syncClock = defineTable<SyncClockTable>()({ name: 'sync_clock', domain: 'sync', ...internal, columns: { id: local(), last_hlc: local() } });
const syncOutbox = defineTable<SyncOutboxTable>()({
  name: 'sync_outbox',
  domain: 'sync',
  ...internal,
  columns: { seq: local(), tbl: local(), row_id: local(), cells: local(), sent_at: nullable(local()) },
});
const syncMessages = defineTable<SyncMessagesView>()({
  name: 'sync_messages',
  domain: 'sync',
  view: true,
  ...internal,
  // a view's columns carry no NOT NULL: every one reads as nullable to SQLite
  columns: {
    change_seq: local(),
    cell: local(),
    tbl: local(),
    row_id: local(),
    col: local(),
    value: nullable(local()),
    hlc: local(),
    sent_at: nullable(local()),
  },
});
const syncState = defineTable<SyncStateTable>()({ name: 'sync_state', domain: 'sync', ...internal, columns: { key: local(), value: local() } });
const syncRowVersions = defineTable<SyncRowVersionsTable>()({
  name: 'sync_row_versions',
  domain: 'sync',
  ...internal,
  columns: { tbl: local(), row_id: local(), versions: local() },
});
const syncPendingCells = defineTable<SyncPendingCellsTable>()({
  name: 'sync_pending_cells',
  domain: 'sync',
  ...internal,
  columns: { tbl: local(), row_id: local(), col: local(), value: local(), hlc: local(), reason: nullable(local()) },
});
const syncRejections = defineTable<SyncRejectionsTable>()({
  name: 'sync_rejections',
  domain: 'sync',
  ...internal,
  columns: {
    id: local(),
    outbox_seq: local(),
    tbl: local(),
    row_id: local(),
    col: local(),
    hlc: local(),
    reason: local(),
    rejected_at: local(),
    acknowledged_at: nullable(local()),
    acknowledged_by: nullable(local()),
  },
});
const syncQuarantine = defineTable<SyncQuarantineTable>()({
  name: 'sync_quarantine',
  domain: 'sync',
  ...internal,
  columns: { hlc: local(), tbl: local(), row_id: local(), col: local(), value: local(), reason: local(), received_at: local() },
});
const domainEvents = defineTable<DomainEventsTable>()({
  name: 'domain_events',
  domain: 'station',
  ...internal,
  columns: { seq: local(), id: local(), type: local(), hospital_id: nullable(local()), payload: local(), created_at: local() },
});

const jobState = defineTable<JobStateTable>()({
  name: 'job_state',
  domain: 'station',
  ...internal,
  columns: {
    name: local(),
    runs: local(),
    last_started_at: nullable(local()),
    last_finished_at: nullable(local()),
    last_duration_ms: nullable(local()),
    last_outcome: nullable(local()),
    failures: local(),
    last_error: nullable(local()),
    last_error_at: nullable(local()),
    next_run_at: nullable(local()),
    updated_at: local(),
  },
});
const domainEventCursors = defineTable<DomainEventCursorsTable>()({
  name: 'domain_event_cursors',
  domain: 'station',
  ...internal,
  columns: {
    subscriber: local(),
    last_seq: local(),
    delivered: local(),
    last_delivered_at: nullable(local()),
    failures: local(),
    failing_seq: nullable(local()),
    last_error: nullable(local()),
    last_error_at: nullable(local()),
    next_attempt_at: nullable(local()),
    updated_at: local(),
  },
});

export const stationTables = [
  stationMeta,
  syncClock,
  syncOutbox,
  syncMessages,
  syncState,
  syncRowVersions,
  syncPendingCells,
  syncRejections,
  syncQuarantine,
  domainEvents,
  jobState,
  domainEventCursors,
] as const;
