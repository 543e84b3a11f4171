import { describe, expect, it } from 'vitest';
import { fieldErrorsFromZod } from '../../errors.js';
import { mergeSettings, type ProviderSettings, providerSettingsSchema, redactSettings } from './settings.js';

const whatsApp: ProviderSettings = {
  kind: 'whatsapp',
  phoneNumberId: '109876543210',
  apiVersion: 'v23.0',
  accessToken: 'EAAG-access-token',
  appSecret: 'app-secret-0123',
  baseUrl: 'https://graph.facebook.com',
};
const smtp: ProviderSettings = {
  kind: 'smtp',
  host: 'mail.olaya-hospital.sa',
  port: 587,
  security: 'starttls',
  user: 'px360',
  password: 'relay-password',
  fromAddress: 'px@olaya-hospital.sa',
  fromName: 'مستشفى العليا',
};

/** The field errors a console would show, as path → message key. */
function problems(input: unknown): Record<string, string> {
  const parsed = providerSettingsSchema.safeParse(input);
  if (parsed.success) return {};
  const fields = fieldErrorsFromZod(parsed.error).map((field) => [field.path, field.key] as const);
  // one message per field: a second would be a second, contradicting, line under the same input
  expect(new Set(fields.map(([path]) => path)).size).toBe(fields.length);
  return Object.fromEntries(fields);
}

