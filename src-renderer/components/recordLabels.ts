import type { SyncRecord } from '../../src-shared/contract/index.js';
import { isTableName, tableInfo } from '../../src-shared/tables/index.js';
import { useLanguage } from '../i18n/index.js';

/**
 * How a station table and its columns are named on screen, in the reader's
 * language: a record type ("Patient"), a field by its label ("MRN"), a record
 * by its name and identifying value. The names come from the table specs
 * (src-shared/tables); a table or column no spec names is shown as it is.
 */
export interface RecordLabels {
  type(table: string): string;
  field(table: string, column: string): string;
  /** several fields of one table, in one line */
  fields(table: string, columns: readonly string[]): string;
  /** the record's name in the reader's language (the other one if missing) */
  name(record: SyncRecord | null): string | null;
  /** “name” (key, hospital), for a record named inside a sentence */
  quoted(record: SyncRecord): string;
  /** the name of the hospital a record belongs to, in the reader's language */
  hospital(record: SyncRecord | null): string | null;
}

export function useRecordLabels(): RecordLabels {
  const language = useLanguage();
  const field = (table: string, column: string) => (isTableName(table) ? tableInfo(table).columns[column]?.label?.[language] : undefined) ?? column;
  const name = (record: SyncRecord | null) => (record ? (language === 'ar' ? (record.nameAr ?? record.nameEn) : (record.nameEn ?? record.nameAr)) : null);
  const hospital = (record: SyncRecord | null) => (record?.hospital ? (language === 'ar' ? record.hospital.nameAr : record.hospital.nameEn) : null);
  return {
    type: (table) => (isTableName(table) ? tableInfo(table).label?.[language] : undefined) ?? table,
    field,
    fields: (table, columns) => columns.map((column) => field(table, column)).join(language === 'ar' ? '، ' : ', '),
    name,
    hospital,
    quoted: (record) => {
      const [open, close] = language === 'ar' ? ['«', '»'] : ['“', '”'];
      const named = name(record);
      // the key is Latin (an MRN, a code): isolated, so it is not reordered inside Arabic text, and
      // with non-breaking hyphens, so a line never breaks inside it ("MRN-" | "100018")
      const key = record.key ? `\u2068${record.key.replaceAll('-', '\u2011')}\u2069` : null;
      // its hospital beside the key: each hospital has its own "Medicine (MED)"
      const beside = [key, hospital(record)].filter((part) => part !== null).join(language === 'ar' ? '، ' : ', ');
      if (!named) return beside || '—';
      return beside ? `${open}${named}${close} (${beside})` : `${open}${named}${close}`;
    },
  };
}
