import { defineTable, local, nullable, synced } from './define.js';
import { ID, LABEL, RECORD_TIMES, type RecordColumns } from './labels.js';

/** Files on complaints and PX actions (migration 0020; docs/attachments.md). */

export interface AttachmentsTable extends RecordColumns {
  hospital_id: string;
  /** complaint or px_action */
  record_type: string;
  record_id: string;
  /** SHA-256 of the content, hex: the file's name in every data folder and at the hub */
  sha256: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  added_by_user_id: string | null;
  added_by_name: string;
  /** why it was taken off the record (set with deleted_at) */
  removed_reason: string | null;
}

/** Which contents this station holds, and whether the hub has them (never synced). */
export interface AttachmentFilesTable {
  sha256: string;
  size_bytes: number;
  /** when the content was written to this data folder; null while it is still to be fetched */
  stored_at: string | null;
  /** 1 once the hub is known to hold it (sent from here, or fetched from there) */
  at_hub: number;
  /** the last transfer that failed, and when to try again */
  last_error: string | null;
  next_try_at: string | null;
  tries: number;
}

const attachments = defineTable<AttachmentsTable>()({
  name: 'attachments',
  domain: 'attachments',
  sync: 'hospital',
  scope: 'hospital',
  hospitalColumn: 'hospital_id',
  keyField: 'file_name',
  label: { en: 'Attachment', ar: 'مرفق' },
  columns: {
    ...ID,
    hospital_id: synced(LABEL.hospital, 'hospitals'),
    record_type: synced({ en: 'Record type', ar: 'نوع السجل' }),
    record_id: synced({ en: 'Record', ar: 'السجل' }),
    sha256: synced({ en: 'Content hash', ar: 'بصمة المحتوى' }),
    file_name: synced({ en: 'File name', ar: 'اسم الملف' }),
    media_type: synced({ en: 'File type', ar: 'نوع الملف' }),
    size_bytes: synced({ en: 'Size', ar: 'الحجم' }),
    added_by_user_id: nullable(synced({ en: 'Added by', ar: 'أضافه' })),
    added_by_name: synced({ en: 'Added by', ar: 'أضافه' }),
    removed_reason: nullable(synced({ en: 'Reason for removal', ar: 'سبب الإزالة' })),
    ...RECORD_TIMES,
  },
});

const attachmentFiles = defineTable<AttachmentFilesTable>()({
  name: 'attachment_files',
  domain: 'attachments',
  sync: 'none',
  scope: 'station',
  columns: {
    sha256: local(),
    size_bytes: local(),
    stored_at: nullable(local()),
    at_hub: local(),
    last_error: nullable(local()),
    next_try_at: nullable(local()),
    tries: local(),
  },
});

export const attachmentsTables = [attachments, attachmentFiles] as const;
