import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SendResult } from './outbound.js';
import type { SettingsOf } from './settings.js';
import { closedPort, type GatewayReply, gatewaysClosedAfterEachTest, outboundMessage } from './test-support.js';
import { createWebhookSender } from './webhook-sender.js';

const SECRET = 'shared-secret-of-the-gateway-0042';

function settings(url: string): SettingsOf<'webhook'> {
  return { kind: 'webhook', url: `${url}/px360/messages`, secret: SECRET };
}

const startGateway = gatewaysClosedAfterEachTest();

async function sendThrough(reply: GatewayReply, timeoutMs = 2000): Promise<SendResult> {
  const gateway = await startGateway(() => reply);
  return createWebhookSender(settings(gateway.url), { timeoutMs }).send(outboundMessage());
}

/** What the receiver's code does: HMAC the raw bytes with the shared secret, compare in constant time. */
function signatureHolds(secret: string, rawBody: string, header: string | string[] | undefined): boolean {
  const match = /^sha256=([0-9a-f]{64})$/.exec(typeof header === 'string' ? header : '');
  if (!match?.[1]) return false;
  return timingSafeEqual(createHmac('sha256', secret).update(rawBody, 'utf8').digest(), Buffer.from(match[1], 'hex'));
}

describe('the webhook sender', () => {
  it('posts the message as signed JSON with our id as the idempotency key', async () => {
    const gateway = await startGateway(() => ({ status: 200, json: { id: 'gw-7781' } }));
    const message = outboundMessage({ channel: 'whatsapp', language: 'en', body: 'Tell us about your visit: https://px.example.sa/s/T1' });
    const result = await createWebhookSender(settings(gateway.url)).send(message);

    expect(result).toEqual({ outcome: 'sent', providerMessageId: 'gw-7781' });
    const [request] = gateway.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/px360/messages');
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    expect(request?.headers['idempotency-key']).toBe('msg-01J9Z6Q7');
    expect(signatureHolds(SECRET, request?.body ?? '', request?.headers['x-px360-signature'])).toBe(true);
    expect(signatureHolds('another-secret-entirely', request?.body ?? '', request?.headers['x-px360-signature'])).toBe(false);
    const body: unknown = JSON.parse(request?.body ?? '');
    expect(Object.keys(body as object)).toEqual(['id', 'channel', 'to', 'language', 'body', 'link']);
    expect(body).toEqual({ id: message.id, channel: 'whatsapp', to: message.to, language: 'en', body: message.body, link: message.link });
  });

  it('signs the Arabic body as the UTF-8 bytes it sends', async () => {
    const gateway = await startGateway(() => ({ status: 202, text: '' }));
    await createWebhookSender(settings(gateway.url)).send(outboundMessage());
    const [request] = gateway.requests;
    expect(JSON.parse(request?.body ?? '')).toMatchObject({ body: outboundMessage().body });
    expect(signatureHolds(SECRET, request?.body ?? '', request?.headers['x-px360-signature'])).toBe(true);
  });

  it.each<{ name: string; reply: GatewayReply; expected: SendResult | SendResult['outcome'] }>([
    { name: '200 with an id', reply: { status: 200, json: { id: 42 } }, expected: { outcome: 'sent', providerMessageId: '42' } },
    { name: '202 with no body', reply: { status: 202, text: '' }, expected: { outcome: 'sent', providerMessageId: null } },
    { name: '204', reply: { status: 204 }, expected: { outcome: 'sent', providerMessageId: null } },
    {
      name: '400 with the gateway’s words',
      reply: { status: 400, json: { error: { code: 'invalid_number', message: 'Number is not a mobile' } } },
      expected: { outcome: 'failed', reason: 'The gateway answered HTTP 400: invalid_number Number is not a mobile' },
    },
    { name: '404', reply: { status: 404, text: 'not found' }, expected: { outcome: 'failed', reason: 'The gateway answered HTTP 404' } },
    { name: '422 with a message', reply: { status: 422, json: { message: 'body too long' } }, expected: 'failed' },
    { name: '408', reply: { status: 408, text: '' }, expected: { outcome: 'retry', reason: 'The gateway answered HTTP 408' } },
    {
      name: '429',
      reply: { status: 429, json: { error: 'rate limited' } },
      expected: { outcome: 'retry', reason: 'The gateway answered HTTP 429: rate limited' },
    },
    { name: '401 (our secret, not the message)', reply: { status: 401, text: '' }, expected: 'retry' },
    { name: '403', reply: { status: 403, text: '' }, expected: 'retry' },
    { name: '500', reply: { status: 500, text: '' }, expected: 'retry' },
    { name: '503', reply: { status: 503, text: '' }, expected: 'retry' },
    { name: 'a redirect (not followed)', reply: { status: 302, text: '' }, expected: 'retry' },
  ])('maps $name', async ({ reply, expected }) => {
    const result = await sendThrough(reply);
    if (typeof expected === 'string') expect(result.outcome).toBe(expected);
    else expect(result).toEqual(expected);
  });

  it('retries a gateway that never answers, after the timeout', async () => {
    const started = Date.now();
    expect(await sendThrough('hang', 200)).toEqual({ outcome: 'retry', reason: 'No answer within 200 ms' });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('retries when nothing listens', async () => {
    const port = await closedPort();
    const result = await createWebhookSender(settings(`http://127.0.0.1:${port}`), { timeoutMs: 500 }).send(outboundMessage());
    expect(result.outcome).toBe('retry');
  });

  it('never puts the secret in a reason, even when the gateway echoes it', async () => {
    const gateway = await startGateway(() => ({ status: 400, json: { error: `secret ${SECRET} is not accepted here` } }));
    const result = await createWebhookSender(settings(gateway.url)).send(outboundMessage());
    expect(result).toEqual({ outcome: 'failed', reason: 'The gateway answered HTTP 400: secret •••• is not accepted here' });
  });
});
