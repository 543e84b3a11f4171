/**
 * Shipped migrations only append, and are frozen: each folder's index.ts
 * ships exactly the migrations its SHIPPED.txt lists, in that order, with
 * increasing numbers, and every listed file still hashes as it did when it
 * shipped. A branch that edits a released migration, or two merged branches
 * that each added the same number, fail here rather than on a hospital's PC.
 */
import { describe, expect, it } from 'vitest';
import { HUB_MIGRATIONS } from './hub/index.js';
import { STATION_MIGRATIONS } from './station/index.js';
import { LOCK_FILE, MIGRATION_FOLDERS, REPO_ROOT, checkFolder, readFolder } from '../scripts/migration-lock.js';

describe.each(MIGRATION_FOLDERS)('$dir', ({ dir, names }) => {
  it(`ships exactly what ${LOCK_FILE} lists, each file unchanged`, () => {
    const { problems, unlocked } = checkFolder(readFolder(REPO_ROOT, dir, names));
    expect(problems, problems.join('\n')).toEqual([]);
    expect(unlocked, `not in ${dir}/${LOCK_FILE} yet: run npm run migrations:lock`).toEqual([]);
  });

  it('runs them in the order index.ts lists them', () => {
    // the station and the hub run migrations in name order; index.ts must read the same way
    expect(names).toEqual([...names].sort());
  });
});

describe('each index entry', () => {
  it.each([
    ['station', STATION_MIGRATIONS],
    ['hub', HUB_MIGRATIONS],
  ] as const)('is the migration in the %s file of its name', async (folder, migrations) => {
    for (const [name, migration] of Object.entries(migrations)) {
      const file = (await import(`./${folder}/${name}.ts`)) as { up: unknown };
      expect(migration.up, `${folder}/index.ts: "${name}"`).toBe(file.up);
    }
  });
});