describe('notification provider settings', () => {
  it('accepts each kind, filling in the gateways’ own addresses', () => {
    expect(providerSettingsSchema.parse({ kind: 'console' })).toEqual({ kind: 'console' });
    expect(providerSettingsSchema.parse({ kind: 'unifonic', appSid: 'AbC123', senderId: 'OlayaHosp' })).toEqual({
      kind: 'unifonic',
      appSid: 'AbC123',
      senderId: 'OlayaHosp',
      url: 'https://el.cloud.unifonic.com/rest/SMS/messages',
    });
    const { baseUrl: _baseUrl, ...withoutBaseUrl } = whatsApp;
    expect(providerSettingsSchema.parse(withoutBaseUrl)).toEqual(whatsApp);
    expect(providerSettingsSchema.parse({ kind: 'webhook', url: 'https://sms.olaya-hospital.sa/px360', secret: 'sixteen-chars-at-least' })).toMatchObject({
      kind: 'webhook',
    });
    // plain http only to this machine: a local relay
    for (const url of ['http://127.0.0.1:8080/px360', 'http://localhost/px360', 'http://[::1]:8080/px360'])
      expect(providerSettingsSchema.safeParse({ kind: 'webhook', url, secret: 'sixteen-chars-at-least' }).success).toBe(true);
    // a relay that knows this machine: no sign-in, and plain SMTP to itself
    expect(providerSettingsSchema.parse({ ...smtp, host: 'localhost', port: 25, security: 'none', user: '', password: undefined })).toMatchObject({
      user: null,
      password: null,
    });
  });

  it.each<[string, unknown, Record<string, string>]>([
    ['an unknown kind', { kind: 'carrier-pigeon' }, { kind: 'field.invalid' }],
    ['an unknown field', { kind: 'console', logPath: '/tmp/x' }, { logPath: 'field.unknown' }],
    ['plain SMTP across the network', { ...smtp, security: 'none' }, { security: 'field.invalid' }],
    ['a sender address that is none', { ...smtp, fromAddress: 'px at olaya' }, { fromAddress: 'field.email' }],
    ['a From name with a bidi override', { ...smtp, fromName: 'Olaya\u202eHospital' }, { fromName: 'field.bad_characters' }],
    ['a port out of range', { ...smtp, port: 70000 }, { port: 'field.too_big' }],
    ['a sign-in name without a password', { ...smtp, password: null }, { password: 'field.required' }],
    ['a webhook over plain HTTP', { kind: 'webhook', url: 'http://sms.olaya-hospital.sa/px360', secret: 'sixteen-chars-at-least' }, { url: 'field.invalid' }],
    ['a webhook URL that is no URL', { kind: 'webhook', url: 'not a url', secret: 'sixteen-chars-at-least' }, { url: 'field.invalid' }],
    ['a webhook URL of another scheme', { kind: 'webhook', url: 'ftp://sms.olaya.sa/', secret: 'sixteen-chars-at-least' }, { url: 'field.invalid' }],
    ['a webhook URL with credentials', { kind: 'webhook', url: 'https://u:p@sms.olaya.sa/', secret: 'sixteen-chars-at-least' }, { url: 'field.invalid' }],
    ['a short webhook secret', { kind: 'webhook', url: 'https://sms.olaya-hospital.sa/px360', secret: 'short' }, { secret: 'field.too_short' }],
    ['a Unifonic sender name over 11 characters', { kind: 'unifonic', appSid: 'AbC123', senderId: 'OlayaHospital' }, { senderId: 'field.invalid' }],
    ['a Unifonic AppSid with a line break', { kind: 'unifonic', appSid: 'AbC\r\n123', senderId: 'Olaya' }, { appSid: 'field.invalid' }],
    ['a WhatsApp version that is no version', { ...whatsApp, apiVersion: 'latest' }, { apiVersion: 'field.invalid' }],
    ['a WhatsApp token missing', { ...whatsApp, accessToken: '' }, { accessToken: 'field.required' }],
    ['an empty webhook secret', { kind: 'webhook', url: 'https://sms.olaya-hospital.sa/px360', secret: '' }, { secret: 'field.required' }],
    ['no SMTP host', { ...smtp, host: ' ' }, { host: 'field.required' }],
  ])('refuses %s', (_name, input, expected) => {
    expect(problems(input)).toEqual(expected);
  });

  it('shows whether each secret is set, never the secret', () => {
    const shown = redactSettings(whatsApp);
    expect(shown).toEqual({ ...whatsApp, accessToken: { set: true }, appSecret: { set: true } });
    expect(JSON.stringify(shown)).not.toContain('EAAG-access-token');
    expect(JSON.stringify(shown)).not.toContain('app-secret-0123');
    expect(redactSettings({ ...smtp, user: null, password: null })).toMatchObject({ password: { set: false } });
    expect(redactSettings({ kind: 'console' })).toEqual({ kind: 'console' });
  });

  it('keeps a stored secret that an edit leaves out, empty or as the console showed it', () => {
    const edited = mergeSettings(whatsApp, { ...redactSettings(whatsApp), phoneNumberId: '555', accessToken: '' });
    expect(edited).toEqual({ success: true, data: { ...whatsApp, phoneNumberId: '555' } });
    const { appSecret: _appSecret, ...withoutAppSecret } = whatsApp;
    expect(mergeSettings(whatsApp, { ...withoutAppSecret, accessToken: null }).data).toEqual(whatsApp);
    expect(mergeSettings(smtp, redactSettings(smtp)).data).toEqual(smtp);
  });

  it('takes a secret the edit gives', () => {
    expect(mergeSettings(whatsApp, { ...redactSettings(whatsApp), accessToken: 'EAAG-new-token' }).data).toEqual({
      ...whatsApp,
      accessToken: 'EAAG-new-token',
    });
  });

  it('asks for the secrets of a new provider, and of a provider that changed kind', () => {
    const webhook = { kind: 'webhook', url: 'https://sms.olaya-hospital.sa/px360', secret: { set: true } };
    for (const previous of [null, smtp]) {
      const merged = mergeSettings(previous, webhook);
      expect(merged.success).toBe(false);
      expect(merged.error && fieldErrorsFromZod(merged.error).map((field) => [field.path, field.key])).toEqual([['secret', 'field.required']]);
    }
  });

  it('asks for the secrets again when the provider is pointed at another server', () => {
    const required = (input: unknown, previous: ProviderSettings) => {
      const merged = mergeSettings(previous, input);
      return merged.error ? fieldErrorsFromZod(merged.error).map((field) => `${field.path} ${field.key}`) : [];
    };
    expect(required({ ...redactSettings(whatsApp), baseUrl: 'https://graph.attacker.example' }, whatsApp)).toEqual([
      'accessToken field.required',
      'appSecret field.required',
    ]);
    const { baseUrl: _baseUrl, ...defaultBaseUrl } = { ...whatsApp, accessToken: '', appSecret: '' };
    expect(required(defaultBaseUrl, whatsApp)).toEqual([]);
    expect(required({ ...redactSettings(smtp), host: 'mail.attacker.example' }, smtp)).toEqual(['password field.required']);
    expect(required({ ...redactSettings(smtp), port: 465, security: 'tls' }, smtp)).toEqual([]);
    const unifonic: ProviderSettings = { kind: 'unifonic', appSid: 'AbC123', senderId: 'Olaya', url: 'https://el.cloud.unifonic.com/rest/SMS/messages' };
    expect(required({ ...redactSettings(unifonic), url: 'https://sms.attacker.example/' }, unifonic)).toEqual(['appSid field.required']);
    // with the secret given again, the new server is accepted
    expect(mergeSettings(smtp, { ...redactSettings(smtp), host: 'mail2.olaya-hospital.sa', password: 'new-password' }).data).toEqual({
      ...smtp,
      host: 'mail2.olaya-hospital.sa',
      password: 'new-password',
    });
  });

  it('refuses what is not settings at all', () => {
    expect(mergeSettings(smtp, 'smtp').success).toBe(false);
    expect(mergeSettings(smtp, { kind: 'toString' }).success).toBe(false);
  });
});
