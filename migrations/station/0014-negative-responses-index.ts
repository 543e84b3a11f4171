// Frozen once released: this migration types the database as it was then.
import { type Kysely, sql } from 'kysely';

/**
 * The negative responses, indexed: the job that publishes `survey.negative`
 * for responses answered elsewhere (at the hub, on another station) reads
 * only them every minute, not every response.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`CREATE INDEX survey_responses_negative ON survey_responses (id) WHERE negative = 1`).execute(db);
}
