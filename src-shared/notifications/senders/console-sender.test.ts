import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleSender, readConsoleLog } from './console-sender.js';
import { outboundMessage } from './test-support.js';

let dataDir = '';
let logPath = '';
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'px360-console-sender-'));
  logPath = path.join(dataDir, 'logs', 'notifications.jsonl');
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const arabic = outboundMessage({ optOutLink: 'https://px.example.sa/o/T1', subject: 'not logged' });
const english = outboundMessage({
  id: 'msg-2',
  channel: 'email',
  to: 'patient@example.com',
  language: 'en',
  body: 'Tell us about your visit',
  subject: 'Your visit',
  link: 'https://px.example.sa/s/T2',
});

describe('the console sender', () => {
  it('writes one JSON line per message with exactly channel, to, language, body and link, into a file only its owner reads', async () => {
    const sender = createConsoleSender(logPath);
    expect(await sender.send(arabic)).toEqual({ outcome: 'sent', providerMessageId: null });
    expect(await sender.send(english)).toEqual({ outcome: 'sent', providerMessageId: null });

    const text = await readFile(logPath, 'utf8');
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[0]).toBe(JSON.stringify({ channel: 'sms', to: '+966501234567', language: 'ar', body: arabic.body, link: 'https://px.example.sa/s/TOKEN123' }));
    expect(Object.keys(JSON.parse(lines[1] ?? '') as object)).toEqual(['channel', 'to', 'language', 'body', 'link']);
    expect((await stat(logPath)).mode & 0o777).toBe(0o600);
  });

  it('reads back the last messages, leaving out lines that are no message', async () => {
    const sender = createConsoleSender(logPath);
    await sender.send(arabic);
    await appendFile(logPath, '{"channel":"sms","to":"+9665\n');
    await appendFile(logPath, 'not json at all\n{"channel":"fax","to":"x","language":"en","body":"b","link":"l"}\n');
    await sender.send(english);

    expect(await readConsoleLog(logPath, 10)).toEqual([
      { channel: 'sms', to: '+966501234567', language: 'ar', body: arabic.body, link: arabic.link },
      { channel: 'email', to: 'patient@example.com', language: 'en', body: 'Tell us about your visit', link: 'https://px.example.sa/s/T2' },
    ]);
    expect(await readConsoleLog(logPath, 1)).toEqual([expect.objectContaining({ to: 'patient@example.com' })]);
    expect(await readConsoleLog(logPath, 0)).toEqual([]);
  });

  it('reads no messages before the first is sent', async () => {
    expect(await readConsoleLog(logPath, 5)).toEqual([]);
  });
});
