import { describe, expect, it } from 'vitest';
import type { SendResult } from './outbound.js';
import type { SettingsOf } from './settings.js';
import { closedPort, type GatewayReply, gatewaysClosedAfterEachTest, outboundMessage } from './test-support.js';
import { createUnifonicSender } from './unifonic-sender.js';

/** Characters a form encodes, so a gateway echoing the form back would show it encoded. */
const APP_SID = 'Sid+of/the=App 42';

function settings(url: string): SettingsOf<'unifonic'> {
  return { kind: 'unifonic', appSid: APP_SID, senderId: 'OlayaHosp', url: `${url}/rest/SMS/messages` };
}

const startGateway = gatewaysClosedAfterEachTest();

async function sendThrough(reply: GatewayReply, timeoutMs = 2000): Promise<SendResult> {
  const gateway = await startGateway(() => reply);
  return createUnifonicSender(settings(gateway.url), { timeoutMs }).send(outboundMessage());
}

describe('the Unifonic sender', () => {
  it('posts a Service message form with our id as the correlation id', async () => {
    const gateway = await startGateway(() => ({ status: 200, json: { success: true, errorCode: 'ER-00', data: { MessageID: 4281, Status: 'Sent' } } }));
    const result = await createUnifonicSender(settings(gateway.url)).send(outboundMessage());

    expect(result).toEqual({ outcome: 'sent', providerMessageId: '4281' });
    expect(gateway.requests).toHaveLength(1);
    const [request] = gateway.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/rest/SMS/messages');
    expect(request?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      AppSid: APP_SID,
      SenderID: 'OlayaHosp',
      Recipient: '966501234567',
      Body: outboundMessage().body,
      MessageType: '3',
      CorrelationID: 'msg-01J9Z6Q7',
      responseType: 'JSON',
    });
  });

  it.each<{ name: string; reply: GatewayReply; outcome: SendResult['outcome']; reason?: RegExp }>([
    { name: 'queued', reply: { status: 200, json: { success: true, data: { MessageID: '99', Status: 'Queued' } } }, outcome: 'sent' },
    {
      name: 'a number too short',
      reply: { status: 200, json: { success: false, errorCode: 'ER-04', message: 'Dest num is too short', data: {} } },
      outcome: 'failed',
      reason: /^ER-04: Dest num is too short$/,
    },
    {
      name: 'an invalid number',
      reply: { status: 200, json: { success: false, errorCode: 'ER-02', message: 'Invalid destination number' } },
      outcome: 'failed',
      reason: /ER-02/,
    },
    {
      name: 'no route (a landline)',
      reply: { status: 200, json: { success: false, errorCode: 'ER-05', message: 'No route found' } },
      outcome: 'failed',
    },
    {
      name: 'a refusal given with HTTP 400',
      reply: { status: 400, json: { success: false, errorCode: 'ER-06', message: 'Invalid or empty message body' } },
      outcome: 'failed',
      reason: /ER-06/,
    },
    {
      name: 'no balance: the account, not the message',
      reply: { status: 200, json: { success: false, errorCode: 'ER-01', message: 'No rate found or insufficient funds' } },
      outcome: 'retry',
      reason: /ER-01/,
    },
    {
      name: 'an unregistered sender: the account, not the message',
      reply: { status: 200, json: { success: false, errorCode: 'ER-08', message: 'Invalid SenderID' } },
      outcome: 'retry',
    },
    { name: 'a proxy’s page with 200', reply: { status: 200, text: '<html>maintenance</html>' }, outcome: 'retry', reason: /could not be read/ },
    { name: 'a page with 400', reply: { status: 400, text: '<html>bad request</html>' }, outcome: 'failed', reason: /HTTP 400/ },
    { name: 'refused credentials', reply: { status: 401, json: { success: false, message: 'Unauthorized' } }, outcome: 'retry', reason: /HTTP 401/ },
    { name: 'too many requests', reply: { status: 429, text: 'slow down' }, outcome: 'retry', reason: /HTTP 429/ },
    { name: 'a server error', reply: { status: 500, text: 'oops' }, outcome: 'retry', reason: /HTTP 500/ },
    { name: 'a gateway timeout', reply: { status: 504, json: { success: false, errorCode: 'ER-02' } }, outcome: 'retry' },
  ])('maps $name to $outcome', async ({ reply, outcome, reason }) => {
    const result = await sendThrough(reply);
    expect(result.outcome).toBe(outcome);
    if (reason && result.outcome !== 'sent') expect(result.reason).toMatch(reason);
  });

  it('retries a gateway that never answers, after the timeout', async () => {
    const started = Date.now();
    const result = await sendThrough('hang', 200);
    expect(result).toEqual({ outcome: 'retry', reason: 'No answer within 200 ms' });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('retries when nothing listens', async () => {
    const port = await closedPort();
    const result = await createUnifonicSender(settings(`http://127.0.0.1:${port}`), { timeoutMs: 500 }).send(outboundMessage());
    expect(result.outcome).toBe('retry');
    expect(result.outcome === 'retry' && result.reason).toMatch(/ECONNREFUSED/);
  });

  it('never puts the AppSid in a reason, even when the gateway echoes the request', async () => {
    const gateway = await startGateway((request) => ({ status: 200, json: { success: false, errorCode: 'ER-02', message: `bad request: ${request.body}` } }));
    const result = await createUnifonicSender(settings(gateway.url)).send(outboundMessage());
    expect(result.outcome).toBe('failed');
    const shown = JSON.stringify(result);
    for (const form of [APP_SID, encodeURIComponent(APP_SID), new URLSearchParams({ a: APP_SID }).toString().slice(2)]) expect(shown).not.toContain(form);
    expect(shown).toContain('••••');
  });

  it('refuses, without sending, a number that is not E.164 and a message of another channel', async () => {
    const gateway = await startGateway(() => ({ status: 200, json: { success: true, data: { MessageID: 1 } } }));
    const sender = createUnifonicSender(settings(gateway.url));
    expect((await sender.send(outboundMessage({ to: '0501234567' }))).outcome).toBe('failed');
    expect((await sender.send(outboundMessage({ channel: 'email', to: 'a@b.sa' }))).outcome).toBe('failed');
    expect(gateway.requests).toHaveLength(0);
  });
});
