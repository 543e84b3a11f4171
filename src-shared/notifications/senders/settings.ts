import { z } from 'zod';
import { unsafeTextReason } from '../../identity.js';
import { isLoopbackAddress } from '../../net-address.js';
import { UNIFONIC_SMS_URL } from '../unifonic.js';
import { PROVIDER_KINDS, type ProviderKind } from './outbound.js';

/**
 * A provider's settings as an administrator enters them and the station
 * keeps them (sealed, they hold credentials). Secrets are named in
 * SECRET_FIELDS so the console can show that one is set without showing
 * it, and an edit that leaves a secret blank keeps the one already stored
 * (mergeSettings), as long as the provider still points at the same server.
 * Field problems carry message keys (`field.…`), read by fieldErrorsFromZod.
 */

/** A credential: no control characters (they would end a header or a form field early). */
const secret = z
  .string()
  .min(1, { error: 'field.required', abort: true })
  .max(4096, { error: 'field.too_long' })
  .regex(/^[^\u0000-\u001f\u007f]*$/, { error: 'field.bad_characters' });

/** A token sent in an HTTP header or form as is: visible ASCII only. */
const token = z
  .string()
  .min(1, { error: 'field.required', abort: true })
  .max(4096, { error: 'field.too_long' })
  .regex(/^[\x21-\x7e]*$/, { error: 'field.invalid' });

function isLocalHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || isLoopbackAddress(bare);
}

/**
 * A gateway's address. Patients' numbers and survey links cross it, so it
 * is https, or plain http only to this machine (a local relay, a test).
 * Credentials in the URL are refused: they would be shown unredacted.
 */
const gatewayUrl = z
  .url({ protocol: /^https?$/, error: 'field.invalid', abort: true })
  .max(2000, { error: 'field.too_long' })
  .refine(
    (value) => {
      const url = new URL(value);
      return !url.username && !url.password && (url.protocol === 'https:' || isLocalHost(url.hostname));
    },
    { error: 'field.invalid' },
  );

/** Text a recipient reads in the From line. */
const displayName = z
  .string()
  .trim()
  .max(100, { error: 'field.too_long' })
  .refine((value) => value === '' || unsafeTextReason(value) === null, { error: 'field.bad_characters' });

const consoleSettings = z.strictObject({ kind: z.literal('console') });

export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;

const smtpSettings = z
  .strictObject({
    kind: z.literal('smtp'),
    host: z
      .string()
      .trim()
      .min(1, { error: 'field.required', abort: true })
      .max(253, { error: 'field.too_long' })
      .regex(/^[A-Za-z0-9.:[\]-]*$/, { error: 'field.invalid' }),
    port: z.number().int().min(1).max(65535),
    /** tls: TLS from the first byte (465); starttls: upgrade required (587); none: plain, to this machine only */
    security: z.enum(SMTP_SECURITY),
    /** none (null or empty): the relay accepts this machine without signing in */
    user: z
      .string()
      .trim()
      .max(320, { error: 'field.too_long' })
      .nullish()
      .transform((value) => value || null),
    password: secret.nullable().default(null),
    fromAddress: z.email({ error: 'field.email' }).max(254, { error: 'field.too_long' }),
    fromName: displayName,
  })
  .refine((settings) => settings.security !== 'none' || isLocalHost(settings.host), {
    error: 'field.invalid',
    path: ['security'],
  })
  .refine((settings) => settings.user === null || settings.password !== null, { error: 'field.required', path: ['password'] });

const unifonicSettings = z.strictObject({
  kind: z.literal('unifonic'),
  appSid: token,
  /** the registered sender name: up to 11 letters, digits, spaces, dots or dashes */
  senderId: z.string().regex(/^[A-Za-z0-9 .-]{1,11}$/, { error: 'field.invalid' }),
  /** the SMS endpoint; another only for a test gateway */
  url: gatewayUrl.default(UNIFONIC_SMS_URL),
});

const webhookSettings = z.strictObject({
  kind: z.literal('webhook'),
  url: gatewayUrl,
  /** signs each body (HMAC-SHA256, `X-PX360-Signature: sha256=<hex>`); long enough not to be guessed */
  secret: secret.min(16, { error: 'field.too_short' }),
});

export const WHATSAPP_GRAPH_URL = 'https://graph.facebook.com';

