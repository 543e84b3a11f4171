import { ATTACHMENTS_PER_RECORD, checkAttachment } from '../../../src-shared/attachments/files.js';
import type { Attachment, AttachmentContent } from '../../../src-shared/contract/index.js';
import { AppError, invalidField } from '../../../src-shared/errors.js';
import type { AttachmentsTable } from '../../../src-shared/tables/index.js';
import type { Actor } from '../../core/audit-log.js';
import type { DataLayer, WriteTx } from '../../core/data-layer.js';
import type { Store } from '../../core/db/store.js';
import { FileStore } from '../../core/files.js';

export type AttachmentRecordType = 'complaint' | 'px_action';

/** The record a file is on: the domain that owns it has checked the caller may change it. */
export interface AttachmentOwner {
  readonly recordType: AttachmentRecordType;
  readonly recordId: string;
  readonly hospitalId: string;
}

/** A file checked and stored, not yet on any record. */
export interface AcceptedFile {
  readonly sha256: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
}

type Row = AttachmentsTable;

/**
 * Files on complaints and PX actions (docs/attachments.md), for the domains
 * that own those records: they check who may touch the record, this checks
 * the file. A file is refused before anything is stored (its name, size and
 * type read from its content), then stored by content hash, then recorded
 * in the caller's transaction with the record's timeline entry; a
 * transaction that fails leaves a content no row points at, never a row
 * without its content. The content reaches the hub and the hospital's other
 * stations with the sync rounds (src-main/sync/files.ts).
 */
