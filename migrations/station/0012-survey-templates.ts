// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

const RECORD = `created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT`;

/**
 * Survey templates (docs/surveys-design.md): group configuration, synced to
 * every station. A template names its current version; a version's content
 * (JSON, src-shared/surveys/template.ts) is never changed once written, so
 * every response keeps the questions it answered. A code is not unique in
 * the database: two group stations offline could each make one, and both
 * must sync; the console refuses a code in use.
 *
 * A journey stage gains the delay between its completion and its survey.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE TABLE survey_templates (
       id TEXT PRIMARY KEY,
       code TEXT NOT NULL,
       name_en TEXT NOT NULL,
       name_ar TEXT NOT NULL,
       current_version_id TEXT,
       active INTEGER NOT NULL DEFAULT 1,
       ${RECORD}
     ) STRICT`,
    `CREATE INDEX survey_templates_code ON survey_templates (code)`,
    `CREATE TABLE survey_template_versions (
       id TEXT PRIMARY KEY,
       template_id TEXT NOT NULL REFERENCES survey_templates (id),
       content TEXT NOT NULL,
       ${RECORD}
     ) STRICT`,
    `CREATE INDEX survey_template_versions_template ON survey_template_versions (template_id, created_at)`,
    `ALTER TABLE journey_template_stages ADD COLUMN survey_delay_minutes INTEGER NOT NULL DEFAULT 0`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
