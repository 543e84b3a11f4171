import { type Kysely, sql } from 'kysely';
import { AppError, invalidField } from '../../src-shared/errors.js';
import type { EnrolmentCode, EnrolResponse, HubHospital, HubStation, StationScope } from '../../src-shared/hub-api.js';
import { uuidv7 } from '../../src-shared/ids.js';
import type { HubDatabase, StationsTable } from '../db/schema.js';
import type { HubWriter } from '../sync/hub-writer.js';
import type { Caller } from '../sync/ingest.js';
import { HUB_NODE } from '../sync/pull.js';
import { hashSecret, newAdminToken, newEnrolmentCode, newStationToken, normaliseEnrolmentCode, sameHash } from './secrets.js';

export { HUB_NODE };
export const ENROLMENT_CODE_TTL_MS = 24 * 60 * 60 * 1000;
const ADMIN_TOKEN_KEY = 'admin_token_hash';

export interface AuthenticatedStation extends Caller {
  readonly name: string;
}

function scopeOf(row: Pick<StationsTable, 'scope' | 'hospital_id'>, hospitalCode: string | null): StationScope {
  return row.scope === 'hospital' && row.hospital_id ? { kind: 'hospital', hospitalId: row.hospital_id, hospitalCode: hospitalCode ?? '' } : { kind: 'group' };
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/**
 * Who may talk to the hub: hospitals, one-time enrolment codes, station
 * tokens, the administrator token. Every secret is stored as a hash and shown
 * once, when it is made.
 */
export class StationRegistry {
  constructor(
    private readonly db: Kysely<HubDatabase>,
    private readonly writer: HubWriter,
    private readonly now: () => number = Date.now,
  ) {}

  // ---- administrator token ----

  /** Makes the admin token on first run; returns it then (to print once), null afterwards. */
  async ensureAdminToken(): Promise<string | null> {
    const token = newAdminToken();
    const inserted = await this.db
      .insertInto('hub_meta')
      .values({ key: ADMIN_TOKEN_KEY, value: hashSecret(token) })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0 ? token : null;
  }

  async setAdminToken(token: string): Promise<void> {
    if (token.length < 16) throw invalidField('adminToken', 'field.too_short', { min: 16 });
    await this.db
      .insertInto('hub_meta')
      .values({ key: ADMIN_TOKEN_KEY, value: hashSecret(token) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: hashSecret(token) }))
      .execute();
  }

  async isAdminToken(token: string): Promise<boolean> {
    const row = await this.db.selectFrom('hub_meta').select('value').where('key', '=', ADMIN_TOKEN_KEY).executeTakeFirst();
    return row !== undefined && sameHash(row.value, hashSecret(token));
  }

  // ---- hospitals ----

  async listHospitals(): Promise<HubHospital[]> {
    const rows = await this.db.selectFrom('hospitals').selectAll().orderBy('code').execute();
    return rows.map((r) => ({ id: r.id, code: r.code, nameEn: r.name_en, nameAr: r.name_ar }));
  }

  /**
   * A new hospital: registered for enrolment, and sent to every station as an
   * ordinary `hospitals` record written by the hub, so stations learn its id.
   */
  async createHospital(input: { code: string; nameEn: string; nameAr: string; timeZone: string }): Promise<HubHospital> {
    const id = uuidv7(this.now());
    const at = new Date(this.now()).toISOString();
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('hospitals')
        .values({ id, code: input.code, name_en: input.nameEn, name_ar: input.nameAr })
        .onConflict((oc) => oc.column('code').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) throw invalidField('code', 'field.taken');
      const cells = { code: input.code, name_en: input.nameEn, name_ar: input.nameAr, time_zone: input.timeZone, active: 1, created_at: at, updated_at: at };
      await this.writer.write(trx, [{ table: 'hospitals', rowId: id, cells }]);
      return { id, code: input.code, nameEn: input.nameEn, nameAr: input.nameAr };
    });
  }

  // ---- enrolment ----

  async issueEnrolmentCode(request: { hospitalCode: string } | { group: true }): Promise<EnrolmentCode> {
    let scope: StationScope = { kind: 'group' };
    if ('hospitalCode' in request) {
      const hospital = await this.db.selectFrom('hospitals').select(['id', 'code']).where('code', '=', request.hospitalCode).executeTakeFirst();
      if (!hospital) throw new AppError('NOT_FOUND', 'error.unknown_hospital');
      scope = { kind: 'hospital', hospitalId: hospital.id, hospitalCode: hospital.code };
    }
    const code = newEnrolmentCode();
    const expiresAt = new Date(this.now() + ENROLMENT_CODE_TTL_MS);
    await this.db
      .insertInto('enrolment_codes')
      .values({ code_hash: hashSecret(code), scope: scope.kind, hospital_id: scope.kind === 'hospital' ? scope.hospitalId : null, expires_at: expiresAt })
      .execute();
    return { code, expiresAt: expiresAt.toISOString(), scope };
  }

  /**
   * Trades a one-time code for a station token; the code is spent in the
   * same statement that checks it. A station id that
   * is enrolled and not revoked enrols again (a new scope, a new code) only
   * with its current token: knowing another station's id — every station
   * sees them in pulled messages — with any valid code must not take that
   * station's place. A reinstalled station that lost its token is revoked
   * first. A refusal spends nothing.
   */
  async enrol(input: { code: string; stationId: string; stationName: string }, presentedToken: string | null = null): Promise<EnrolResponse> {
    if (input.stationId === HUB_NODE) throw invalidField('stationId', 'field.taken');
    const token = newStationToken();
    return this.db.transaction().execute(async (trx) => {
      const spent = await trx
        .updateTable('enrolment_codes')
        .set({ used_at: new Date(this.now()), used_by_station: input.stationId })
        .where('code_hash', '=', hashSecret(normaliseEnrolmentCode(input.code)))
        .where('used_at', 'is', null)
        .where('expires_at', '>', new Date(this.now()))
        .returning(['scope', 'hospital_id'])
        .executeTakeFirst();
      if (!spent) throw new AppError('UNAUTHENTICATED', 'error.bad_enrolment_code');
      const held = await trx.selectFrom('stations').select(['token_hash', 'revoked_at']).where('id', '=', input.stationId).forUpdate().executeTakeFirst();
      if (held && held.revoked_at === null && (presentedToken === null || !sameHash(hashSecret(presentedToken), held.token_hash))) {
        throw new AppError('CONFLICT', 'error.station_already_enrolled'); // rolls back: the code stays unspent
      }
      // A station enrolled anew after a revocation may be a reinstalled one with a new audit key: its
      // checkpoints start over. Enrolling again with its own token (a new hub address) keeps them.
      if (held?.revoked_at) await trx.deleteFrom('audit_anchors').where('station_id', '=', input.stationId).execute();
      // Enrolling again (with its token, or after a revocation) replaces its token.
      await trx
        .insertInto('stations')
        .values({ id: input.stationId, name: input.stationName, token_hash: hashSecret(token), scope: spent.scope, hospital_id: spent.hospital_id })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({
            name: input.stationName,
            token_hash: hashSecret(token),
            scope: spent.scope,
            hospital_id: spent.hospital_id,
            enrolled_at: sql`now()`,
            revoked_at: null,
          }),
        )
        .execute();
      const hospital = spent.hospital_id ? await trx.selectFrom('hospitals').select('code').where('id', '=', spent.hospital_id).executeTakeFirst() : undefined;
      return { token, stationId: input.stationId, scope: scopeOf(spent, hospital?.code ?? null) };
    });
  }

  async revokeStation(stationId: string): Promise<HubStation> {
    const row = await this.db
      .updateTable('stations')
      .set({ revoked_at: sql`coalesce(revoked_at, now())` })
      .where('id', '=', stationId)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
    const station = (await this.listStations()).find((s) => s.id === stationId);
    if (!station) throw new AppError('NOT_FOUND', 'error.not_found');
    return station;
  }

  async listStations(): Promise<HubStation[]> {
    const rows = await this.db
      .selectFrom('stations as s')
      .leftJoin('hospitals as h', 'h.id', 's.hospital_id')
      .select(['s.id', 's.name', 's.scope', 's.hospital_id', 's.enrolled_at', 's.revoked_at', 's.last_seen_at', 'h.code as hospital_code'])
      .orderBy('s.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      scope: scopeOf(r, r.hospital_code),
      enrolledAt: iso(r.enrolled_at) ?? '',
      revokedAt: iso(r.revoked_at),
      lastSeenAt: iso(r.last_seen_at),
    }));
  }

  /** The station behind a bearer token, or null for an unknown or revoked one. */
  async authenticate(token: string): Promise<AuthenticatedStation | null> {
    const row = await this.db
      .selectFrom('stations as s')
      .leftJoin('hospitals as h', 'h.id', 's.hospital_id')
      .select(['s.id', 's.name', 's.scope', 's.hospital_id', 's.last_seen_at', 'h.code as hospital_code'])
      .where('s.token_hash', '=', hashSecret(token))
      .where('s.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    const seen = row.last_seen_at ? new Date(row.last_seen_at).getTime() : 0;
    if (this.now() - seen > 60_000)
      await this.db
        .updateTable('stations')
        .set({ last_seen_at: new Date(this.now()) })
        .where('id', '=', row.id)
        .execute();
    return { stationId: row.id, name: row.name, scope: scopeOf(row, row.hospital_code) };
  }
}
