import { type Kysely, sql, type Transaction } from 'kysely';
import { surveyToken, TOKEN_PATTERN, tokenHash } from '../../src-shared/surveys/links.js';
import type { HubDatabase } from '../db/schema.js';

export interface IssuedLink {
  readonly instanceId: string;
  readonly hospitalId: string;
}

/**
 * The survey links the hub issues (docs/surveys-design.md): the token is
 * derived from the instance id with the hub's link key, so a reminder
 * carries the link the invitation did, and the hub keeps only its hash.
 * Nobody who reads the database can answer someone's survey.
 */
export class SurveyLinks {
  constructor(
    private readonly db: Kysely<HubDatabase>,
    private readonly linkKey: Buffer,
  ) {}

  tokenOf(instanceId: string): string {
    return surveyToken(this.linkKey, instanceId);
  }

  /**
   * Records the link of an instance (once; a later send of the same
   * instance finds it there) and answers its token. A link made under a
   * lost key is replaced: the instance keeps one link, the one this hub can
   * derive again.
   */
  async issue(instanceId: string, hospitalId: string): Promise<string> {
    const token = this.tokenOf(instanceId);
    const hash = tokenHash(token);
    await this.db
      .insertInto('survey_links')
      .values({ token_hash: hash, instance_id: instanceId, hospital_id: hospitalId, issued_at: new Date() })
      .onConflict((oc) => oc.column('instance_id').doUpdateSet({ token_hash: hash }).where('survey_links.token_hash', '<>', hash))
      .execute();
    return token;
  }

  /**
   * Takes on links a station issued (a QR code printed on discharge papers,
   * a kiosk), found by the hash of their token, which the station's
   * instance carries as a synced cell: the patient who scans the code at
   * home reaches the hub, not the hospital's network. Recorded as the hub's
   * own links from then on (an instance keeps one link: one the hub issued
   * itself wins). Hashes no instance carries stay unknown, so a tampered
   * token still reads like an unknown one. In hash order, as lockMany.
   */
  private async adopt(db: Kysely<HubDatabase> | Transaction<HubDatabase>, hashes: readonly string[]): Promise<void> {
    if (hashes.length === 0) return;
    await sql`
      INSERT INTO survey_links (token_hash, instance_id, hospital_id)
      SELECT r.data->>'token_hash', r.row_id, r.hospital_id
      FROM records r
      WHERE r.tbl = 'survey_instances' AND r.data->>'token_hash' = ANY(${[...hashes]}::text[])
        AND r.hospital_id IS NOT NULL AND (r.data->>'deleted_at') IS NULL
      ORDER BY 1
      ON CONFLICT DO NOTHING`.execute(db);
  }

  /** The instance a token names; null for anything neither the hub nor a station issued (a tampered token reads like an unknown one). */
  async find(token: string): Promise<IssuedLink | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const read = () => this.db.selectFrom('survey_links').select(['instance_id', 'hospital_id']).where('token_hash', '=', tokenHash(token)).executeTakeFirst();
    let row = await read();
    if (!row) {
      await this.adopt(this.db, [tokenHash(token)]);
      row = await read();
    }
    return row ? { instanceId: row.instance_id, hospitalId: row.hospital_id } : null;
  }

  /**
   * The same, with the link's row locked until the transaction ends: every
   * write a patient makes through a link holds it, so of two posts that
   * finish one survey, the second reads what the first wrote.
   */
  async lock(trx: Transaction<HubDatabase>, token: string): Promise<IssuedLink | null> {
    return (await this.lockMany(trx, [token])).get(token) ?? null;
  }

  /**
   * lock, for many tokens in one statement: the rows in one order (of their
   * hashes), so two batches that share a link wait for each other instead
   * of deadlocking. A token the hub did not issue is absent from the answer.
   */
  async lockMany(trx: Transaction<HubDatabase>, tokens: readonly string[]): Promise<Map<string, IssuedLink>> {
    const byHash = new Map<string, string>();
    for (const token of tokens) if (TOKEN_PATTERN.test(token)) byHash.set(tokenHash(token), token);
    const locked = new Map<string, IssuedLink>();
    if (byHash.size === 0) return locked;
    const take = async (hashes: readonly string[]) => {
      const rows = await trx
        .selectFrom('survey_links')
        .select(['token_hash', 'instance_id', 'hospital_id'])
        .where('token_hash', 'in', [...hashes])
        .orderBy('token_hash')
        .forUpdate()
        .execute();
      for (const row of rows) {
        const token = byHash.get(row.token_hash);
        if (token) locked.set(token, { instanceId: row.instance_id, hospitalId: row.hospital_id });
      }
    };
    await take([...byHash.keys()]);
    // a link a station issued, opened here for the first time
    const missing = [...byHash.entries()].filter(([, token]) => !locked.has(token)).map(([hash]) => hash);
    if (missing.length > 0) {
      await this.adopt(trx, missing);
      await take(missing);
    }
    return locked;
  }
}
