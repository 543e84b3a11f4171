import type { Kysely, Transaction } from 'kysely';
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

  /** The instance a token names; null for anything the hub did not issue (a tampered token reads like an unknown one). */
  async find(token: string): Promise<IssuedLink | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const row = await this.db.selectFrom('survey_links').select(['instance_id', 'hospital_id']).where('token_hash', '=', tokenHash(token)).executeTakeFirst();
    return row ? { instanceId: row.instance_id, hospitalId: row.hospital_id } : null;
  }

  /**
   * The same, with the link's row locked until the transaction ends: every
   * write a patient makes through a link holds it, so of two posts that
   * finish one survey, the second reads what the first wrote.
   */
  async lock(trx: Transaction<HubDatabase>, token: string): Promise<IssuedLink | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const row = await trx
      .selectFrom('survey_links')
      .select(['instance_id', 'hospital_id'])
      .where('token_hash', '=', tokenHash(token))
      .forUpdate()
      .executeTakeFirst();
    return row ? { instanceId: row.instance_id, hospitalId: row.hospital_id } : null;
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
    const rows = await trx
      .selectFrom('survey_links')
      .select(['token_hash', 'instance_id', 'hospital_id'])
      .where('token_hash', 'in', [...byHash.keys()])
      .orderBy('token_hash')
      .forUpdate()
      .execute();
    for (const row of rows) {
      const token = byHash.get(row.token_hash);
      if (token) locked.set(token, { instanceId: row.instance_id, hospitalId: row.hospital_id });
    }
    return locked;
  }
}
