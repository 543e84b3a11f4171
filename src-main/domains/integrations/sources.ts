import { createHash, randomBytes, timingSafeEqual, createHmac } from 'node:crypto';
import { DEFAULT_RATE_PER_MINUTE } from '../../../src-shared/contract/index.js';
import { AppError, invalidField } from '../../../src-shared/errors.js';
import { admitsAnyAddress, parsePeer } from '../../../src-shared/net-address.js';
import { toJson } from '../../../src-shared/tables/index.js';
import { type Actor, SYSTEM_ACTOR } from '../../core/audit-log.js';
import type { Caller } from '../../core/context.js';
import type { DataLayer } from '../../core/data-layer.js';
import type { IntegrationSourcesTable } from '../../core/db/schema.js';
import type { Store } from '../../core/db/store.js';
import { SecretBox } from '../../core/keys.js';
import { OutOfScope } from '../../core/scope.js';
import { hospitalCodesOf, mayManage, mllpPeersOf } from './admission.js';
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

/**
 * Who is managing sources: the whole group (hospitalCode null: the CLI, a
 * group administrator), or one hospital's administrator, who sees and
 * changes only the sources bound to exactly their hospital (admission.ts,
 * mayManage).
 */
export interface SourceManager {
  readonly actor: Actor;
  readonly hospitalCode: string | null;
}

/** The station itself (CLI commands, tests): the whole group. */
export const STATION_MANAGER: SourceManager = { actor: SYSTEM_ACTOR, hospitalCode: null };

/** A hospital code no hospital has: what an unplaced hospital user manages (nothing). */
const NO_HOSPITAL_CODE = '\u0000none';

export interface SourceAdmission {
  /** the hospital codes it may send for */
  hospitalCodes?: readonly string[] | undefined;
  /** the addresses and CIDR ranges MLLP may come from */
  mllpPeers?: readonly string[] | undefined;
  mllpCertSha256?: string | null | undefined;
}

export interface NewSource extends SourceAdmission {
  name: string;
  sourceSystem: string;
  rateLimitPerMinute?: number | undefined;
  withHmac?: boolean | undefined;
}

export interface SourcePatch extends SourceAdmission {
  name?: string | undefined;
  rateLimitPerMinute?: number | undefined;
  enabled?: boolean | undefined;
}

/** A list as stored: upper-cased, each once, sorted, so an unchanged list writes (and audits) nothing. */
function sortedSet(values: readonly string[], normalize: (value: string) => string = (v) => v): string[] {
  return [...new Set(values.map(normalize))].sort();
}

/**
 * The systems allowed to push events: each has a bearer token (shown once,
 * stored as a SHA-256 hash), an optional HMAC secret, a rate limit, the
 * hospitals it may send for and where its MLLP may come from. Looked up in
 * the database on every request, so a source added by the CLI beside a
 * running station is honoured at once.
 */