const whatsAppSettings = z.strictObject({
  kind: z.literal('whatsapp'),
  phoneNumberId: z.string().regex(/^\d{1,30}$/, { error: 'field.invalid' }),
  /** the Graph API version, `v<major>.<minor>`: Meta retires versions, so it is chosen, not assumed */
  apiVersion: z.string().regex(/^v\d{1,3}\.\d{1,2}$/, { error: 'field.invalid' }),
  accessToken: token,
  /** checks the status webhooks' X-Hub-Signature-256 (whatsapp.ts); kept with the provider it belongs to */
  appSecret: token,
  baseUrl: gatewayUrl.default(WHATSAPP_GRAPH_URL),
});

export const providerSettingsSchema = z.discriminatedUnion('kind', [consoleSettings, smtpSettings, unifonicSettings, webhookSettings, whatsAppSettings]);
export type ProviderSettings = z.output<typeof providerSettingsSchema>;
export type SettingsOf<K extends ProviderKind> = Extract<ProviderSettings, { kind: K }>;

/** Every kind the contract names has a schema here, and no other: a compile error otherwise. */
type SameKinds = [ProviderKind] extends [ProviderSettings['kind']] ? ([ProviderSettings['kind']] extends [ProviderKind] ? true : false) : false;
const _sameKinds: SameKinds = true;

/** The fields of each kind that hold a credential: never shown, never logged, kept when an edit leaves them blank. */
export const SECRET_FIELDS = {
  console: [],
  smtp: ['password'],
  unifonic: ['appSid'],
  webhook: ['secret'],
  whatsapp: ['accessToken', 'appSecret'],
} as const satisfies { readonly [K in ProviderKind]: readonly (keyof SettingsOf<K>)[] };

/** What the console shows instead of a secret. */
export interface SecretMarker {
  readonly set: boolean;
}

type SecretKey<K extends ProviderKind> = (typeof SECRET_FIELDS)[K][number];
type Redacted<S extends ProviderSettings> = { readonly [P in keyof S]: P extends SecretKey<S['kind']> ? SecretMarker : S[P] };
export type RedactedSettings = { [K in ProviderKind]: Redacted<SettingsOf<K>> }[ProviderKind];

/** The settings as the console may show them: each secret replaced by whether it is set. */
export function redactSettings(settings: ProviderSettings): RedactedSettings {
  const secrets: readonly string[] = SECRET_FIELDS[settings.kind];
  const shown = Object.entries(settings).map(([key, value]) => [key, secrets.includes(key) ? { set: typeof value === 'string' && value !== '' } : value]);
  return Object.fromEntries(shown) as RedactedSettings;
}

/**
 * Where each kind sends its secrets (the mail server signed in to, the
 * gateway the token goes to). A stored secret goes only where it was
 * entered for: an edit that points the provider elsewhere must give the
 * secrets again, or anyone allowed to edit settings could have the token
 * sent to a server of their own without ever seeing it.
 */
const DESTINATION_FIELDS = {
  console: [],
  smtp: ['host'],
  unifonic: ['url'],
  webhook: ['url'],
  whatsapp: ['baseUrl'],
} as const satisfies { readonly [K in ProviderKind]: readonly (keyof SettingsOf<K>)[] };

/**
 * The settings after an edit. The console never has the stored secrets, so
 * it sends a secret back omitted, empty or as its marker; that keeps the
 * stored one while the provider keeps its kind and its destination. A new
 * provider, or one sent elsewhere, needs its secrets (`field.required`).
 */
export function mergeSettings(previous: ProviderSettings | null, incoming: unknown): z.ZodSafeParseResult<ProviderSettings> {
  if (!isRecord(incoming) || !isProviderKind(incoming.kind)) return providerSettingsSchema.safeParse(incoming);
  const stored = previous?.kind === incoming.kind ? new Map(Object.entries(previous)) : new Map<string, unknown>();
  const merged: Record<string, unknown> = { ...incoming };
  const kept: string[] = [];
  for (const key of SECRET_FIELDS[incoming.kind]) {
    if (!leftBlank(merged[key])) continue;
    delete merged[key];
    if (stored.has(key)) kept.push(key);
  }
  const withKept = providerSettingsSchema.safeParse({ ...merged, ...Object.fromEntries(kept.map((key) => [key, stored.get(key)])) });
  if (!withKept.success || kept.length === 0 || sameDestination(stored, withKept.data)) return withKept;
  return providerSettingsSchema.safeParse(merged);
}

function sameDestination(stored: ReadonlyMap<string, unknown>, next: ProviderSettings): boolean {
  const fields: readonly string[] = DESTINATION_FIELDS[next.kind];
  const values = new Map(Object.entries(next));
  return fields.every((field) => stored.get(field) === values.get(field));
}

function leftBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (isRecord(value) && 'set' in value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isProviderKind(value: unknown): value is ProviderKind {
  return (PROVIDER_KINDS as readonly unknown[]).includes(value);
}
