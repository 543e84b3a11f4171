import { z } from 'zod';
import { PERMISSIONS, ROLE_CODES } from '../roles.js';
import { byId, email, id, language, nameAr, nameEn, ok, optional, paged, paging, phone, setActive, timestamp } from './common.js';
import { mutation, query } from './define.js';
import { departmentRef, hospitalRef } from './scoped.js';

export const password = z
  .string()
  .max(256)
  .refine((value) => value.length >= 10 && /\p{L}/u.test(value) && /\d/.test(value), { error: 'field.password_weak' });

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, { error: 'field.username' });

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
    input: z.strictObject({ username, password, ...userFields }),
    output: sessionSchema,
  }),
  'auth.login': mutation({
    access: 'public',
    summary: 'Sign in; answers a session token for the Authorization header.',
    input: z.strictObject({ username: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(256) }),
    output: sessionSchema,
  }),
  'auth.logout': mutation({ access: 'session', summary: 'End this session.', input: z.strictObject({}), output: ok }),
  'auth.me': query({ access: 'session', summary: 'Who is signed in, with role and scope.', input: z.strictObject({}), output: meSchema }),
  'auth.changePassword': mutation({
    access: 'session',
    summary: 'Change my password (ends my other sessions).',
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
    input: z.strictObject({
      username,
      password,
      ...userFields,
      roleCode: z.enum(ROLE_CODES),
      hospitalId: optional(hospitalRef),
      departmentId: optional(departmentRef),
    }),
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
    summary: 'Set a new password for a user and unlock the account.',
    input: z.strictObject({ id, newPassword: password }),
    output: ok,
  }),
} as const;
