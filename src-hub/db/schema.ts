import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/**
 * The hub database as the code sees it now (migrations type it as it was
 * when each was written). PostgreSQL bigints arrive as strings from pg.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type BigSerial = ColumnType<string, never, never>;

export type CellValue = string | number | boolean | null;

export interface HubMetaTable {
  key: string;
  value: string;
}

export interface HospitalsTable {
  id: string;
  code: string;
  name_en: string;
  name_ar: string;
  created_at: Timestamp;
}

export interface EnrolmentCodesTable {
  id: Generated<string>;
  code_hash: string;
  scope: 'hospital' | 'group';
  hospital_id: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  used_by_station: string | null;
}

export interface StationsTable {
  id: string;
  name: string;
  token_hash: string;
  scope: 'hospital' | 'group';
  hospital_id: string | null;
  enrolled_at: Timestamp;
  revoked_at: Timestamp | null;
  last_seen_at: Timestamp | null;
}

export interface MessagesTable {
  seq: BigSerial;
  station_id: string;
  hlc: string;
  tbl: string;
  row_id: string;
  col: string;
  value: ColumnType<CellValue, string, string>;
  hospital_id: string | null;
  group_wide: boolean;
  received_at: Timestamp;
}

export interface RecordsTable {
  tbl: string;
  row_id: string;
  hospital_id: string | null;
  data: JSONColumnType<Record<string, CellValue>, string, string>;
  cell_hlc: JSONColumnType<Record<string, string>, string, string>;
  updated_at: Timestamp;
}

export interface RejectedMessagesTable {
  id: Generated<string>;
  station_id: string;
  received_at: Timestamp;
  batch_index: number;
  reason: string;
  message: ColumnType<unknown, string | null, string | null>;
}

/** The newest signed checkpoint of a station's audit chain (migration 0002). */
export interface AuditAnchorsTable {
  station_id: string;
  public_key: string;
  seq: ColumnType<string, number | string, number | string>;
  mac: string;
  signature: string;
  anchored_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A survey link the hub issued: only the hash of its token (migration 0003). */
export interface SurveyLinksTable {
  token_hash: string;
  instance_id: string;
  hospital_id: string;
  issued_at: Timestamp;
}

/** How the hub sends a channel for the group; `settings` is sealed (src-hub/keys.ts). */
export interface NotificationProvidersTable {
  channel: string;
  kind: string;
  settings: string;
  updated_at: Timestamp;
}

export type ClaimState = 'sending' | 'retry' | 'sent' | 'failed' | 'cancelled';

/** A message the hub took to send, and what came of it (src-hub/surveys/outbox.ts). */
export interface NotificationClaimsTable {
  message_id: string;
  hospital_id: string;
  state: ClaimState;
  attempts: number;
  claimed_at: Timestamp;
  /** an invitation sent: SHA-256 of its hospital and recipient, for survey fatigue (never the number itself) */
  recipient_hash: string | null;
  /** the cells the hub wrote when it finished with the message */
  outcome: ColumnType<Record<string, CellValue> | null, string | null, string | null>;
}

/** An attachment's content, by the hash of its bytes (migration 0004; src-hub/sync/files.ts). */
export interface AttachmentFilesTable {
  sha256: string;
  size_bytes: number;
  media_type: string;
  content: Buffer;
  station_id: string;
  received_at: Timestamp;
}

/** Which hospitals sent a content: only they are handed it (migration 0004). */
export interface AttachmentFileHospitalsTable {
  sha256: string;
  hospital_id: string;
}

export interface HubDatabase {
  hub_meta: HubMetaTable;
  hospitals: HospitalsTable;
  enrolment_codes: EnrolmentCodesTable;
  stations: StationsTable;
  messages: MessagesTable;
  records: RecordsTable;
  rejected_messages: RejectedMessagesTable;
  audit_anchors: AuditAnchorsTable;
  survey_links: SurveyLinksTable;
  notification_providers: NotificationProvidersTable;
  notification_claims: NotificationClaimsTable;
  attachment_files: AttachmentFilesTable;
  attachment_file_hospitals: AttachmentFileHospitalsTable;
}
