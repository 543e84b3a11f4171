import { createHash, randomBytes, timingSafeEqual, createHmac } from 'node:crypto';
import { AppError, invalidField } from '../../../src-shared/errors.js';
import type { Actor } from '../../core/audit-log.js';
import type { DataLayer } from '../../core/data-layer.js';
import type { IntegrationSourcesTable } from '../../core/db/schema.js';
import type { Store } from '../../core/db/store.js';
import { DEFAULT_HL7_MAPPINGS } from './mappings.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Signatures older or newer than this are replays or a badly wrong clock. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;

export type SignatureCheck = 'ok' | 'missing' | 'stale' | 'mismatch';

/** HMAC-SHA256 over `timestamp.body`, sent as `X-PX360-Signature: sha256=<hex>`. */
export function checkSignature(secret: string, timestamp: string | undefined, signature: string | undefined, body: Buffer, nowMs: number): SignatureCheck {
  if (!timestamp || !signature) return 'missing';
  const seconds = Number(timestamp);
  if (!Number.isFinite(seconds) || Math.abs(nowMs - seconds * 1000) > SIGNATURE_TOLERANCE_MS) return 'stale';
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
  const given = Buffer.from(signature.replace(/^sha256=/, ''), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'mismatch';
}

export function signBody(secret: string, timestamp: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export interface NewSource {
  name: string;
  sourceSystem: string;
  rateLimitPerMinute?: number | undefined;
  withHmac?: boolean | undefined;
}

/**
 * The systems allowed to push events: each has a bearer token (shown once,
 * stored as a SHA-256 hash), an optional HMAC secret, and a rate limit.
 * Looked up in the database on every request, so a source added by the CLI
 * beside a running station is honoured at once.
 */
export class IntegrationSources {
  private readonly byToken;

  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
  ) {
    this.byToken = store.statement('SELECT * FROM integration_sources WHERE token_hash = ? AND deleted_at IS NULL');
  }

  authenticate(token: string): IntegrationSourcesTable | null {
    const row = this.byToken.get(hashToken(token)) as IntegrationSourcesTable | undefined;
    return row && row.enabled === 1 ? row : null;
  }

  bySystem(sourceSystem: string): IntegrationSourcesTable | undefined {
    return this.store.first(
      this.store.db.selectFrom('integration_sources').selectAll().where('source_system', '=', sourceSystem).where('deleted_at', 'is', null),
    );
  }

  byId(id: string): IntegrationSourcesTable | undefined {
    return this.store.first(this.store.db.selectFrom('integration_sources').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  }

  list(): IntegrationSourcesTable[] {
    return this.store.all(this.store.db.selectFrom('integration_sources').selectAll().where('deleted_at', 'is', null).orderBy('source_system'));
  }

  /** Creates the source with HL7 default mappings; answers the token (and HMAC secret) this once. */
  create(actor: Actor, input: NewSource): { source: IntegrationSourcesTable; token: string; hmacSecret: string | null } {
    const sourceSystem = input.sourceSystem.trim().toUpperCase();
    const token = `pxk_${randomBytes(24).toString('base64url')}`;
    const hmacSecret = input.withHmac ? randomBytes(32).toString('base64url') : null;
    const source = this.data.write(actor, (tx) => {
      if (this.bySystem(sourceSystem)) throw invalidField('sourceSystem', 'field.taken');
      const row = tx.insert('integration_sources', {
        name: input.name,
        source_system: sourceSystem,
        token_hash: hashToken(token),
        token_hint: token.slice(-4),
        hmac_secret: hmacSecret,
        rate_limit_per_minute: input.rateLimitPerMinute ?? 60_000,
        enabled: 1,
        last_seen_at: null,
      });
      for (const [externalCode, eventCode] of Object.entries(DEFAULT_HL7_MAPPINGS)) {
        tx.insert('event_mappings', { source_system: sourceSystem, external_code: externalCode, event_code: eventCode });
      }
      return row;
    });
    return { source, token, hmacSecret };
  }

  update(
    actor: Actor,
    id: string,
    patch: { name?: string | undefined; rateLimitPerMinute?: number | undefined; enabled?: boolean | undefined },
  ): IntegrationSourcesTable {
    if (!this.byId(id)) throw new AppError('NOT_FOUND', 'error.not_found');
    return this.data.write(actor, (tx) =>
      tx.update('integration_sources', id, {
        name: patch.name,
        rate_limit_per_minute: patch.rateLimitPerMinute,
        enabled: patch.enabled === undefined ? undefined : patch.enabled ? 1 : 0,
      }),
    );
  }

  /** A new token (and HMAC secret, if the source signs); the old ones stop working at once. */
  rotate(actor: Actor, id: string, hmac: 'keep' | 'new' | 'none'): { source: IntegrationSourcesTable; token: string; hmacSecret: string | null } {
    const current = this.byId(id);
    if (!current) throw new AppError('NOT_FOUND', 'error.not_found');
    const token = `pxk_${randomBytes(24).toString('base64url')}`;
    const hmacSecret = hmac === 'new' ? randomBytes(32).toString('base64url') : hmac === 'none' ? null : current.hmac_secret;
    const source = this.data.write(actor, (tx) =>
      tx.update(
        'integration_sources',
        id,
        { token_hash: hashToken(token), token_hint: token.slice(-4), hmac_secret: hmacSecret },
        'integration_sources.rotate_token',
      ),
    );
    return { source, token, hmacSecret: hmac === 'new' ? hmacSecret : null };
  }

  /** Marks a source as heard from; at most once a minute per source. */
  touch(source: IntegrationSourcesTable, nowIso: string): void {
    if (source.last_seen_at && Date.parse(nowIso) - Date.parse(source.last_seen_at) < 60_000) return;
    this.store.statement('UPDATE integration_sources SET last_seen_at = ? WHERE id = ?').run(nowIso, source.id);
    source.last_seen_at = nowIso;
  }
}
