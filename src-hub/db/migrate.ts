import { type Kysely, Migrator, sql } from 'kysely';
import { HUB_MIGRATIONS } from '../../migrations/hub/index.js';
import type { HubDatabase } from './schema.js';

/** Applies shipped migrations; refuses a database that has one this hub does not ship. */
export async function migrateHub(db: Kysely<HubDatabase>): Promise<void> {
  const exists = await sql<{ found: string | null }>`SELECT to_regclass('public.kysely_migration')::text AS found`.execute(db);
  if (exists.rows[0]?.found) {
    const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
    const stranger = applied.rows.map((r) => r.name).find((name) => !Object.hasOwn(HUB_MIGRATIONS, name));
    if (stranger !== undefined) {
      throw new Error(
        `This hub database was written by a newer or different PX360 hub (it has migration "${stranger}", which this version does not ship). ` +
          'Run the matching hub version, or point the hub at another database.',
      );
    }
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => HUB_MIGRATIONS } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
