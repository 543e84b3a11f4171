/**
 * The lock's judgement on the changes a branch can make to a migration
 * folder, and `npm run migrations:lock` appending only at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FolderState, LOCK_FILE, checkFolder, lockFolder, migrationHash } from './migration-lock.js';

const FILES: Record<string, string> = {
  '0001-foundation': 'export async function up() {}\n',
  '0002-journeys': 'export async function up() { /* journeys */ }\n',
};
const lockOf = (names: string[], files: Record<string, string> = FILES) =>
  `# header\n\n${names.map((name) => `${name}  ${migrationHash(files[name] ?? name)}`).join('\n')}\n`;

interface Change {
  readonly files?: Readonly<Record<string, string>>;
  readonly indexNames?: readonly string[];
  readonly lockText?: string;
}

/** Two migrations, shipped and locked; each case changes one thing. */
function folder(change: Change = {}): FolderState {
  return {
    dir: 'migrations/station',
    indexNames: change.indexNames ?? Object.keys(change.files ?? FILES),
    lockText: change.lockText ?? lockOf(Object.keys(FILES)),
    files: new Map(Object.entries(change.files ?? FILES)),
  };
}

describe('checking a migration folder against its lock', () => {
  it('accepts the folder as locked, and a Windows checkout of it', () => {
    expect(checkFolder(folder())).toEqual({ problems: [], unlocked: [] });
    const crlf = Object.fromEntries(Object.entries(FILES).map(([name, text]) => [name, text.replace(/\n/g, '\r\n')]));
    expect(checkFolder(folder({ files: crlf }))).toEqual({ problems: [], unlocked: [] });
  });

  it('lists a new migration as unlocked, not as a problem', () => {
    const files = { ...FILES, '0003-complaints': 'export async function up() { /* complaints */ }\n' };
    expect(checkFolder(folder({ files }))).toEqual({ problems: [], unlocked: ['0003-complaints'] });
  });

  it.each([
    [
      'a shipped migration edited',
      { files: { ...FILES, '0001-foundation': 'export async function up() { /* fixed */ }\n' } },
      /0001-foundation\.ts was changed after it shipped.*frozen.*add a new migration instead/,
    ],
    [
      'two branches that both added 0003, merged by hand',
      {
        files: { ...FILES, '0003-complaints': 'a', '0003-kiosk': 'b' },
        lockText: lockOf(['0001-foundation', '0002-journeys', '0003-complaints', '0003-kiosk'], { ...FILES, '0003-complaints': 'a', '0003-kiosk': 'b' }),
      },
      /"0003-kiosk" comes after "0003-complaints"; numbers must increase/,
    ],
    ['a shipped migration removed from index.ts', { indexNames: ['0001-foundation'] }, /lists "0002-journeys", which index.ts no longer ships/],
    ['shipped migrations reordered', { indexNames: ['0002-journeys', '0001-foundation'] }, /lists "0001-foundation" where index.ts has "0002-journeys"/],
    [
      'a migration file missing from index.ts',
      { indexNames: ['0001-foundation'], lockText: lockOf(['0001-foundation']) },
      /0002-journeys\.ts is not in index\.ts/,
    ],
    ['a name without its number', { files: { ...FILES, complaints: 'x' }, lockText: lockOf(Object.keys(FILES)) }, /"complaints" is not a migration name/],
    ['a lock line edited by hand', { lockText: '0001-foundation  not-a-hash\n' }, /line 1 is not "name sha256"/],
  ] as const)('refuses %s', (_case, change, message) => {
    const { problems } = checkFolder(folder(change));
    expect(problems.join('\n')).toMatch(message);
  });
});

describe('npm run migrations:lock', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  function repoWith(files: Record<string, string>): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'px360-lock-'));
    dirs.push(root);
    fs.mkdirSync(path.join(root, 'migrations/station'), { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, 'migrations/station', `${name}.ts`), text);
    return root;
  }
  const lockText = (root: string) => fs.readFileSync(path.join(root, 'migrations/station', LOCK_FILE), 'utf8');

  it('writes the lock with its header, then appends only the new migration', () => {
    const root = repoWith(FILES);
    expect(lockFolder(root, 'migrations/station', Object.keys(FILES))).toEqual({ appended: ['0001-foundation', '0002-journeys'], problems: [] });
    const first = lockText(root);
    expect(first).toMatch(/^# The station migrations shipped/);
    expect(first).toContain('npm run migrations:lock');

    fs.writeFileSync(path.join(root, 'migrations/station/0003-complaints.ts'), 'export async function up() {}\n// complaints\n');
    const names = [...Object.keys(FILES), '0003-complaints'];
    expect(lockFolder(root, 'migrations/station', names)).toEqual({ appended: ['0003-complaints'], problems: [] });
    const second = lockText(root);
    expect(second.startsWith(first)).toBe(true);
    expect(second.slice(first.length)).toBe(`0003-complaints  ${migrationHash('export async function up() {}\n// complaints\n')}\n`);
    expect(lockFolder(root, 'migrations/station', names)).toEqual({ appended: [], problems: [] });
  });

  it('refuses, writing nothing, when a locked migration was edited', () => {
    const root = repoWith(FILES);
    lockFolder(root, 'migrations/station', Object.keys(FILES));
    const locked = lockText(root);
    fs.writeFileSync(path.join(root, 'migrations/station/0002-journeys.ts'), 'export async function up() { /* edited */ }\n');
    fs.writeFileSync(path.join(root, 'migrations/station/0003-complaints.ts'), 'export async function up() {}\n');
    const { appended, problems } = lockFolder(root, 'migrations/station', [...Object.keys(FILES), '0003-complaints']);
    expect(appended).toEqual([]);
    expect(problems.join('\n')).toMatch(/0002-journeys\.ts was changed after it shipped/);
    expect(lockText(root)).toBe(locked);
  });
});
