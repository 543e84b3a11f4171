import type { NotificationProviderView } from '../../../../src-shared/contract/index.js';
import { SECRET_FIELDS, SMTP_SECURITY, WHATSAPP_GRAPH_URL } from '../../../../src-shared/notifications/senders/settings.js';
import type { Channel, ProviderKind } from '../../../../src-shared/notifications/senders/outbound.js';
import { UNIFONIC_SMS_URL } from '../../../../src-shared/notifications/unifonic.js';

/**
 * The fields of each provider kind, as the card shows them, read from the
 * settings schemas (src-shared/notifications/senders/settings.ts): the
 * form keeps every value as text, and turns it back into the settings the
 * station parses. Secrets are never shown: the station says whether one is
 * set, and a secret left blank keeps it.
 */

/** The kinds that can carry each channel; console (a file on this station) for all. */
export const KINDS_FOR_CHANNEL: Readonly<Record<Channel, readonly ProviderKind[]>> = {
  sms: ['console', 'unifonic', 'webhook'],
  whatsapp: ['console', 'whatsapp', 'webhook'],
  email: ['console', 'smtp', 'webhook'],
};

export const PROVIDER_FIELDS = [
  'host',
  'port',
  'security',
  'user',
  'password',
  'fromAddress',
  'fromName',
  'appSid',
  'senderId',
  'url',
  'secret',
  'phoneNumberId',
  'apiVersion',
  'accessToken',
  'appSecret',
  'baseUrl',
] as const;
export type ProviderField = (typeof PROVIDER_FIELDS)[number];

export interface FieldSpec {
  name: ProviderField;
  input: 'text' | 'number' | 'secret' | 'security' | 'email' | 'url';
  /** may be left empty */
  optional?: boolean;
}

export const FIELDS: Readonly<Record<ProviderKind, readonly FieldSpec[]>> = {
  console: [],
  smtp: [
    { name: 'host', input: 'text' },
    { name: 'port', input: 'number' },
    { name: 'security', input: 'security' },
    { name: 'user', input: 'text', optional: true },
    { name: 'password', input: 'secret', optional: true },
    { name: 'fromAddress', input: 'email' },
    { name: 'fromName', input: 'text', optional: true },
  ],
  unifonic: [
    { name: 'appSid', input: 'secret' },
    { name: 'senderId', input: 'text' },
    { name: 'url', input: 'url' },
  ],
  webhook: [
    { name: 'url', input: 'url' },
    { name: 'secret', input: 'secret' },
  ],
  whatsapp: [
    { name: 'phoneNumberId', input: 'text' },
    { name: 'apiVersion', input: 'text' },
    { name: 'accessToken', input: 'secret' },
    { name: 'appSecret', input: 'secret' },
    { name: 'baseUrl', input: 'url' },
  ],
};

/** What a new provider of a kind starts with: the public endpoints filled in, the usual mail submission port. */
const STARTING_VALUES: Readonly<Record<ProviderKind, Partial<Record<ProviderField, string>>>> = {
  console: {},
  smtp: { port: '587', security: 'starttls' },
  unifonic: { url: UNIFONIC_SMS_URL },
  webhook: {},
  whatsapp: { baseUrl: WHATSAPP_GRAPH_URL },
};

export const SECURITY_OPTIONS = SMTP_SECURITY;

export type ProviderValues = Partial<Record<ProviderField, string>>;

export interface ProviderForm {
  kind: ProviderKind;
  values: ProviderValues;
  /** per secret field: whether the station holds one (only while the kind is the stored one) */
  secretsSet: Partial<Record<ProviderField, boolean>>;
}

const isSecretMarker = (value: unknown): value is { set: boolean } =>
  typeof value === 'object' && value !== null && 'set' in value && typeof (value as { set: unknown }).set === 'boolean';

export function isSecretField(kind: ProviderKind, name: ProviderField): boolean {
  return (SECRET_FIELDS[kind] as readonly string[]).includes(name);
}

/** The card's form for what the station holds. */
export function formOf(view: NotificationProviderView): ProviderForm {
  const values: ProviderValues = { ...STARTING_VALUES[view.kind] };
  const secretsSet: ProviderForm['secretsSet'] = {};
  for (const { name } of FIELDS[view.kind]) {
    const stored = view.settings[name];
    if (isSecretMarker(stored)) secretsSet[name] = stored.set;
    else if (typeof stored === 'string' || typeof stored === 'number') values[name] = String(stored);
  }
  return { kind: view.kind, values, secretsSet };
}

/** Another kind chosen: its starting values; the stored secrets count only for the stored kind. */
export function formForKind(kind: ProviderKind, stored: NotificationProviderView): ProviderForm {
  return kind === stored.kind ? formOf(stored) : { kind, values: { ...STARTING_VALUES[kind] }, secretsSet: {} };
}

/**
 * The settings to send: numbers as numbers, an empty optional field as
 * null (or left out), and a secret left blank left out, which keeps the
 * stored one while the provider points at the same server.
 */
export function settingsOf(form: ProviderForm): Record<string, unknown> {
  const settings: Record<string, unknown> = { kind: form.kind };
  for (const field of FIELDS[form.kind]) {
    const value = (form.values[field.name] ?? '').trim();
    if (field.input === 'secret') {
      if (value !== '') settings[field.name] = form.values[field.name];
      continue;
    }
    if (field.input === 'number') settings[field.name] = value === '' ? null : Number(value);
    else if (field.name === 'user') settings[field.name] = value === '' ? null : value;
    else settings[field.name] = value;
  }
  return settings;
}
