import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/*
 * Updates come from a feed the hospital group hosts (electron-builder's
 * "generic" provider: latest.yml plus the installers). Where it lives differs
 * per group, so it is configured per station, not baked into the build:
 * PX360_UPDATE_URL, or update-feed.json in the station's data folder.
 */

export const UPDATE_FEED_FILE = 'update-feed.json';

/** https only: whoever controls the feed runs code on every station, so a LAN attacker must not be able to stand in for it. */
const feedUrl = z.url({ protocol: /^https$/ }).refine((value) => {
  const url = new URL(value);
  return url.username === '' && url.password === '';
}, 'credentials in the feed URL');

export const updateFeedSchema = z.strictObject({
  url: feedUrl,
  /** electron-builder channel: latest (default), beta … */
  channel: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,31}$/)
    .optional(),
});
export type UpdateFeed = z.infer<typeof updateFeedSchema>;

export type FeedLookup = { readonly kind: 'feed'; readonly feed: UpdateFeed; readonly from: string } | { readonly kind: 'none'; readonly reason: string };

/** Where the feed comes from: the environment first (for a managed deployment), then the data folder. */
export async function findUpdateFeed(env: NodeJS.ProcessEnv, dataDir: string): Promise<FeedLookup> {
  const fromEnv = env.PX360_UPDATE_URL?.trim();
  if (fromEnv) {
    const parsed = updateFeedSchema.safeParse({ url: fromEnv });
    return parsed.success
      ? { kind: 'feed', feed: parsed.data, from: 'PX360_UPDATE_URL' }
      : { kind: 'none', reason: `PX360_UPDATE_URL is not a usable https URL (${parsed.error.issues[0]?.message ?? 'invalid'})` };
  }
  const file = path.join(dataDir, UPDATE_FEED_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { kind: 'none', reason: `no PX360_UPDATE_URL and no ${file}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'none', reason: `${file} is not valid JSON` };
  }
  const parsed = updateFeedSchema.safeParse(json);
  return parsed.success
    ? { kind: 'feed', feed: parsed.data, from: file }
    : { kind: 'none', reason: `${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}` };
}

/**
 * The publishers a signed installation takes updates from: the
 * `publisherName` list electron-builder writes into app-update.yml when the
 * build was signed (one `- name` per line, or a single `publisherName: x`).
 * Empty for an unsigned build, or when the file is missing.
 */
export function publisherNamesOf(appUpdateYml: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(appUpdateYml, 'utf8');
  } catch {
    return [];
  }
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => /^publisherName:/.test(line));
  if (start === -1) return [];
  const inline = lines[start]!.slice('publisherName:'.length).trim();
  if (inline !== '') return [unquote(inline)];
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s+-\s+(.+)$/.exec(line);
    if (!item) break;
    names.push(unquote(item[1]!.trim()));
  }
  return names;
}

function unquote(value: string): string {
  return value.replace(/^(['"])(.*)\1$/, '$2');
}
