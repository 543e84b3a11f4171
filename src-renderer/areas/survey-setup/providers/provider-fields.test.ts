import { describe, expect, it } from 'vitest';
import type { NotificationProviderView } from '../../../../src-shared/contract/index.js';
import { mergeSettings, providerSettingsSchema, redactSettings } from '../../../../src-shared/notifications/senders/settings.js';
import { FIELDS, formForKind, formOf, settingsOf } from './provider-fields.js';

const smtp = providerSettingsSchema.parse({
  kind: 'smtp',
  host: 'smtp.hospital.sa',
  port: 587,
  security: 'starttls',
  user: 'px360',
  password: 'correct horse battery staple',
  fromAddress: 'px@hospital.sa',
  fromName: 'PX360',
});
const stored: NotificationProviderView = { channel: 'email', kind: 'smtp', settings: { ...redactSettings(smtp) }, configured: true, readable: true };

describe('provider form', () => {
  it('shows a stored secret as set, never its value', () => {
    const form = formOf(stored);
    expect(form.secretsSet).toEqual({ password: true });
    expect(form.values.password).toBeUndefined();
    expect(form.values).toMatchObject({ host: 'smtp.hospital.sa', port: '587', security: 'starttls', user: 'px360' });
  });

  it('sends a secret left blank as absent, which keeps the stored one', () => {
    const settings = settingsOf(formOf(stored));
    expect(settings).not.toHaveProperty('password');
    const merged = mergeSettings(smtp, settings);
    expect(merged.success && merged.data).toEqual(smtp);
  });

  it('sends numbers as numbers and an empty user as none', () => {
    const form = formForKind('smtp', { ...stored, kind: 'console', settings: { kind: 'console' } });
    form.values = { ...form.values, host: '127.0.0.1', security: 'none', user: '', fromAddress: 'px@hospital.sa', fromName: '' };
    expect(settingsOf(form)).toEqual({ kind: 'smtp', host: '127.0.0.1', port: 587, security: 'none', user: null, fromAddress: 'px@hospital.sa', fromName: '' });
    expect(providerSettingsSchema.safeParse(settingsOf(form)).success).toBe(true);
  });

  it('asks for every field each kind’s schema has', () => {
    for (const [kind, fields] of Object.entries(FIELDS)) {
      const schema = providerSettingsSchema.options.find((option) => option.shape.kind.value === kind);
      expect(
        Object.keys(schema?.shape ?? {})
          .filter((name) => name !== 'kind')
          .sort(),
        kind,
      ).toEqual(fields.map((f) => f.name).sort());
    }
  });
});
