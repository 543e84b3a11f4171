/**
 * The group overview's figures: records per hospital, as the hub counts them
 * over every station's synced data and as one station holds them. Both sides
 * count the same hospital-scoped synced tables, non-deleted rows only, so a
 * difference means rows not yet pushed or not yet pulled — never a different
 * rule.
 */
import type { GroupSummary } from './hub-api.js';
import { GROUP_COUNTED_TABLES, type GroupCountedTable } from './tables/index.js';

/**
 * What the overview counts, in the order its columns read: the
 * hospital-scoped synced tables whose spec gives them a place in the
 * overview (src-shared/tables). Journey stages are parts of a template or of
 * a journey, not things anyone counts.
 */
export const GROUP_COUNTED = GROUP_COUNTED_TABLES;
export type GroupCounted = GroupCountedTable;
export type GroupCounts = Record<GroupCounted, number>;

export interface HospitalNames {
  readonly hospitalId: string;
  readonly code: string | null;
  readonly nameEn: string | null;
  readonly nameAr: string | null;
}

export interface HospitalFigures extends HospitalNames {
  /** as the hub counted them; null when there are no hub figures, or the hub does not know this hospital yet */
  readonly hub: GroupCounts | null;
  /** as held on this station */
  readonly station: GroupCounts;
}

export function zeroCounts(): GroupCounts {
  return Object.fromEntries(GROUP_COUNTED.map((table) => [table, 0])) as GroupCounts;
}

/** The counted tables out of the hub's per-table counts (which name every hospital-scoped table). */
export function countsFromHub(counts: Readonly<Record<string, number>>): GroupCounts {
  return Object.fromEntries(GROUP_COUNTED.map((table) => [table, counts[table] ?? 0])) as GroupCounts;
}

/**
 * One row per hospital that the station or the hub knows, or that has
 * counted rows on the station; ordered by code. The station's names come
 * first: they carry its latest edits, and the hub's fill in a hospital this
 * station has not pulled yet.
 */
export function mergeGroupFigures(
  hub: GroupSummary['hospitals'] | null,
  station: { readonly hospitals: readonly HospitalNames[]; readonly counts: ReadonlyMap<string, GroupCounts> },
): HospitalFigures[] {
  const names = new Map<string, HospitalNames>();
  for (const h of hub ?? []) names.set(h.hospitalId, { hospitalId: h.hospitalId, code: h.code, nameEn: h.nameEn, nameAr: h.nameAr });
  for (const h of station.hospitals) names.set(h.hospitalId, h);
  for (const id of station.counts.keys()) if (!names.has(id)) names.set(id, { hospitalId: id, code: null, nameEn: null, nameAr: null });

  const onHub = new Map((hub ?? []).map((h) => [h.hospitalId, countsFromHub(h.counts)]));
  const rows = [...names.values()].map((h) => ({ ...h, hub: onHub.get(h.hospitalId) ?? null, station: station.counts.get(h.hospitalId) ?? zeroCounts() }));
  // a hospital known by id only sorts last
  return rows.sort((a, b) => (a.code ?? '\uffff').localeCompare(b.code ?? '\uffff') || a.hospitalId.localeCompare(b.hospitalId));
}

/** The totals row: sums of each side; the hub's sums skip hospitals it does not know (null when it gave no figures). */
export function groupTotals(rows: readonly HospitalFigures[], withHub: boolean): { hub: GroupCounts | null; station: GroupCounts } {
  const hub = zeroCounts();
  const station = zeroCounts();
  for (const row of rows) {
    for (const table of GROUP_COUNTED) {
      hub[table] += row.hub?.[table] ?? 0;
      station[table] += row.station[table];
    }
  }
  return { hub: withHub ? hub : null, station };
}
