/*
 * The lock of shipped migrations: each migration folder's SHIPPED.txt lists
 * its migrations in order, with a SHA-256 of each file. A released migration
 * is frozen (a station or hub that ran it will never run it again, so an edit
 * would split the fleet in two), and two branches that each add one append
 * to the same last line of this file, so git stops their merge instead of a
 * hospital's PC stopping at start. Checked by migrations/shipped.test.ts;
 * written by `npm run migrations:lock` (scripts/lock-migrations.ts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { HUB_MIGRATIONS } from '../migrations/hub/index.js';
import { STATION_MIGRATIONS } from '../migrations/station/index.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
export const LOCK_FILE = 'SHIPPED.txt';

/** Each migration folder (relative to the repository) and the names its index.ts ships, in its order. */
export const MIGRATION_FOLDERS: readonly { readonly dir: string; readonly names: readonly string[] }[] = [
  { dir: 'migrations/station', names: Object.keys(STATION_MIGRATIONS) },
  { dir: 'migrations/hub', names: Object.keys(HUB_MIGRATIONS) },
];

/** `0007-complaints`: four digits, then lowercase words joined by hyphens. The file is the name plus `.ts`. */
const NAME = /^(\d{4})-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MIGRATION_FILE = /^(\d{4}-[a-z0-9-]+)\.ts$/;
const FROZEN = 'Shipped migrations are frozen: undo the change and add a new migration instead.';

/** What SHIPPED.txt explains to whoever opens it. */
export function lockHeader(dir: string): string {
  return [
    `# The ${path.basename(dir)} migrations shipped, in order: name and SHA-256 of the file.`,
    '# Frozen: a line here is never edited, moved or removed, and neither is its migration.',
    `# To add a migration: write ${dir}/NNNN-what-it-does.ts with the next number, add it at`,
    '# the end of index.ts, then run `npm run migrations:lock`, which appends its line here.',
    '# Two branches that each add a migration both append here: git reports the conflict;',
    '# give the later one the next number. (Line endings do not count in the hash.)',
    '',
  ].join('\n');
}

/** The hash a lock line records: of the file's text with CRLF read as LF, so a Windows checkout agrees. */
export function migrationHash(content: string): string {
  return createHash('sha256').update(content.replace(/\r\n/g, '\n'), 'utf8').digest('hex');
}

export interface LockEntry {
  readonly name: string;
  readonly sha256: string;
  readonly line: number;
}

export function parseLock(text: string): { entries: LockEntry[]; problems: string[] } {
  const entries: LockEntry[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(\S+)\s+([0-9a-f]{64})$/.exec(line);
    if (match) entries.push({ name: match[1]!, sha256: match[2]!, line: i + 1 });
    else problems.push(`${LOCK_FILE} line ${i + 1} is not "name sha256": ${line}`);
  });
  return { entries, problems };
}

/** Names that break the numbering: a bad name, or a number not above the one before it. */
function numberingProblems(names: readonly string[], where: string): string[] {
  const problems: string[] = [];
  let previous: { name: string; number: number } | null = null;
  for (const name of names) {
    const match = NAME.exec(name);
    if (!match) {
      problems.push(`${where}: "${name}" is not a migration name (NNNN-lowercase-words)`);
      continue;
    }
    const number = Number(match[1]);
    if (previous && number <= previous.number) {
      problems.push(
        `${where}: "${name}" comes after "${previous.name}"; numbers must increase and never repeat (two branches added the same number: renumber the later one)`,
      );
    }
    previous = { name, number };
  }
  return problems;
}

export interface FolderState {
  /** the folder, as messages name it */
  readonly dir: string;
  /** index.ts's names, in its order */
  readonly indexNames: readonly string[];
  readonly lockText: string;
  /** the folder's migration files: name (without .ts) → content */
  readonly files: ReadonlyMap<string, string>;
}

/**
 * What is wrong with a folder's migrations against its lock (`problems`), and
 * the migrations index.ts ships that the lock does not list yet (`unlocked`:
 * `npm run migrations:lock` appends them when there is no problem).
 */
export function checkFolder(state: FolderState): { problems: string[]; unlocked: string[] } {
  const { dir, indexNames, files } = state;
  const lockPath = `${dir}/${LOCK_FILE}`;
  const { entries, problems } = parseLock(state.lockText);
  problems.push(
    ...numberingProblems(indexNames, `${dir}/index.ts`),
    ...numberingProblems(
      entries.map((e) => e.name),
      lockPath,
    ),
  );
  for (const name of files.keys()) if (!indexNames.includes(name)) problems.push(`${dir}/${name}.ts is not in index.ts`);
  for (const name of indexNames) if (!files.has(name)) problems.push(`${dir}/index.ts ships "${name}", but there is no ${dir}/${name}.ts`);

  entries.forEach((entry, i) => {
    const shipped = indexNames[i];
    if (shipped === undefined) problems.push(`${lockPath} line ${entry.line} lists "${entry.name}", which index.ts no longer ships. ${FROZEN}`);
    else if (shipped !== entry.name) {
      problems.push(
        `${lockPath} line ${entry.line} lists "${entry.name}" where index.ts has "${shipped}": shipped migrations keep their place; a new one goes at the end`,
      );
    }
    const content = files.get(entry.name);
    if (content !== undefined && migrationHash(content) !== entry.sha256) {
      problems.push(`${dir}/${entry.name}.ts was changed after it shipped (${lockPath} line ${entry.line}). ${FROZEN}`);
    }
  });
  return { problems, unlocked: indexNames.slice(entries.length) };
}

/** Reads a folder's lock and migration files; `dir` is relative to `root`. */
export function readFolder(root: string, dir: string, indexNames: readonly string[]): FolderState {
  const abs = path.join(root, dir);
  const lockFile = path.join(abs, LOCK_FILE);
  const files = new Map<string, string>();
  for (const file of fs.readdirSync(abs)) {
    const name = MIGRATION_FILE.exec(file)?.[1];
    if (name) files.set(name, fs.readFileSync(path.join(abs, file), 'utf8'));
  }
  return { dir, indexNames, lockText: fs.existsSync(lockFile) ? fs.readFileSync(lockFile, 'utf8') : '', files };
}

/**
 * Appends the unlocked migrations' lines to the folder's SHIPPED.txt (creating
 * it with its header if needed). Refuses, writing nothing, when anything
 * already locked disagrees: the lock only ever grows at its end.
 */
export function lockFolder(root: string, dir: string, indexNames: readonly string[]): { appended: string[]; problems: string[] } {
  const state = readFolder(root, dir, indexNames);
  const { problems, unlocked } = checkFolder(state);
  if (problems.length > 0 || unlocked.length === 0) return { appended: [], problems };
  // no problem means every name index.ts ships has its file
  const lines = unlocked.map((name) => `${name}  ${migrationHash(state.files.get(name)!)}\n`);
  const before = state.lockText === '' ? lockHeader(dir) : state.lockText.endsWith('\n') ? state.lockText : `${state.lockText}\n`;
  fs.writeFileSync(path.join(root, dir, LOCK_FILE), before + lines.join(''));
  return { appended: unlocked, problems: [] };
}
