import { appendFile, mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { CHANNELS, type NotificationSender, notificationSender, type OutboundMessage, sent } from './outbound.js';

/**
 * The provider of development and demos: nothing leaves the machine, each
 * message becomes one JSON line in `<data-dir>/logs/notifications.jsonl`,
 * where a demo can open the survey link a patient would have received.
 * The lines hold patients' numbers and names, so the file is the owner's
 * alone (0600) and holds only what a reader needs: no ids, no templates.
 */

export const consoleLogEntrySchema = z.strictObject({
  channel: z.enum(CHANNELS),
  to: z.string(),
  language: z.enum(['ar', 'en']),
  body: z.string(),
  link: z.string(),
});
export type ConsoleLogEntry = z.output<typeof consoleLogEntrySchema>;

export function createConsoleSender(logPath: string): NotificationSender {
  return notificationSender('console', CHANNELS, async (message) => {
    await mkdir(path.dirname(logPath), { recursive: true, mode: 0o700 });
    await appendFile(logPath, `${JSON.stringify(logEntry(message))}\n`, { encoding: 'utf8', mode: 0o600 });
    return sent(null);
  });
}

/** Exactly these five keys, in this order, so the lines read the same in every demo. */
function logEntry(message: OutboundMessage): ConsoleLogEntry {
  return { channel: message.channel, to: message.to, language: message.language, body: message.body, link: message.link };
}

/** How much of the end of the file is read: a demo's log grows for as long as the demo runs. */
const TAIL_BYTES = 4 * 1024 * 1024;

/**
 * The last `limit` messages of the log, oldest first, for the console's
 * "sent messages" view. Lines that are not a message (cut by a crash
 * mid-write, edited by hand) are left out; no log yet is no messages.
 */
export async function readConsoleLog(logPath: string, limit: number): Promise<ConsoleLogEntry[]> {
  if (limit <= 0) return [];
  const tail = await readTail(logPath, TAIL_BYTES);
  const entries: ConsoleLogEntry[] = [];
  for (const line of tail.split('\n')) {
    const entry = parseLine(line);
    if (entry) entries.push(entry);
  }
  return entries.slice(-limit);
}

function parseLine(line: string): ConsoleLogEntry | null {
  if (line.trim() === '') return null;
  try {
    const parsed = consoleLogEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The file's last `bytes`, starting at a whole line; '' when there is no file. */
async function readTail(logPath: string, bytes: number): Promise<string> {
  let file;
  try {
    file = await open(logPath, 'r');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return '';
    throw error;
  }
  try {
    const { size } = await file.stat();
    const start = Math.max(0, size - bytes);
    const buffer = Buffer.alloc(size - start);
    await file.read(buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    return start === 0 ? text : text.slice(text.indexOf('\n') + 1);
  } finally {
    await file.close();
  }
}
