import { z } from 'zod';
import type { SyncedTableName } from '../../src-shared/tables/index.js';
import type { Store } from '../core/db/store.js';

/**
 * Why a remote cell waits in `sync_pending_cells` (its `reason` column, as
 * JSON). Recorded each time the cell is put to wait, so the reason is the
 * one of the latest attempt; the console explains it (Sync → Problems).
 */
export const waitReasonSchema = z.discriminatedUnion('kind', [
  /** a referenced row has not arrived yet */
  z.object({ kind: z.literal('parent'), table: z.string(), column: z.string() }),
  /** a new row still lacks columns it cannot be inserted without */
  z.object({ kind: z.literal('incomplete'), columns: z.array(z.string()) }),
  /** inserting the row breaks a UNIQUE rule; `localRowId` holds the value here (two stations gave one MRN) */
  z.object({ kind: z.literal('duplicate'), columns: z.array(z.string()), localRowId: z.string().nullable() }),
  /** another rule of this station's schema (a CHECK); `code` is SQLite's */
  z.object({ kind: z.literal('invalid'), code: z.string() }),
]);
export type WaitReason = z.infer<typeof waitReasonSchema>;

/** A stored reason, or null when there is none (cells put to wait before reasons were kept) or it cannot be read. */
export function parseWaitReason(text: string | null): WaitReason | null {
  if (text === null) return null;
  try {
    const parsed = waitReasonSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** `UNIQUE constraint failed: patients.mrn, patients.hospital_id` → the columns, if they are real columns of the table. */
function uniqueColumns(table: string, message: string, known: ReadonlySet<string>): string[] {
  const match = /UNIQUE constraint failed: (.+)$/.exec(message);
  if (!match?.[1]) return [];
  const columns = match[1].split(',').map((part) => part.trim().replace(`${table}.`, ''));
  return columns.every((c) => known.has(c)) ? columns : [];
}

/**
 * Why a row could not be inserted: which unique rule it breaks and the local
 * row that already holds the value, or another rule of the schema.
 */
export function constraintReason(
  store: Store,
  table: SyncedTableName,
  row: Readonly<Record<string, unknown>>,
  error: { code: string; message: string },
  known: ReadonlySet<string>,
): WaitReason {
  if (error.code !== 'SQLITE_CONSTRAINT_UNIQUE' && error.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return { kind: 'invalid', code: error.code };
  const columns = uniqueColumns(table, error.message, known);
  if (columns.length === 0) return { kind: 'duplicate', columns, localRowId: null };
  // column names checked against the table's own columns above: safe to put in SQL
  const holder = store
    .statement(`SELECT id FROM ${table} WHERE ${columns.map((c) => `${c} IS ?`).join(' AND ')} AND id <> ?`)
    .pluck()
    .get(...columns.map((c) => row[c] ?? null), row.id) as string | undefined;
  return { kind: 'duplicate', columns, localRowId: holder ?? null };
}
