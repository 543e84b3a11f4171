/*
 * `npm run migrations:lock`: appends to each migration folder's SHIPPED.txt
 * the migrations its index.ts ships that are not listed yet. It never changes
 * a line already there: when a listed migration was edited, moved or removed,
 * it says so and writes nothing (see scripts/migration-lock.ts).
 */
import { MIGRATION_FOLDERS, REPO_ROOT, LOCK_FILE, lockFolder } from './migration-lock.js';

let refused = false;
for (const { dir, names } of MIGRATION_FOLDERS) {
  const { appended, problems } = lockFolder(REPO_ROOT, dir, names);
  if (problems.length > 0) {
    refused = true;
    console.error(`${dir}/${LOCK_FILE} left as it was:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  } else if (appended.length > 0) console.log(`${dir}/${LOCK_FILE}: appended ${appended.join(', ')}`);
  else console.log(`${dir}/${LOCK_FILE}: up to date`);
}
if (refused) process.exit(1);