export class Attachments {
  readonly files: FileStore;

  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    dataDir: string,
  ) {
    this.files = new FileStore(dataDir);
  }

  /**
   * A file the console sent, onto a record the caller may change: checked
   * and stored first, then its row and the record's timeline entry
   * (`entry`, only when the file is new on the record) in one transaction.
   */
  attach(actor: Actor, owner: AttachmentOwner, upload: { fileName: string; content: string }, entry: (tx: WriteTx, row: Row) => void): void {
    // the record's limit before anything is stored
    if (this.countOf(owner.recordId) >= ATTACHMENTS_PER_RECORD) throw invalidField('content', 'field.attachment_limit');
    const file = this.accept(upload);
    try {
      this.data.write(actor, (tx) => {
        const { row, added } = this.add(tx, owner, file);
        if (added) entry(tx, row);
      });
    } catch (error) {
      // a content no row names (the transaction failed) does not stay in the data folder
      const named = this.store.statement('SELECT 1 FROM attachment_files WHERE sha256 = ?').get(file.sha256);
      if (!named) this.files.remove(file.sha256);
      throw error;
    }
  }

  /** One of the record's files, to show or save; the opening is audited with the record's number (it is part of a patient's record). */
  open(actor: Actor, owner: AttachmentOwner & { readonly number: string }, attachmentId: string): AttachmentContent {
    const row = this.rowOf(owner.recordId, attachmentId);
    const content = this.content(row);
    this.data.write(actor, (tx) =>
      tx.record({
        action: 'attachments.opened',
        entityType: 'attachments',
        entityId: row.id,
        hospitalId: owner.hospitalId,
        after: { [owner.recordType]: owner.number },
      }),
    );
    return content;
  }

  /** Takes one of the record's files off with the reason, with the record's timeline entry; its content goes once no record holds it. */
  takeOff(actor: Actor, owner: AttachmentOwner, attachmentId: string, reason: string, entry: (tx: WriteTx, row: Row) => void): void {
    const row = this.rowOf(owner.recordId, attachmentId);
    this.data.write(actor, (tx) => {
      this.remove(tx, row, reason);
      entry(tx, row);
    });
    this.purge(row.sha256);
  }

  /** Decodes, checks and stores a file the console sent; a refusal names the field. */
  accept(upload: { fileName: string; content: string }): AcceptedFile {
    // the contract allows only base64 letters; a length that is not a multiple of 4 was cut off on the way
    if (upload.content.length % 4 !== 0) throw invalidField('content', 'field.attachment_encoding');
    const bytes = Buffer.from(upload.content, 'base64');
    const check = checkAttachment(upload.fileName, bytes);
    if (!check.ok) throw invalidField(check.problem === 'field.attachment_name' ? 'fileName' : 'content', check.problem);
    const sha256 = this.files.put(bytes);
    return { sha256, fileName: check.fileName, mediaType: check.mediaType, sizeBytes: bytes.length };
  }

  /**
   * The file on the record, in the caller's transaction. The same content
   * on the same record again (a second click) is the file already there:
   * `added` says which. A new row sends the content to the hub again: the
   * hub may have deleted it when the last row naming it was taken off.
   */
  add(tx: WriteTx, owner: AttachmentOwner, file: AcceptedFile): { row: Row; added: boolean } {
    const existing = this.store
      .statement('SELECT * FROM attachments WHERE record_id = ? AND sha256 = ? AND deleted_at IS NULL')
      .get(owner.recordId, file.sha256) as Row | undefined;
    if (existing) return { row: existing, added: false };
    const count = this.store.statement('SELECT count(*) FROM attachments WHERE record_id = ? AND deleted_at IS NULL').pluck().get(owner.recordId) as number;
    if (count >= ATTACHMENTS_PER_RECORD) throw invalidField('content', 'field.attachment_limit');
    const row = tx.insert('attachments', {
      hospital_id: owner.hospitalId,
      record_type: owner.recordType,
      record_id: owner.recordId,
      sha256: file.sha256,
      file_name: file.fileName,
      media_type: file.mediaType,
      size_bytes: file.sizeBytes,
      added_by_user_id: tx.actor.id,
      added_by_name: tx.actor.name,
      removed_reason: null,
    });
    this.store
      .statement(
        `INSERT INTO attachment_files (sha256, size_bytes, stored_at, at_hub) VALUES (?, ?, ?, 0)
         ON CONFLICT (sha256) DO UPDATE SET stored_at = coalesce(stored_at, excluded.stored_at), at_hub = 0, last_error = NULL, next_try_at = NULL`,
      )
      .run(file.sha256, file.sizeBytes, tx.now);
    return { row, added: true };
  }

  /** The record's files, oldest first; `available` is whether the content is on this station. */
  listOf(recordId: string): Attachment[] {
    const rows = this.store
      .statement(
        `SELECT a.*, f.stored_at FROM attachments a LEFT JOIN attachment_files f ON f.sha256 = a.sha256
         WHERE a.record_id = ? AND a.deleted_at IS NULL ORDER BY a.created_at, a.id`,
      )
      .all(recordId) as Array<Row & { stored_at: string | null }>;
    return rows.map((row) => ({
      id: row.id,
      fileName: row.file_name,
      mediaType: row.media_type,
      sizeBytes: row.size_bytes,
      addedByName: row.added_by_name,
      addedAt: row.created_at,
      available: row.stored_at !== null,
    }));
  }

  /** How many files the record carries now. */
  countOf(recordId: string): number {
    return this.store.statement('SELECT count(*) FROM attachments WHERE record_id = ? AND deleted_at IS NULL').pluck().get(recordId) as number;
  }

  /** One of the record's files (not taken off), or 404. */
  rowOf(recordId: string, attachmentId: string): Row {
    const row = this.store.statement('SELECT * FROM attachments WHERE id = ? AND record_id = ?').get(attachmentId, recordId) as Row | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'error.not_found');
    if (row.deleted_at !== null) throw invalidField('attachmentId', 'field.attachment_removed');
    return row;
  }

  /** A file's content, to show or save; the caller audits the opening in its transaction. */
  content(row: Row): AttachmentContent {
    const bytes = this.files.get(row.sha256);
    if (!bytes) throw new AppError('BUSY', 'error.attachment_not_here');
    return { fileName: row.file_name, mediaType: row.media_type, content: bytes.toString('base64') };
  }

  /** Takes the file off its record with the reason, in the caller's transaction; `purge` after it commits. */
  remove(tx: WriteTx, row: Row, reason: string): void {
    tx.update('attachments', row.id, { removed_reason: reason }, 'attachments.removed');
    tx.softDelete('attachments', row.id);
  }

  /**
   * Deletes contents no record holds any more: the one just taken off
   * (after its transaction), or every such one (after a sync round brought
   * removals from elsewhere).
   */
  purge(sha256?: string): number {
    const rows = this.store
      .statement(
        `SELECT f.sha256 FROM attachment_files f
         WHERE f.stored_at IS NOT NULL ${sha256 ? 'AND f.sha256 = ?' : ''}
           AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = f.sha256 AND a.deleted_at IS NULL)`,
      )
      .pluck()
      .all(...(sha256 ? [sha256] : [])) as string[];
    for (const hash of rows) {
      this.files.remove(hash);
      this.store.statement('DELETE FROM attachment_files WHERE sha256 = ?').run(hash);
    }
    return rows.length;
  }
}
