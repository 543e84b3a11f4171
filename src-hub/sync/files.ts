import { type Kysely, sql } from 'kysely';
import { createHash } from 'node:crypto';
import { checkAttachment } from '../../src-shared/attachments/files.js';
import { AppError } from '../../src-shared/errors.js';
import type { HubDatabase } from '../db/schema.js';
import type { HubLog } from '../log.js';
import type { Caller } from './ingest.js';

/**
 * Attachment contents at the hub (docs/attachments.md, migration 0004). A
 * station sends the content of an attachment whose row it pushed; the
 * hospital's other stations fetch it. The hub takes a content only when a
 * live attachment row of the station's scope names it, with the same size,
 * and only when its bytes hash to the name and read as the row's type; it
 * hands one out on the same condition, and only to a hospital that sent
 * it: a station cannot fetch another hospital's file by naming its hash in
 * a row of its own.
 */
export class HubFiles {
  constructor(
    private readonly db: Kysely<HubDatabase>,
    private readonly log: HubLog,
  ) {}

  /** The live attachment row of the caller's scope that names this content, if any, with its hospital. */
  private async rowFor(caller: Caller, sha256: string): Promise<{ fileName: string; mediaType: string; size: number; hospitalId: string } | null> {
    const hospital = caller.scope.kind === 'hospital' ? caller.scope.hospitalId : null;
    const row = await sql<{ file_name: string; media_type: string; size_bytes: string | number; hospital_id: string }>`
      SELECT data->>'file_name' AS file_name, data->>'media_type' AS media_type, data->>'size_bytes' AS size_bytes, hospital_id
      FROM records
      WHERE tbl = 'attachments' AND data->>'sha256' = ${sha256} AND data->>'deleted_at' IS NULL AND hospital_id IS NOT NULL
        AND (${hospital}::text IS NULL OR hospital_id = ${hospital})
      LIMIT 1`.execute(this.db);
    const found = row.rows[0];
    return found ? { fileName: found.file_name, mediaType: found.media_type, size: Number(found.size_bytes), hospitalId: found.hospital_id } : null;
  }

  /**
   * A content sent by a station, for a row of its scope: stored once, and
   * recorded as that row's hospital's, which alone may fetch it (another
   * hospital that holds the same content sends it too, as its own).
   */
  async put(caller: Caller, sha256: string, bytes: Buffer): Promise<{ sha256: string; stored: boolean }> {
    const row = await this.rowFor(caller, sha256);
    if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
    const hash = createHash('sha256').update(bytes).digest('hex');
    const check = checkAttachment(row.fileName, bytes);
    if (hash !== sha256 || bytes.length !== row.size || !check.ok || check.mediaType !== row.mediaType) {
      this.log('files.refused', { stationId: caller.stationId, sha256, reason: hash !== sha256 ? 'hash' : 'content' });
      throw new AppError('VALIDATION', 'error.file_mismatch');
    }
    const stored = await this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('attachment_files')
        .values({ sha256, size_bytes: bytes.length, media_type: row.mediaType, content: bytes, station_id: caller.stationId })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .executeTakeFirst();
      const owner = await trx
        .insertInto('attachment_file_hospitals')
        .values({ sha256, hospital_id: row.hospitalId })
        .onConflict((oc) => oc.columns(['sha256', 'hospital_id']).doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 || Number(owner.numInsertedOrUpdatedRows ?? 0) > 0;
    });
    if (stored) this.log('files.stored', { stationId: caller.stationId, sha256, bytes: bytes.length });
    return { sha256, stored };
  }

  /** The content, for a station of the scope of a live row naming it, of a hospital that sent it (a group station: any). */
  async get(caller: Caller, sha256: string): Promise<Buffer | null> {
    if (!(await this.rowFor(caller, sha256))) return null;
    let query = this.db.selectFrom('attachment_files as f').select('f.content').where('f.sha256', '=', sha256);
    if (caller.scope.kind === 'hospital') {
      const hospitalId = caller.scope.hospitalId;
      query = query.where((eb) =>
        eb.exists(eb.selectFrom('attachment_file_hospitals as h').select('h.sha256').where('h.sha256', '=', sha256).where('h.hospital_id', '=', hospitalId)),
      );
    }
    const file = await query.executeTakeFirst();
    return file ? file.content : null;
  }

  /** Deletes contents no live attachment row names any more (taken off every record that held them). */
  async purgeRemoved(): Promise<number> {
    const result = await sql`
      DELETE FROM attachment_files f
      WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.tbl = 'attachments' AND r.data->>'sha256' = f.sha256 AND r.data->>'deleted_at' IS NULL)`.execute(
      this.db,
    );
    const purged = Number(result.numAffectedRows ?? 0);
    if (purged > 0) this.log('files.purged', { count: purged });
    return purged;
  }
}
