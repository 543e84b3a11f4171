import { type Kysely, sql } from 'kysely';
import type { GroupSummary } from '../../src-shared/hub-api.js';
import { HOSPITAL_TABLES } from '../../src-shared/tables/index.js';
import type { CellValue, HubDatabase } from '../db/schema.js';

const text = (value: CellValue | undefined): string | null => (typeof value === 'string' ? value : null);

/** Non-deleted records per hospital and hospital-scoped table, over the hub's copy of every station's data. */
export async function groupSummary(db: Kysely<HubDatabase>): Promise<GroupSummary> {
  const hospitals = await sql<{ row_id: string; data: Record<string, CellValue> }>`
    SELECT row_id, data FROM records WHERE tbl = 'hospitals' AND data->>'deleted_at' IS NULL ORDER BY data->>'code', row_id`.execute(db);
  const registry = await db.selectFrom('hospitals').select(['id', 'code', 'name_en', 'name_ar']).orderBy('code').execute();
  const counts = await sql<{ hospital_id: string; tbl: string; n: number }>`
    SELECT hospital_id, tbl, count(*)::int AS n
    FROM records
    -- a row's own hospital cell, not only where it is routed: a hospital station's group-level user (hospital_id null) travels with that hospital but is not one of its users
    WHERE hospital_id IS NOT NULL AND data->>'hospital_id' = hospital_id AND tbl = ANY(${HOSPITAL_TABLES}::text[]) AND data->>'deleted_at' IS NULL
    GROUP BY hospital_id, tbl`.execute(db);

  const byHospital = new Map<string, GroupSummary['hospitals'][number]>();
  const zero = () => Object.fromEntries(HOSPITAL_TABLES.map((t) => [t, 0]));
  for (const h of registry) byHospital.set(h.id, { hospitalId: h.id, code: h.code, nameEn: h.name_en, nameAr: h.name_ar, counts: zero() });
  for (const h of hospitals.rows) {
    // The synced record is the newer truth for names a station edited.
    byHospital.set(h.row_id, { hospitalId: h.row_id, code: text(h.data.code), nameEn: text(h.data.name_en), nameAr: text(h.data.name_ar), counts: zero() });
  }
  for (const row of counts.rows) {
    let entry = byHospital.get(row.hospital_id);
    if (!entry) {
      entry = { hospitalId: row.hospital_id, code: null, nameEn: null, nameAr: null, counts: zero() };
      byHospital.set(row.hospital_id, entry);
    }
    entry.counts[row.tbl] = row.n;
  }
  return { generatedAt: new Date().toISOString(), hospitals: [...byHospital.values()] };
}
