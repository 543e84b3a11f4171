/**
 * The sync allowlist: which tables a sync message may write, and which
 * columns. The station's data layer captures changes only for these; the hub
 * applies only these. Anything else (password hashes, sessions, derived search
 * text, SLA due times) stays where it is computed.
 */
export interface SyncedTable {
  readonly columns: readonly string[];
  /** group-wide configuration flows to every station; the rest by hospital; 'station' never leaves */
  readonly scope: 'group' | 'hospital' | 'station';
}

const RECORD = ['created_at', 'updated_at', 'deleted_at'] as const;

export const SYNCED_TABLES = {
  hospitals: { scope: 'group', columns: ['code', 'name_en', 'name_ar', 'time_zone', 'active', ...RECORD] },
  departments: { scope: 'hospital', columns: ['hospital_id', 'parent_id', 'code', 'name_en', 'name_ar', 'active', ...RECORD] },
  physicians: {
    scope: 'hospital',
    columns: ['hospital_id', 'department_id', 'license_number', 'name_en', 'name_ar', 'specialty', 'phone', 'email', 'active', ...RECORD],
  },
  employees: {
    scope: 'hospital',
    columns: ['hospital_id', 'department_id', 'employee_number', 'name_en', 'name_ar', 'job_title', 'user_id', 'phone', 'email', 'active', ...RECORD],
  },
  patients: {
    scope: 'hospital',
    columns: ['hospital_id', 'mrn', 'national_id', 'name_en', 'name_ar', 'phone', 'email', 'preferred_language', 'birth_date', 'gender', 'active', ...RECORD],
  },
  roles: { scope: 'group', columns: ['code', 'name_en', 'name_ar', 'level', 'scope', 'permissions', ...RECORD] },
  users: {
    scope: 'hospital',
    // credentials (password_hash, lockout counters) never leave the station
    columns: ['username', 'name_en', 'name_ar', 'email', 'phone', 'preferred_language', 'role_id', 'hospital_id', 'department_id', 'active', ...RECORD],
  },
  journey_templates: { scope: 'hospital', columns: ['hospital_id', 'journey_type', 'code', 'name_en', 'name_ar', 'active', ...RECORD] },
  journey_template_stages: {
    scope: 'hospital',
    columns: [
      'template_id',
      'hospital_id',
      'position',
      'code',
      'name_en',
      'name_ar',
      'trigger_event_code',
      'survey_template_id',
      'auto_send_survey',
      'required',
      'active',
      ...RECORD,
    ],
  },
  journey_instances: {
    scope: 'hospital',
    columns: [
      'hospital_id',
      'template_id',
      'patient_id',
      'encounter_id',
      'journey_type',
      'status',
      'department_id',
      'physician_id',
      'started_at',
      'completed_at',
      ...RECORD,
    ],
  },
  journey_stage_instances: {
    scope: 'hospital',
    columns: ['instance_id', 'hospital_id', 'stage_id', 'status', 'completed_at', 'event_id', 'department_id', 'physician_id', ...RECORD],
  },
  // station-local configuration, written through the data layer for audit but never synced
  integration_sources: { scope: 'station', columns: [] },
  event_mappings: { scope: 'station', columns: [] },
} as const satisfies Record<string, SyncedTable>;

export type SyncedTableName = keyof typeof SYNCED_TABLES;

/**
 * The order a snapshot hands tables to a new station: every table after the
 * tables its foreign keys point to, so a catching-up station rarely has to
 * hold a row back for its parent (test/integration/sync-snapshot.test.ts
 * checks this order against the station schema).
 */
export const SNAPSHOT_ORDER = [
  'hospitals',
  'roles',
  'departments',
  'users',
  'physicians',
  'employees',
  'patients',
  'journey_templates',
  'journey_template_stages',
  'journey_instances',
  'journey_stage_instances',
] as const satisfies readonly SyncedTableName[];

/** The synced tables whose rows each belong to one hospital (they carry `hospital_id`). */
export type HospitalTableName = { [T in SyncedTableName]: (typeof SYNCED_TABLES)[T]['scope'] extends 'hospital' ? T : never }[SyncedTableName];
export const HOSPITAL_TABLES = (Object.keys(SYNCED_TABLES) as SyncedTableName[]).filter((t): t is HospitalTableName => SYNCED_TABLES[t].scope === 'hospital');

export function isSyncedColumn(table: string, column: string): boolean {
  const spec = (SYNCED_TABLES as Record<string, SyncedTable | undefined>)[table];
  return spec !== undefined && spec.columns.includes(column);
}
