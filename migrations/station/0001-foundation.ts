// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // ---- station identity and clocks -------------------------------------
    `CREATE TABLE station_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`,
    // The HLC is persisted so that every process writing to this data folder
    // (the station and a CLI command running beside it) hands out stamps from
    // one monotonic sequence.
    `CREATE TABLE sync_clock (id INTEGER PRIMARY KEY CHECK (id = 1), last_hlc TEXT NOT NULL) STRICT`,
    // One row per write of one record; `cells` holds that write's messages,
    // one per changed column, each with its own HLC: [[column, value, hlc], …].
    // Packing them saves a B-tree insert per cell on the hot path; the
    // sync_messages view below reads them back one message per cell.
    `CREATE TABLE sync_outbox (
       seq INTEGER PRIMARY KEY,
       tbl TEXT NOT NULL,
       row_id TEXT NOT NULL,
       cells TEXT NOT NULL,
       sent_at TEXT
     ) STRICT`,
    `CREATE INDEX sync_outbox_unsent ON sync_outbox (seq) WHERE sent_at IS NULL`,
    `CREATE VIEW sync_messages AS
       SELECT o.seq AS change_seq, CAST(c.key AS INTEGER) AS cell, o.tbl, o.row_id,
              c.value ->> 0 AS col, json(c.value -> 1) AS value, c.value ->> 2 AS hlc, o.sent_at
       FROM sync_outbox o, json_each(o.cells) c`,

    // ---- organizations ----------------------------------------------------
    `CREATE TABLE hospitals (
       id TEXT PRIMARY KEY,
       code TEXT NOT NULL,
       name_en TEXT NOT NULL,
       name_ar TEXT NOT NULL,
       time_zone TEXT NOT NULL DEFAULT 'Asia/Riyadh',
       active INTEGER NOT NULL DEFAULT 1,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       deleted_at TEXT
     ) STRICT`,
    `CREATE UNIQUE INDEX hospitals_code ON hospitals (code)`,
    `CREATE TABLE departments (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       parent_id TEXT REFERENCES departments (id),
       code TEXT NOT NULL,
       name_en TEXT NOT NULL,
       name_ar TEXT NOT NULL,
       active INTEGER NOT NULL DEFAULT 1,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       deleted_at TEXT
     ) STRICT`,
    `CREATE UNIQUE INDEX departments_code ON departments (hospital_id, code)`,
    `CREATE INDEX departments_parent ON departments (parent_id)`,
    `CREATE TABLE physicians (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       department_id TEXT REFERENCES departments (id),
       license_number TEXT NOT NULL,
       name_en TEXT NOT NULL,
       name_ar TEXT NOT NULL,
       specialty TEXT,
       phone TEXT,
       email TEXT,
       active INTEGER NOT NULL DEFAULT 1,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       deleted_at TEXT
     ) STRICT`,
    `CREATE UNIQUE INDEX physicians_license ON physicians (license_number)`,
    `CREATE INDEX physicians_hospital ON physicians (hospital_id, department_id)`,
    `CREATE TABLE employees (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       department_id TEXT REFERENCES departments (id),
       employee_number TEXT NOT NULL,
       name_en TEXT NOT NULL,
       name_ar TEXT NOT NULL,
       job_title TEXT,
       user_id TEXT,
       phone TEXT,
       email TEXT,
       active INTEGER NOT NULL DEFAULT 1,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       deleted_at TEXT
     ) STRICT`,
    `CREATE UNIQUE INDEX employees_number ON employees (hospital_id, employee_number)`,
    `CREATE INDEX employees_department ON employees (department_id)`,
    `CREATE TABLE patients (
       id TEXT PRIMARY KEY,
       hospital_id TEXT NOT NULL REFERENCES hospitals (id),
       mrn TEXT NOT NULL,
       national_id TEXT,
       name_en TEXT NOT NULL,
       name_ar TEXT NOT NULL,
       phone TEXT,
       email TEXT,
       preferred_language TEXT NOT NULL DEFAULT 'ar',
       birth_date TEXT,
       gender TEXT,
       active INTEGER NOT NULL DEFAULT 1,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       deleted_at TEXT,
       -- derived, never synced: names folded for search (see normalizeNameForSearch)
       name_search TEXT NOT NULL DEFAULT ''
     ) STRICT`,
    `CREATE UNIQUE INDEX patients_mrn ON patients (mrn, hospital_id)`,
    `CREATE INDEX patients_national_id ON patients (national_id) WHERE national_id IS NOT NULL`,
    `CREATE INDEX patients_phone ON patients (phone) WHERE phone IS NOT NULL`,
    `CREATE INDEX patients_hospital ON patients (hospital_id, id)`,
    // Word-prefix search over both scripts. External content: the text lives
    // once, in patients.name_search; triggers keep the index in step.
    `CREATE VIRTUAL TABLE patients_fts USING fts5(name_search, content='patients', content_rowid='rowid', tokenize="unicode61 remove_diacritics 2 categories 'L* N* Mn Mc'", prefix='1 2 3')`,
    `CREATE TRIGGER patients_fts_insert AFTER INSERT ON patients BEGIN
       INSERT INTO patients_fts (rowid, name_search) VALUES (new.rowid, new.name_search);
     END`,
    `CREATE TRIGGER patients_fts_delete AFTER DELETE ON patients BEGIN
       INSERT INTO patients_fts (patients_fts, rowid, name_search) VALUES ('delete', old.rowid, old.name_search);
     END`,
    `CREATE TRIGGER patients_fts_update AFTER UPDATE OF name_search ON patients BEGIN
       INSERT INTO patients_fts (patients_fts, rowid, name_search) VALUES ('delete', old.rowid, old.name_search);
       INSERT INTO patients_fts (rowid, name_search) VALUES (new.rowid, new.name_search);
     END`,

    // ---- accounts -----------------------------------------------------------
    `CREATE TABLE roles (
       id TEXT PRIMARY KEY,
       code TEXT NOT NULL,
       name_en TEXT NOT NULL,
       name_ar TEXT NOT NULL,
       level INTEGER NOT NULL,
       scope TEXT NOT NULL,
       permissions TEXT NOT NULL,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       deleted_at TEXT
     ) STRICT`,
    `CREATE UNIQUE INDEX roles_code ON roles (code)`,
    `CREATE TABLE users (
       id TEXT PRIMARY KEY,
       username TEXT NOT NULL,
       name_en TEXT NOT NULL,
       name_ar TEXT NOT NULL,
       email TEXT,
       phone TEXT,
       preferred_language TEXT NOT NULL DEFAULT 'ar',
       role_id TEXT NOT NULL REFERENCES roles (id),
       hospital_id TEXT REFERENCES hospitals (id),
       department_id TEXT REFERENCES departments (id),
       active INTEGER NOT NULL DEFAULT 1,
       password_hash TEXT NOT NULL,
       password_changed_at TEXT NOT NULL,
       failed_attempts INTEGER NOT NULL DEFAULT 0,
       locked_until TEXT,
       last_login_at TEXT,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       deleted_at TEXT
     ) STRICT`,
    `CREATE UNIQUE INDEX users_username ON users (username)`,
    `CREATE INDEX users_hospital ON users (hospital_id, department_id)`,
    `CREATE TABLE sessions (
       id TEXT PRIMARY KEY,
       token_hash TEXT NOT NULL,
       user_id TEXT NOT NULL REFERENCES users (id),
       created_at TEXT NOT NULL,
       last_seen_at TEXT NOT NULL,
       expires_at TEXT NOT NULL,
       ended_at TEXT
     ) STRICT`,
    `CREATE UNIQUE INDEX sessions_token ON sessions (token_hash)`,
    `CREATE INDEX sessions_user ON sessions (user_id)`,

    // ---- audit --------------------------------------------------------------
    `CREATE TABLE audit_log (
       seq INTEGER PRIMARY KEY,
       -- UUIDv7, unique by construction; seq is the key (one index less per entry)
       id TEXT NOT NULL,
       at TEXT NOT NULL,
       station_id TEXT NOT NULL,
       -- the hospital the entry concerns (null: group-wide), so audit reads can be scoped
       hospital_id TEXT,
       actor_id TEXT,
       actor_name TEXT NOT NULL,
       action TEXT NOT NULL,
       entity_type TEXT NOT NULL,
       entity_id TEXT,
       before_json TEXT,
       after_json TEXT,
       prev_hash TEXT NOT NULL,
       hash TEXT NOT NULL
     ) STRICT`,
    `CREATE INDEX audit_entity ON audit_log (entity_type, entity_id)`,
    `CREATE INDEX audit_at ON audit_log (at)`,
    `CREATE INDEX audit_hospital ON audit_log (hospital_id, seq)`,
    // Append-only: the database itself refuses edits. Someone with the file
    // can still drop the triggers; the hash chain is what makes that visible.
    `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
    `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
