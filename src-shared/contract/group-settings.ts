import { z } from 'zod';
import { timestamp } from './common.js';
import { mutation, query } from './define.js';

/** The group's own settings, the same on every station; the central team changes them. */
export const groupSettingsSchema = z.object({
  /** PX Admins and Hospital Admins must sign in with an authenticator app as well as their password (NCA ECC: MFA for privileged access) */
  requireAdminTotp: z.boolean(),
  updatedAt: timestamp,
});
export type GroupSettings = z.infer<typeof groupSettingsSchema>;

export const groupSettingsContract = {
  'groupSettings.get': query({
    access: 'roles.read',
    summary: 'The group’s settings, as this station holds them.',
    input: z.strictObject({}),
    output: groupSettingsSchema,
  }),
  'groupSettings.update': mutation({
    // who decides what roles may do decides how they sign in: only a PX Admin holds roles.write, and only one placed on the whole group may change it
    access: 'roles.write',
    groupWide: true,
    summary: 'Change the group’s settings (a group-scope PX Admin, on a station that is not enrolled for one hospital); synced to every station.',
    input: z.strictObject({ requireAdminTotp: z.boolean() }),
    output: groupSettingsSchema,
  }),
} as const;
