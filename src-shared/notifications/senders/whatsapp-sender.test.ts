import { describe, expect, it } from 'vitest';
import { whatsAppTemplateMessage } from '../whatsapp.js';
import type { OutboundMessage, SendResult } from './outbound.js';
import type { SettingsOf } from './settings.js';
import { closedPort, type GatewayReply, gatewaysClosedAfterEachTest, outboundMessage } from './test-support.js';
import { createWhatsAppSender } from './whatsapp-sender.js';

const ACCESS_TOKEN = 'EAAG-access-token-0123456789';
const APP_SECRET = 'app-secret-abcdef0123456789';

function settings(baseUrl: string): SettingsOf<'whatsapp'> {
  return { kind: 'whatsapp', phoneNumberId: '109876543210', apiVersion: 'v23.0', accessToken: ACCESS_TOKEN, appSecret: APP_SECRET, baseUrl };
}

const invitation: OutboundMessage = outboundMessage({
  channel: 'whatsapp',
  whatsApp: { templateName: 'px_survey_invite', bodyParameters: ['نورة', 'مجمع العليا'], buttonSuffix: 'TOKEN123' },
});

const startGateway = gatewaysClosedAfterEachTest();

async function sendThrough(reply: GatewayReply, timeoutMs = 2000): Promise<SendResult> {
  const gateway = await startGateway(() => reply);
  return createWhatsAppSender(settings(gateway.url), { timeoutMs }).send(invitation);
}

function graphError(code: number, message: string, details?: string) {
  return { error: { message, type: 'OAuthException', code, ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}), fbtrace_id: 'Az' } };
}

describe('the WhatsApp Cloud API sender', () => {
  it('posts the template message with the token as the URL button’s suffix, signed in with the access token', async () => {
    const gateway = await startGateway(() => ({
      status: 200,
      json: { messaging_product: 'whatsapp', contacts: [{ input: '966501234567', wa_id: '966501234567' }], messages: [{ id: 'wamid.HBgM' }] },
    }));
    const result = await createWhatsAppSender(settings(gateway.url)).send(invitation);

    expect(result).toEqual({ outcome: 'sent', providerMessageId: 'wamid.HBgM' });
    const [request] = gateway.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v23.0/109876543210/messages');
    expect(request?.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(request?.body ?? '')).toEqual(
      whatsAppTemplateMessage({
        to: '966501234567',
        template: 'px_survey_invite',
        language: 'ar',
        bodyParameters: ['نورة', 'مجمع العليا'],
        buttonSuffix: 'TOKEN123',
      }),
    );
  });

  it.each<{ name: string; reply: GatewayReply; outcome: SendResult['outcome']; reason?: string }>([
    { name: 'an answer without a wamid', reply: { status: 200, json: { messages: [] } }, outcome: 'retry' },
    {
      name: '131026 undeliverable',
      reply: { status: 400, json: graphError(131026, '(#131026) Message Undeliverable.') },
      outcome: 'failed',
      reason: 'WhatsApp 131026: (#131026) Message Undeliverable.',
    },
    { name: '131047 re-engagement', reply: { status: 400, json: graphError(131047, 'Re-engagement message') }, outcome: 'failed' },
    { name: '131051 unsupported type', reply: { status: 400, json: graphError(131051, 'Unsupported message type') }, outcome: 'failed' },
    {
      name: '100 invalid parameter',
      reply: { status: 400, json: graphError(100, '(#100) Invalid parameter', 'Parameter to is not a valid phone number') },
      outcome: 'failed',
      reason: 'WhatsApp 100: (#100) Invalid parameter (Parameter to is not a valid phone number)',
    },
    {
      name: '132001 template does not exist',
      reply: { status: 404, json: graphError(132001, 'Template name does not exist in the translation') },
      outcome: 'failed',
    },
    { name: '132000 parameter count mismatch', reply: { status: 400, json: graphError(132000, 'Number of parameters does not match') }, outcome: 'failed' },
    { name: '132015 template paused', reply: { status: 400, json: graphError(132015, 'Template is paused') }, outcome: 'failed' },
    { name: '130429 throughput limit', reply: { status: 429, json: graphError(130429, 'Rate limit hit') }, outcome: 'retry' },
    { name: '131056 pair rate limit (given with 400)', reply: { status: 400, json: graphError(131056, 'Pair rate limit hit') }, outcome: 'retry' },
    { name: '131000 something went wrong', reply: { status: 500, json: graphError(131000, 'Something went wrong') }, outcome: 'retry' },
    { name: 'a 503 page', reply: { status: 503, text: '<html>unavailable</html>' }, outcome: 'retry', reason: 'WhatsApp answered HTTP 503' },
    {
      name: '190 expired token (the settings, not the message)',
      reply: { status: 401, json: graphError(190, 'Error validating access token') },
      outcome: 'retry',
    },
    { name: 'an unknown code with 400', reply: { status: 400, json: graphError(131021, 'Recipient cannot be sender') }, outcome: 'failed' },
    { name: 'a 400 page', reply: { status: 400, text: 'bad' }, outcome: 'failed', reason: 'WhatsApp answered HTTP 400' },
  ])('maps $name to $outcome', async ({ reply, outcome, reason }) => {
    const result = await sendThrough(reply);
    expect(result.outcome).toBe(outcome);
    if (reason !== undefined) expect(result).toEqual({ outcome, reason });
  });

  it('retries a Graph API that never answers, after the timeout', async () => {
    const started = Date.now();
    expect(await sendThrough('hang', 200)).toEqual({ outcome: 'retry', reason: 'No answer within 200 ms' });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('retries when nothing listens', async () => {
    const port = await closedPort();
    const result = await createWhatsAppSender(settings(`http://127.0.0.1:${port}`), { timeoutMs: 500 }).send(invitation);
    expect(result.outcome).toBe('retry');
  });

  it('never puts the access token or app secret in a reason, even when an answer echoes them', async () => {
    const gateway = await startGateway((request) => ({
      status: 401,
      json: graphError(190, `Invalid OAuth access token ${String(request.headers.authorization)}`, `app secret ${APP_SECRET}`),
    }));
    const result = await createWhatsAppSender(settings(gateway.url)).send(invitation);
    expect(result.outcome).toBe('retry');
    expect(JSON.stringify(result)).not.toContain(ACCESS_TOKEN);
    expect(JSON.stringify(result)).not.toContain(APP_SECRET);
    expect(JSON.stringify(result)).toContain('Bearer ••••');
  });

  it('refuses, without sending, a message with no template or no E.164 number', async () => {
    const gateway = await startGateway(() => ({ status: 200, json: { messages: [{ id: 'wamid.X' }] } }));
    const sender = createWhatsAppSender(settings(gateway.url));
    expect(await sender.send({ ...invitation, whatsApp: null })).toMatchObject({ outcome: 'failed' });
    expect(await sender.send({ ...invitation, to: '0501234567' })).toMatchObject({ outcome: 'failed' });
    expect(await sender.send({ ...invitation, channel: 'sms' })).toMatchObject({ outcome: 'failed' });
    expect(gateway.requests).toHaveLength(0);
  });
});
