import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsOf } from './settings.js';
import { createSmtpSender } from './smtp-sender.js';
import { closedPort, outboundMessage } from './test-support.js';

const PASSWORD = 'mail-relay-password-9911';

function settings(port: number, overrides: Partial<SettingsOf<'smtp'>> = {}): SettingsOf<'smtp'> {
  return {
    kind: 'smtp',
    host: '127.0.0.1',
    port,
    security: 'none',
    user: null,
    password: null,
    fromAddress: 'px@olaya-hospital.sa',
    fromName: 'مستشفى العليا',
    ...overrides,
  };
}

const arabic = outboundMessage({
  id: 'msg-ar-1',
  channel: 'email',
  to: 'patient@example.sa',
  language: 'ar',
  subject: 'شاركنا رأيك في زيارتك',
  body: 'مرحباً \u2068نورة\u2069،\nشاركنا رأيك: \u2068https://px.example.sa/s/TOKEN123\u2069',
  optOutLink: 'https://px.example.sa/o/TOKEN123',
});
const english = outboundMessage({
  id: 'msg-en-1',
  channel: 'email',
  to: 'patient@example.com',
  language: 'en',
  subject: 'Tell us about your visit',
  body: 'Dear Noura,\nplease tell us about your visit: https://px.example.sa/s/TOKEN456',
  link: 'https://px.example.sa/s/TOKEN456',
  optOutLink: null,
});

interface Mailbox {
  readonly port: number;
  readonly received: string[];
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

/** A real SMTP server on 127.0.0.1 that keeps each message's raw text; `options` make it refuse. */
async function startMailbox(options: Partial<SMTPServerOptions> = {}): Promise<Mailbox> {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // no reverse DNS of 127.0.0.1: on a machine without a resolver it would stall each test
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
    ...options,
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { port: (server.server.address() as AddressInfo).port, received };
}

function smtpReply(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

// --- reading the received message (headers, encoded words, transfer encodings) ---

function splitMessage(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, end)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(end + 4) };
}

function decodeWords(value: string): string {
  // RFC 2047: the space between two encoded words is not part of the text
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_whole, kind: string, text: string) =>
      kind.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_whole, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
}

