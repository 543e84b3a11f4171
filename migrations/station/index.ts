import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-his-intake-and-journeys.js';
import * as m0003 from './0003-sync-state.js';
import * as m0004 from './0004-sync-row-versions.js';
import * as m0005 from './0005-sync-problems.js';
import * as m0006 from './0006-sync-rejections-acknowledged.js';
import * as m0007 from './0007-sync-quarantine.js';
import * as m0008 from './0008-audit-chain-keyed.js';
import * as m0009 from './0009-jobs-and-subscribers.js';
import * as m0010 from './0010-sign-in-safeguards.js';
import * as m0011 from './0011-listener-admission.js';
import * as m0012 from './0012-survey-templates.js';
import * as m0013 from './0013-survey-sending.js';
import * as m0014 from './0014-negative-responses-index.js';
import * as m0015 from './0015-complaints.js';
import * as m0016 from './0016-complaint-list-indexes.js';
import * as m0017 from './0017-sla-engine.js';
import * as m0018 from './0018-px-actions.js';
import * as m0019 from './0019-sla-clock-due.js';
import * as m0020 from './0020-attachments.js';
import * as m0021 from './0021-staff-emails.js';
import * as m0022 from './0022-sla-clock-due-hospital.js';

/**
 * Every station migration, in order. Built in code (not read from a folder at
 * run time) so the list survives bundling into the Electron app's asar.
 * Forward-only; a released entry is never edited, only followed. Names sort
 * in order; a number may be skipped, never reused.
 *
 * To add a migration:
 * 1. write `NNNN-what-it-does.ts` here with the next number, typed against
 *    `Kysely<any>` (the database as it is then, not the current schema);
 * 2. add it at the end of this list;
 * 3. run `npm run migrations:lock`, which appends its name and hash to
 *    SHIPPED.txt (migrations/shipped.test.ts fails until it is there, and
 *    fails if a listed migration is edited afterwards);
 * 4. if it moves or reshapes existing rows, add `NNNN-what-it-does.test.ts`
 *    beside it (see 0004's: a database at the step before, rows as they were
 *    then, then this step).
 *
 * The station runs each migration in one transaction with its bookkeeping
 * row (Store.migrate): it applies whole or not at all. SQLite refuses
 * VACUUM and a journal_mode change inside a transaction, and ignores
 * `PRAGMA foreign_keys` there (the store refuses a migration that sets it);
 * a table rebuild uses `PRAGMA defer_foreign_keys = ON` instead.
 */
export const STATION_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-foundation': m0001,
  '0002-his-intake-and-journeys': m0002,
  '0003-sync-state': m0003,
  '0004-sync-row-versions': m0004,
  '0005-sync-problems': m0005,
  '0006-sync-rejections-acknowledged': m0006,
  '0007-sync-quarantine': m0007,
  '0008-audit-chain-keyed': m0008,
  '0009-jobs-and-subscribers': m0009,
  '0010-sign-in-safeguards': m0010,
  '0011-listener-admission': m0011,
  '0012-survey-templates': m0012,
  '0013-survey-sending': m0013,
  '0014-negative-responses-index': m0014,
  '0015-complaints': m0015,
  '0016-complaint-list-indexes': m0016,
  '0017-sla-engine': m0017,
  '0018-px-actions': m0018,
  '0019-sla-clock-due': m0019,
  '0020-attachments': m0020,
  '0021-staff-emails': m0021,
  '0022-sla-clock-due-hospital': m0022,
};
