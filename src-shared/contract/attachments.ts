import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES } from '../attachments/files.js';
import { id, safeText, timestamp } from './common.js';

/** Files on a complaint or a PX action (docs/attachments.md): the part of the contract both share. */

export const attachmentSchema = z.object({
  id,
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  addedByName: z.string(),
  addedAt: timestamp,
  /** the content is on this station (false: it is still on its way from the hub) */
  available: z.boolean(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** The longest base64 text of a file within the limit. */
export const ATTACHMENT_MAX_BASE64 = Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4;

/** A file as the console sends it: its name and its bytes in base64 (the size and type are checked on the decoded bytes). */
export const attachmentUpload = {
  fileName: z.string().min(1, { error: 'field.attachment_name' }).max(1000, { error: 'field.attachment_name' }),
  content: z
    .string()
    .min(1, { error: 'field.attachment_empty' })
    .max(ATTACHMENT_MAX_BASE64, { error: 'field.attachment_too_large' })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'field.attachment_encoding' }),
};

/** Taking a file off a record needs a reason: it stays on the timeline. */
export const attachmentRemoval = { attachmentId: id, reason: safeText(500) };

/** A file's content, for the console to show or save. */
export const attachmentContentSchema = z.object({ fileName: z.string(), mediaType: z.string(), content: z.string() });
export type AttachmentContent = z.infer<typeof attachmentContentSchema>;

/** The calls that carry a file: the console bridge takes a body this large for them only. */
export const UPLOAD_CALLS = ['complaints.attach', 'actions.attach'] as const;
/** The body of an upload call: the base64 text and room for the rest. */
export const MAX_UPLOAD_BODY = ATTACHMENT_MAX_BASE64 + 64 * 1024;
