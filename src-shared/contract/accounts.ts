import { z } from 'zod';
import { PERMISSIONS, ROLE_CODES } from '../roles.js';
import { byId, email, id, language, nameAr, nameEn, ok, optional, paged, paging, phone, setActive, timestamp } from './common.js';
import { judgePassword } from '../password-policy.js';
import { mutation, query } from './define.js';
import { departmentRef, hospitalRef } from './scoped.js';

/**
 * A new password, judged on its own by the one rule (src-shared/password-policy.ts):
 * length, the common-password lists, patterns. Where the input also names its
 * owner (setup, a new user) `ownerPassword` judges it against the owner's own
 * words instead; where it does not (change, reset) the station does, knowing whose it is.
 */
export const password = z.string().superRefine((value, ctx) => {
  const verdict = judgePassword(value);
  if (verdict.problem) ctx.addIssue({ code: 'custom', message: verdict.problem });
});

/** The password field of an input that names its owner: judged by `ownerPassword` on the whole input. */
const ownersPassword = z.string();

/** Judges `password` against the username, names and email given beside it. */
function ownerPassword(input: { password: string; username: string; nameEn: string; nameAr: string; email?: string | null | undefined }, ctx: z.RefinementCtx) {
  const verdict = judgePassword(input.password, input);
  if (verdict.problem) ctx.addIssue({ code: 'custom', message: verdict.problem, path: ['password'] });
}

/** What a username can be: lowercase Latin letters, digits, dots, dashes, underscores. */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;

export const username = z.string().trim().toLowerCase().regex(USERNAME_PATTERN, { error: 'field.username' });

export const scopeSchema = z.object({
  kind: z.enum(['group', 'hospital', 'department']),
  hospitalId: id.nullable(),
  departmentId: id.nullable(),
});

export const roleSchema = z.object({
  id,
  code: z.enum(ROLE_CODES),
  nameEn: z.string(),
  nameAr: z.string(),
  level: z.number().int(),
  scope: z.enum(['group', 'hospital', 'department']),
  permissions: z.array(z.enum(PERMISSIONS)),
});
export type Role = z.infer<typeof roleSchema>;

export const userSchema = z.object({
  id,
  username: z.string(),
  nameEn: z.string(),
  nameAr: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  preferredLanguage: language,
  roleCode: z.enum(ROLE_CODES),
  hospitalId: id.nullable(),
  departmentId: id.nullable(),
  active: z.boolean(),
  lockedUntil: timestamp.nullable(),
  lastLoginAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type User = z.infer<typeof userSchema>;

export const meSchema = z.object({
  user: userSchema,
  role: roleSchema,
  scope: scopeSchema,
});
export type Me = z.infer<typeof meSchema>;

export const sessionSchema = z.object({ token: z.string(), expiresAt: timestamp, me: meSchema });
export type Session = z.infer<typeof sessionSchema>;

/** A TOTP secret shown once, as text to type and as the otpauth:// URI a QR code carries. */
export const totpEnrolmentSchema = z.object({ secret: z.string(), uri: z.string() });
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

/**
 * What a right password answers: a session; or, for an account with
 * two-step sign-in, a short-lived challenge for the second step (never a
 * session); or, when the group requires two-step sign-in of the account's
 * role and it has none yet, a challenge with a new authenticator secret to
 * confirm before any session.
 */
export const signInSchema = z.discriminatedUnion('step', [
  sessionSchema.extend({ step: z.literal('signed_in') }),
  z.object({ step: z.literal('totp'), challenge: z.string(), expiresAt: timestamp }),
  z.object({ step: z.literal('totp_enrolment'), challenge: z.string(), expiresAt: timestamp, enrolment: totpEnrolmentSchema }),
]);
export type SignIn = z.infer<typeof signInSchema>;

const userFields = {
  nameEn,
  nameAr,
  email: optional(email),
  phone: optional(phone),
  preferredLanguage: language.default('ar'),
};

export const accountsContract = {
  'auth.setup': mutation({
    access: 'public',
    summary: 'First run: create the first PX Admin (only while the station has no users).',
    input: z.strictObject({ username, password: ownersPassword, ...userFields }).superRefine(ownerPassword),
    output: signInSchema,
  }),
  'auth.login': mutation({
    access: 'public',
    summary:
      'Sign in; answers a session token for the Authorization header, or the second step: a TOTP challenge (auth.verifyTotp), or the set-up of an authenticator the group requires (auth.confirmTotpEnrolment).',
    input: z.strictObject({ username: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(256) }),
    output: signInSchema,
  }),
  'auth.logout': mutation({ access: 'session', summary: 'End this session.', input: z.strictObject({}), output: ok }),
  'auth.me': query({ access: 'session', summary: 'Who is signed in, with role and scope.', input: z.strictObject({}), output: meSchema }),
  'auth.changePassword': mutation({
    access: 'session',
    summary: 'Change my password (not one of my last 5; ends my other sessions). A wrong current password counts toward the lockout.',
    input: z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: password }),
    output: ok,
  }),
  'auth.setLanguage': mutation({
    access: 'session',
    summary: 'Remember my console language.',
    input: z.strictObject({ language }),
    output: ok,
  }),
  'roles.list': query({ access: 'roles.read', summary: 'Roles with levels and permissions.', input: z.strictObject({}), output: z.array(roleSchema) }),
  'users.list': query({
    access: 'users.read',
    summary: 'Users in my scope.',
    input: z.strictObject({
      ...paging,
      q: z.string().trim().max(100).optional(),
      hospitalId: hospitalRef.optional(),
      roleCode: z.enum(ROLE_CODES).optional(),
      active: z.boolean().optional(),
    }),
    output: paged(userSchema),
  }),
  'users.get': query({ access: 'users.read', summary: 'One user.', input: byId, output: userSchema }),
  'users.create': mutation({
    access: 'users.write',
    summary: 'Create a user with a role below mine, inside my scope.',
    input: z
      .strictObject({
        username,
        password: ownersPassword,
        ...userFields,
        roleCode: z.enum(ROLE_CODES),
        hospitalId: optional(hospitalRef),
        departmentId: optional(departmentRef),
      })
      .superRefine(ownerPassword),
    output: userSchema,
  }),
  'users.update': mutation({
    access: 'users.write',
    summary: 'Edit a user.',
    input: z.strictObject({
      id,
      nameEn: nameEn.optional(),
      nameAr: nameAr.optional(),
      email: optional(email),
      phone: optional(phone),
      preferredLanguage: language.optional(),
      roleCode: z.enum(ROLE_CODES).optional(),
      hospitalId: optional(hospitalRef),
      departmentId: optional(departmentRef),
    }),
    output: userSchema,
  }),
  'users.setActive': mutation({ access: 'users.write', summary: 'Activate or deactivate a user.', input: setActive, output: userSchema }),
  'users.resetPassword': mutation({
    access: 'users.write',
    summary: 'Set a new password for a user (not one of their last 5) and unlock the account.',
    input: z.strictObject({ id, newPassword: password }),
    output: ok,
  }),
} as const;