export class IntegrationSources {
  private readonly byToken;

  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    /** HMAC secrets are kept sealed under the station's secrets key, never in the clear in the database */
    private readonly secrets: SecretBox,
  ) {
    this.byToken = store.statement('SELECT * FROM integration_sources WHERE token_hash = ? AND deleted_at IS NULL');
    this.sealPlainSecrets();
  }

  /** The source's HMAC secret in the clear, to check a signature with (null: the source does not sign). */
  hmacSecretOf(source: IntegrationSourcesTable): string | null {
    if (source.hmac_secret === null) return null;
    return SecretBox.isSealed(source.hmac_secret) ? this.secrets.open(source.hmac_secret) : source.hmac_secret;
  }

  /** Seals the HMAC secrets a station from before sealing stored in the clear (once: each is sealed from then on). */
  private sealPlainSecrets(): void {
    const plain = this.store
      .all(this.store.db.selectFrom('integration_sources').select(['id', 'hmac_secret']).where('hmac_secret', 'is not', null))
      .filter((row) => !SecretBox.isSealed(row.hmac_secret!));
    if (plain.length === 0) return;
    this.data.write(SYSTEM_ACTOR, (tx) => {
      for (const row of plain)
        tx.update('integration_sources', row.id, { hmac_secret: this.secrets.seal(row.hmac_secret!) }, 'integration_sources.seal_secret');
    });
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

  /** The manager a signed-in caller is: the group, or their hospital (by its code). */
  managerOf(caller: Caller): SourceManager {
    if (caller.scope.isGroup) return { actor: caller.actor, hospitalCode: null };
    const code = caller.scope.hospitalId
      ? (this.store.statement('SELECT code FROM hospitals WHERE id = ?').pluck().get(caller.scope.hospitalId) as string | undefined)
      : undefined;
    return { actor: caller.actor, hospitalCode: code ?? NO_HOSPITAL_CODE };
  }

  list(manager: SourceManager): IntegrationSourcesTable[] {
    const all = this.store.all(this.store.db.selectFrom('integration_sources').selectAll().where('deleted_at', 'is', null).orderBy('source_system'));
    return all.filter((row) => mayManage(manager.hospitalCode, hospitalCodesOf(row)));
  }

  /**
   * A source the manager may see, by id or source system code; NOT_FOUND when
   * there is none, and when it is another hospital's or the group's (as any
   * record outside the caller's scope: the dispatcher audits the denial).
   */
  managed(manager: SourceManager, by: { id: string } | { sourceSystem: string }): IntegrationSourcesTable {
    const row =
      'id' in by
        ? this.store.first(this.store.db.selectFrom('integration_sources').selectAll().where('id', '=', by.id).where('deleted_at', 'is', null))
        : this.bySystem(by.sourceSystem);
    if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
    if (!mayManage(manager.hospitalCode, hospitalCodesOf(row))) throw new OutOfScope();
    return row;
  }

  /** Creates the source with HL7 default mappings; answers the token (and HMAC secret) this once. */
  create(manager: SourceManager, input: NewSource): { source: IntegrationSourcesTable; token: string; hmacSecret: string | null } {
    const sourceSystem = input.sourceSystem.trim().toUpperCase();
    const token = `pxk_${randomBytes(24).toString('base64url')}`;
    const hmacSecret = input.withHmac ? randomBytes(32).toString('base64url') : null;
    // a hospital's administrator binds a new source to their hospital unless they say otherwise (and may say nothing else)
    const hospitalCodes = this.checkedHospitals(manager, input.hospitalCodes ?? (manager.hospitalCode === null ? [] : [manager.hospitalCode]));
    const peers = checkedPeers(input.mllpPeers ?? [], input.mllpCertSha256 ?? null);
    const source = this.data.write(manager.actor, (tx) => {
      if (this.bySystem(sourceSystem)) throw invalidField('sourceSystem', 'field.taken');
      const row = tx.insert('integration_sources', {
        name: input.name,
        source_system: sourceSystem,
        token_hash: hashToken(token),
        token_hint: token.slice(-4),
        hmac_secret: hmacSecret === null ? null : this.secrets.seal(hmacSecret),
        rate_limit_per_minute: input.rateLimitPerMinute ?? DEFAULT_RATE_PER_MINUTE,
        enabled: 1,
        last_seen_at: null,
        hospital_codes: toJson(hospitalCodes),
        mllp_peers: toJson(peers),
        mllp_cert_sha256: input.mllpCertSha256 ?? null,
      });
      for (const [externalCode, eventCode] of Object.entries(DEFAULT_HL7_MAPPINGS)) {
        tx.insert('event_mappings', { source_system: sourceSystem, external_code: externalCode, event_code: eventCode });
      }
      return row;
    });
    return { source, token, hmacSecret };
  }

  update(manager: SourceManager, id: string, patch: SourcePatch): IntegrationSourcesTable {
    const current = this.managed(manager, { id });
    const hospitalCodes = patch.hospitalCodes === undefined ? undefined : this.checkedHospitals(manager, patch.hospitalCodes);
    const certificate = patch.mllpCertSha256 === undefined ? current.mllp_cert_sha256 : patch.mllpCertSha256;
    const peers = checkedPeers(patch.mllpPeers ?? mllpPeersOf(current), certificate);
    return this.data.write(manager.actor, (tx) =>
      tx.update('integration_sources', id, {
        name: patch.name,
        rate_limit_per_minute: patch.rateLimitPerMinute,
        enabled: patch.enabled === undefined ? undefined : patch.enabled ? 1 : 0,
        hospital_codes: hospitalCodes === undefined ? undefined : toJson(hospitalCodes),
        mllp_peers: patch.mllpPeers === undefined ? undefined : toJson(peers),
        mllp_cert_sha256: patch.mllpCertSha256,
      }),
    );
  }

  /** A new token (and HMAC secret, if the source signs); the old ones stop working at once. */
  rotate(manager: SourceManager, id: string, hmac: 'keep' | 'new' | 'none'): { source: IntegrationSourcesTable; token: string; hmacSecret: string | null } {
    const current = this.managed(manager, { id });
    const token = `pxk_${randomBytes(24).toString('base64url')}`;
    const hmacSecret = hmac === 'new' ? randomBytes(32).toString('base64url') : null;
    const stored = hmac === 'new' ? this.secrets.seal(hmacSecret!) : hmac === 'none' ? null : current.hmac_secret;
    const source = this.data.write(manager.actor, (tx) =>
      tx.update(
        'integration_sources',
        id,
        { token_hash: hashToken(token), token_hint: token.slice(-4), hmac_secret: stored },
        'integration_sources.rotate_token',
      ),
    );
    return { source, token, hmacSecret };
  }

  /** Marks a source as heard from; at most once a minute per source. */
  touch(source: IntegrationSourcesTable, nowIso: string): void {
    if (source.last_seen_at && Date.parse(nowIso) - Date.parse(source.last_seen_at) < 60_000) return;
    this.store.statement('UPDATE integration_sources SET last_seen_at = ? WHERE id = ?').run(nowIso, source.id);
    source.last_seen_at = nowIso;
  }

  /** The hospitals a source is bound to, as the manager may set them: a hospital only itself; the group any codes, known here yet or not. */
  private checkedHospitals(manager: SourceManager, codes: readonly string[]): string[] {
    const sorted = sortedSet(codes, (code) => code.trim().toUpperCase());
    if (!mayManage(manager.hospitalCode, sorted)) throw new AppError('FORBIDDEN', 'error.out_of_scope');
    return sorted;
  }
}

/** MLLP peers as stored; every address (/0) only where a client certificate is pinned, or any stranger could send as the source. */
function checkedPeers(peers: readonly string[], certificateSha256: string | null): string[] {
  const sorted = sortedSet(peers);
  sorted.forEach((text) => {
    const peer = parsePeer(text);
    if (!peer) throw invalidField('mllpPeers', 'field.peer_address');
    if (admitsAnyAddress(peer) && certificateSha256 === null) throw invalidField('mllpPeers', 'field.any_address_needs_certificate');
  });
  return sorted;
}
