import { z } from 'zod';
import { query } from './define.js';
import { backgroundWorkSchema } from './jobs.js';

export const stationStatusSchema = z.object({
  stationId: z.string(),
  version: z.string(),
  needsSetup: z.boolean(),
  rolesReady: z.boolean(),
  defaultTimeZone: z.string(),
});
export type StationStatus = z.infer<typeof stationStatusSchema>;

/**
 * GET /health, the same document on the console port and the listener port
 * (and for monitoring tools): the database answers, how much HIS work is
 * queued, when the station last synced, its version, and its background
 * jobs and domain-event subscribers. Never a patient's data.
 */
export const stationHealthSchema = backgroundWorkSchema.extend({
  status: z.literal('ok'),
  stationId: z.string(),
  version: z.string(),
  database: z.literal('ok'),
  /** exact up to 10,000 each, "at least" beyond */
  queue: z.object({ pending: z.number().int(), failed: z.number().int(), quarantined: z.number().int() }),
  lastSync: z.string().nullable(),
});
export type StationHealth = z.infer<typeof stationHealthSchema>;

export const systemContract = {
  'system.status': query({
    access: 'public',
    summary: 'Station identity and whether first-run setup is needed.',
    input: z.strictObject({}),
    output: stationStatusSchema,
  }),
} as const;
