import type { Generated } from 'kysely';

/**
 * The station database as the code sees it now (migrations type it as it
 * was). Booleans are SQLite integers (0/1); times are ISO-8601 UTC text.
 */
interface Record {
  id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface HospitalsTable extends Record {
  code: string;
  name_en: string;
  name_ar: string;
  time_zone: string;
  active: number;
}

export interface DepartmentsTable extends Record {
  hospital_id: string;
  parent_id: string | null;
  code: string;
  name_en: string;
  name_ar: string;
  active: number;
}

export interface PhysiciansTable extends Record {
  hospital_id: string;
  department_id: string | null;
  license_number: string;
  name_en: string;
  name_ar: string;
  specialty: string | null;
  phone: string | null;
  email: string | null;
  active: number;
}

export interface EmployeesTable extends Record {
  hospital_id: string;
  department_id: string | null;
  employee_number: string;
  name_en: string;
  name_ar: string;
  job_title: string | null;
  user_id: string | null;
  phone: string | null;
  email: string | null;
  active: number;
}

export interface PatientsTable extends Record {
  hospital_id: string;
  mrn: string;
  national_id: string | null;
  name_en: string;
  name_ar: string;
  phone: string | null;
  email: string | null;
  preferred_language: 'ar' | 'en';
  birth_date: string | null;
  gender: 'M' | 'F' | null;
  active: number;
  name_search: string;
}

export interface RolesTable extends Record {
  code: string;
  name_en: string;
  name_ar: string;
  level: number;
  scope: string;
  /** JSON array of permission names */
  permissions: string;
}

export interface UsersTable extends Record {
  username: string;
  name_en: string;
  name_ar: string;
  email: string | null;
  phone: string | null;
  preferred_language: 'ar' | 'en';
  role_id: string;
  hospital_id: string | null;
  department_id: string | null;
  active: number;
  password_hash: string;
  password_changed_at: string;
  failed_attempts: number;
  locked_until: string | null;
  last_login_at: string | null;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ended_at: string | null;
}

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
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface SyncOutboxTable {
  seq: Generated<number>;
  tbl: string;
  row_id: string;
  /** JSON: [[column, value, hlc], …] — one sync message per changed cell */
  cells: string;
  sent_at: string | null;
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

export interface IntegrationSourcesTable extends Record {
  name: string;
  source_system: string;
  token_hash: string;
  token_hint: string;
  hmac_secret: string | null;
  rate_limit_per_minute: number;
  enabled: number;
  last_seen_at: string | null;
}

export interface EventMappingsTable extends Record {
  source_system: string;
  external_code: string;
  event_code: string;
}

export type InboundEventStatus = 'pending' | 'processed' | 'failed' | 'quarantined';

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
  body: string;
  /** the HL7 message as received, for HL7 events */
  raw: string | null;
  status: InboundEventStatus;
  attempts: number;
  next_attempt_at: string | null;
  /** JSON: { key, detail } */
  last_error: string | null;
  processed_at: string | null;
  event_code: string | null;
  journey_instance_id: string | null;
}

export interface JourneyTemplatesTable extends Record {
  hospital_id: string;
  journey_type: string;
  code: string;
  name_en: string;
  name_ar: string;
  active: number;
}

export interface JourneyTemplateStagesTable extends Record {
  template_id: string;
  hospital_id: string;
  position: number;
  code: string;
  name_en: string;
  name_ar: string;
  trigger_event_code: string;
  survey_template_id: string | null;
  auto_send_survey: number;
  required: number;
  active: number;
}

export interface JourneyInstancesTable extends Record {
  hospital_id: string;
  template_id: string;
  patient_id: string;
  encounter_id: string;
  journey_type: string;
  status: string;
  department_id: string | null;
  physician_id: string | null;
  started_at: string;
  completed_at: string | null;
}

export interface JourneyStageInstancesTable extends Record {
  instance_id: string;
  hospital_id: string;
  stage_id: string;
  status: string;
  completed_at: string | null;
  event_id: string | null;
  department_id: string | null;
  physician_id: string | null;
}

export interface DomainEventsTable {
  seq: Generated<number>;
  id: string;
  type: string;
  hospital_id: string | null;
  payload: string;
  created_at: string;
}

export interface Database {
  station_meta: { key: string; value: string };
  sync_clock: { id: number; last_hlc: string };
  sync_outbox: SyncOutboxTable;
  sync_messages: SyncMessagesView;
  sync_state: { key: string; value: string };
  /** `versions`: compact JSON of the cells' HLC stamps, see encodeVersions in src-main/sync/apply.ts */
  sync_row_versions: { tbl: string; row_id: string; versions: string };
  /** `reason`: JSON, see src-main/sync/waiting.ts; null only for cells put to wait before migration 0005 */
  sync_pending_cells: { tbl: string; row_id: string; col: string; value: string; hlc: string; reason: string | null };
  sync_rejections: SyncRejectionsTable;
  hospitals: HospitalsTable;
  departments: DepartmentsTable;
  physicians: PhysiciansTable;
  employees: EmployeesTable;
  patients: PatientsTable;
  roles: RolesTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  integration_sources: IntegrationSourcesTable;
  event_mappings: EventMappingsTable;
  inbound_events: InboundEventsTable;
  journey_templates: JourneyTemplatesTable;
  journey_template_stages: JourneyTemplateStagesTable;
  journey_instances: JourneyInstancesTable;
  journey_stage_instances: JourneyStageInstancesTable;
  domain_events: DomainEventsTable;
}
