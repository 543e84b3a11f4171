import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-his-intake-and-journeys.js';
import * as m0003 from './0003-sync-state.js';
import * as m0004 from './0004-sync-row-versions.js';
import * as m0005 from './0005-sync-problems.js';
import * as m0006 from './0006-sync-rejections-acknowledged.js';

/**
 * Every station migration, in order. Built in code (not read from a folder at
 * run time) so the list survives bundling into the Electron app's asar.
 * Forward-only; a released entry is never edited, only followed. Names sort
 * in order; a number may be skipped, never reused.
 */
export const STATION_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-foundation': m0001,
  '0002-his-intake-and-journeys': m0002,
  '0003-sync-state': m0003,
  '0004-sync-row-versions': m0004,
  '0005-sync-problems': m0005,
  '0006-sync-rejections-acknowledged': m0006,
};
