import { describe, expect, it } from 'vitest';
import { senderFor } from './index.js';
import type { ProviderSettings } from './settings.js';

const each: readonly [ProviderSettings, readonly string[]][] = [
  [{ kind: 'console' }, ['sms', 'whatsapp', 'email']],
  [
    { kind: 'smtp', host: 'mail.olaya.sa', port: 587, security: 'starttls', user: null, password: null, fromAddress: 'px@olaya.sa', fromName: 'Olaya' },
    ['email'],
  ],
  [{ kind: 'unifonic', appSid: 'AbC', senderId: 'Olaya', url: 'https://el.cloud.unifonic.com/rest/SMS/messages' }, ['sms']],
  [{ kind: 'webhook', url: 'https://sms.olaya.sa/px360', secret: 'sixteen-chars-at-least' }, ['sms', 'whatsapp', 'email']],
  [{ kind: 'whatsapp', phoneNumberId: '1', apiVersion: 'v23.0', accessToken: 't', appSecret: 's', baseUrl: 'https://graph.facebook.com' }, ['whatsapp']],
];

describe('the sender for a provider’s settings', () => {
  it.each(each.map(([settings, channels]) => ({ kind: settings.kind, settings, channels })))('$kind sends $channels', ({ settings, channels }) => {
    const sender = senderFor(settings, { consoleLogPath: '/nonexistent/notifications.jsonl' });
    expect(sender.provider).toBe(settings.kind);
    expect(sender.channels).toEqual(channels);
  });
});
