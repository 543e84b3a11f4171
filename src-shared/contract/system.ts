import { z } from 'zod';
import { query } from './define.js';

export const stationStatusSchema = z.object({
  stationId: z.string(),
  version: z.string(),
  needsSetup: z.boolean(),
  rolesReady: z.boolean(),
  defaultTimeZone: z.string(),
});
export type StationStatus = z.infer<typeof stationStatusSchema>;

export const systemContract = {
  'system.status': query({
    access: 'public',
    summary: 'Station identity and whether first-run setup is needed.',
    input: z.strictObject({}),
    output: stationStatusSchema,
  }),
} as const;
