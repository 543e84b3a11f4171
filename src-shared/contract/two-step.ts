import { z } from 'zod';
import { byId, ok, timestamp } from './common.js';
import { mutation, query } from './define.js';
import { sessionSchema, totpEnrolmentSchema } from './accounts.js';

/**
 * Two-step sign-in: a TOTP authenticator app (RFC 6238: 6 digits, 30 s) on
 * top of the password, with single-use recovery codes for a lost phone. NCA
 * ECC asks for it on privileged accounts: the group may require it of PX
 * Admins and Hospital Admins (groupSettings.update).
 */

/** A 6-digit code, or a recovery code (letters and digits in groups; spaces and dashes ignored). */
export const secondFactorCode = z
  .string()
  .trim()
  .max(40)
  .regex(/^(\d{6}|[A-Za-z0-9][A-Za-z0-9 -]{9,38})$/, { error: 'field.totp_code' });

/** The short-lived answer of a right password when a second step is needed: never a session. */
const challenge = z.string().min(16).max(128);

export const twoStepStatusSchema = z.object({
  /** an authenticator app is confirmed for this account */
  enrolled: z.boolean(),
  enrolledAt: timestamp.nullable(),
  recoveryCodesLeft: z.number().int(),
  /** the group requires two-step sign-in of this account's role */
  required: z.boolean(),
});
export type TwoStepStatus = z.infer<typeof twoStepStatusSchema>;

/** Shown once; the station keeps only their hashes. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

export const twoStepContract = {
  'auth.verifyTotp': mutation({
    access: 'public',
    summary:
      'Second sign-in step: the code of my authenticator app (or a recovery code, spent) for the challenge auth.login answered. Wrong codes count toward the lockout.',
    input: z.strictObject({ challenge, code: secondFactorCode }),
    output: sessionSchema,
  }),
  'auth.confirmTotpEnrolment': mutation({
    access: 'public',
    summary:
      'Second sign-in step when the group requires an authenticator and I had none: the first code of the app set up from the secret auth.login showed. Answers the session and my recovery codes (shown once).',
    input: z.strictObject({
      challenge,
      code: z
        .string()
        .trim()
        .regex(/^\d{6}$/, { error: 'field.totp_code' }),
    }),
    output: sessionSchema.extend(recoveryCodesSchema.shape),
  }),
  'totp.status': query({
    access: 'session',
    summary: 'Whether two-step sign-in is on for me, required of me, and how many recovery codes I have left.',
    input: z.strictObject({}),
    output: twoStepStatusSchema,
  }),
  'totp.begin': mutation({
    access: 'session',
    summary: 'Start setting up an authenticator app: a new secret, shown once (text and otpauth:// URI for a QR code). Nothing changes until totp.confirm.',
    input: z.strictObject({}),
    output: totpEnrolmentSchema,
  }),
  'totp.confirm': mutation({
    access: 'session',
    summary: 'Turn two-step sign-in on with the first code of the app just set up; answers 10 recovery codes, shown once.',
    input: z.strictObject({
      code: z
        .string()
        .trim()
        .regex(/^\d{6}$/, { error: 'field.totp_code' }),
    }),
    output: recoveryCodesSchema,
  }),
  'totp.disable': mutation({
    access: 'session',
    summary: 'Turn two-step sign-in off, with a current code or a recovery code. Wrong codes count toward the lockout.',
    input: z.strictObject({ code: secondFactorCode }),
    output: ok,
  }),
  'users.resetTotp': mutation({
    access: 'users.write',
    summary:
      'Turn off two-step sign-in of a user who lost their authenticator and recovery codes (they set it up again at their next sign-in if it is required).',
    input: byId,
    output: ok,
  }),
} as const;
