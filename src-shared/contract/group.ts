import { z } from 'zod';
import { GROUP_COUNTED } from '../group-figures.js';
import { keyedMessage, timestamp } from './common.js';
import { query } from './define.js';

const counts = z.record(z.enum(GROUP_COUNTED), z.number().int());

export const hospitalFiguresSchema = z.object({
  hospitalId: z.string(),
  code: z.string().nullable(),
  nameEn: z.string().nullable(),
  nameAr: z.string().nullable(),
  /** as the hub counted them; null when there are no hub figures, or the hub does not know this hospital yet */
  hub: counts.nullable(),
  /** as held on this station */
  station: counts,
});

export const groupOverviewSchema = z.object({
  hub: z.object({
    /** fresh: the hub answered just now; cached: it did not, and these are the figures it gave last; none: no hub figures */
    state: z.enum(['fresh', 'cached', 'none']),
    /** when this station received the figures (its clock) */
    fetchedAt: timestamp.nullable(),
    ageMs: z.number().int().nullable(),
    /** why the figures are not fresh: not enrolled, a hospital station, refused, unreachable, a hub error */
    problem: keyedMessage.nullable(),
  }),
  /** when this station counted its own rows */
  countedAt: timestamp,
  hospitals: z.array(hospitalFiguresSchema),
});
export type GroupOverview = z.infer<typeof groupOverviewSchema>;

export const groupContract = {
  'group.overview': query({
    access: 'analytics.read',
    groupWide: true,
    summary: 'Records per hospital across the group: as the hub counts them (its last answer when it cannot be reached) and as held on this station.',
    input: z.strictObject({}),
    output: groupOverviewSchema,
  }),
} as const;
