import type { Migration } from 'kysely';
import * as m0001 from './0001-hub-foundation.js';
import * as m0002 from './0002-audit-anchors.js';
import * as m0003 from './0003-surveys.js';
import * as m0004 from './0004-attachment-files.js';
import * as m0005 from './0005-station-survey-links.js';

/**
 * Every hub migration, in order. Built in code (not read from a folder at run
 * time) so the list survives bundling. Forward-only; a released entry is never
 * edited, only followed. To add one: write `NNNN-what-it-does.ts` with the
 * next number, add it at the end of this list, and run
 * `npm run migrations:lock` to append it to SHIPPED.txt (see
 * migrations/station/index.ts).
 */
export const HUB_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-hub-foundation': m0001,
  '0002-audit-anchors': m0002,
  '0003-surveys': m0003,
  '0004-attachment-files': m0004,
  '0005-station-survey-links': m0005,
};