/** The text of each part, by content type (text/plain, text/html). */
function partsOf(raw: string): Map<string, string> {
  const { headers, body } = splitMessage(raw);
  const type = headers.get('content-type') ?? '';
  const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
  const parts = new Map<string, string>();
  if (!boundary) {
    parts.set(type.split(';')[0] ?? '', decodeBody(headers, body.replace(/\r\n$/, '')));
    return parts;
  }
  for (const section of body.split(`--${boundary}`).slice(1, -1)) {
    const part = splitMessage(section.replace(/^\r\n/, ''));
    parts.set((part.headers.get('content-type') ?? '').split(';')[0] ?? '', decodeBody(part.headers, part.body.replace(/\r\n$/, '')));
  }
  return parts;
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

describe('the SMTP sender', () => {
  it('sends an Arabic invitation as UTF-8 text with a right-to-left HTML part and one-click unsubscribe', async () => {
    const mailbox = await startMailbox();
    const result = await createSmtpSender(settings(mailbox.port)).send(arabic);

    expect(result).toEqual({ outcome: 'sent', providerMessageId: '<px360.msg-ar-1@olaya-hospital.sa>' });
    expect(mailbox.received).toHaveLength(1);
    const raw = mailbox.received[0] ?? '';
    const { headers } = splitMessage(raw);
    expect(headers.get('list-unsubscribe')).toBe('<https://px.example.sa/o/TOKEN123>');
    expect(headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(headers.get('x-px360-message-id')).toBe('msg-ar-1');
    expect(headers.get('message-id')).toBe('<px360.msg-ar-1@olaya-hospital.sa>');
    expect(decodeWords(headers.get('subject') ?? '')).toBe('شاركنا رأيك في زيارتك');
    expect(decodeWords(headers.get('from') ?? '')).toBe('مستشفى العليا <px@olaya-hospital.sa>');

    const parts = partsOf(raw);
    expect(parts.get('text/plain')?.replace(/\r\n/g, '\n')).toBe(arabic.body);
    const html = parts.get('text/html') ?? '';
    expect(html).toContain('<html dir="rtl" lang="ar">');
    expect(html).toContain('<a href="https://px.example.sa/s/TOKEN123">https://px.example.sa/s/TOKEN123</a>');
    expect(html).toContain('نورة');
    expect(splitMessage(raw).headers.get('content-type')).toMatch(/^multipart\/alternative/);
  });

  it('sends an English invitation as text only, and without unsubscribe headers when there is no opt-out link', async () => {
    const mailbox = await startMailbox();
    expect(await createSmtpSender(settings(mailbox.port)).send(english)).toMatchObject({ outcome: 'sent' });

    const raw = mailbox.received[0] ?? '';
    const { headers } = splitMessage(raw);
    expect(headers.has('list-unsubscribe')).toBe(false);
    expect(headers.has('list-unsubscribe-post')).toBe(false);
    expect(headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8/i);
    expect(partsOf(raw).get('text/plain')?.replace(/\r\n/g, '\n')).toBe(english.body);
    expect(decodeWords(headers.get('subject') ?? '')).toBe('Tell us about your visit');
  });

  it('gives a retried message the same Message-ID, and another message another', async () => {
    const mailbox = await startMailbox();
    const sender = createSmtpSender(settings(mailbox.port));
    await sender.send(english);
    await sender.send(english);
    await sender.send({ ...english, id: 'msg-en-2' });
    const ids = mailbox.received.map((raw) => splitMessage(raw).headers.get('message-id'));
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('signs in with the user and password when they are set', async () => {
    const logins: string[] = [];
    const mailbox = await startMailbox({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        logins.push(`${auth.username}:${auth.password}`);
        callback(null, { user: auth.username });
      },
    });
    const result = await createSmtpSender(settings(mailbox.port, { user: 'px360', password: PASSWORD })).send(english);
    expect(result.outcome).toBe('sent');
    expect(logins).toEqual([`px360:${PASSWORD}`]);
  });

  it('fails a message the server refuses for good (550), naming the server’s reply', async () => {
    const mailbox = await startMailbox({ onRcptTo: (_address, _session, callback) => callback(smtpReply(550, 'No such user here')) });
    const result = await createSmtpSender(settings(mailbox.port)).send(english);
    expect(result.outcome).toBe('failed');
    expect(result.outcome === 'failed' && result.reason).toMatch(/550.*No such user here/);
  });

  it('retries a message the server defers (451)', async () => {
    const mailbox = await startMailbox({
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback(smtpReply(451, 'Greylisted, try again later')));
      },
    });
    const result = await createSmtpSender(settings(mailbox.port)).send(english);
    expect(result.outcome).toBe('retry');
    expect(result.outcome === 'retry' && result.reason).toMatch(/451.*Greylisted/);
  });

  it('retries when the server refuses the sign-in, without the password in the reason', async () => {
    const mailbox = await startMailbox({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) => callback(smtpReply(535, `Authentication failed for ${auth.username}/${auth.password ?? ''}`)),
    });
    const result = await createSmtpSender(settings(mailbox.port, { user: 'px360', password: PASSWORD })).send(english);
    expect(result.outcome).toBe('retry');
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
  });

  it('retries when nothing listens', async () => {
    const port = await closedPort();
    const result = await createSmtpSender(settings(port), { timeoutMs: 500 }).send(english);
    expect(result.outcome).toBe('retry');
    expect(result.outcome === 'retry' && result.reason).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
  });

  it('retries a server that never greets, after the timeout', async () => {
    const sockets: Socket[] = [];
    const silent = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const result = await createSmtpSender(settings((silent.address() as AddressInfo).port), { timeoutMs: 200 }).send(english);
      expect(result.outcome).toBe('retry');
      expect(Date.now() - started).toBeLessThan(900);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('refuses, without connecting, a message of another channel', async () => {
    const result = await createSmtpSender(settings(await closedPort())).send(outboundMessage());
    expect(result).toEqual({ outcome: 'failed', reason: 'The smtp provider does not send sms messages' });
  });
});
