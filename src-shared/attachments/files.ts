/**
 * The files a complaint or a PX action may carry (issue 12; docs/attachments.md):
 * what a PX office receives — letters and reports as PDF, photos from a
 * phone, scanned pages, a Word or Excel file, a plain text. The content
 * decides the type, never the name a browser sends: a renamed program is
 * refused however it is called. One definition for the console (a quick
 * refusal before uploading), the station (the refusal that counts, before
 * anything is stored) and the hub (again, where a file enters).
 */

/** The largest file taken: a multi-page scan or a few phone photos. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** How many files one record may carry. */
export const ATTACHMENTS_PER_RECORD = 30;
/** The longest file name kept (the extension stays). */
export const ATTACHMENT_NAME_MAX = 120;

export interface AttachmentType {
  readonly mediaType: string;
  /** the extensions a file of this type may have, lower case, without the dot */
  readonly extensions: readonly string[];
}

export const ATTACHMENT_TYPES: readonly AttachmentType[] = [
  { mediaType: 'application/pdf', extensions: ['pdf'] },
  { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  { mediaType: 'image/png', extensions: ['png'] },
  { mediaType: 'image/webp', extensions: ['webp'] },
  { mediaType: 'image/heic', extensions: ['heic', 'heif'] },
  { mediaType: 'text/plain', extensions: ['txt'] },
  { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
];

/** For a file picker's `accept`: every extension taken. */
export const ATTACHMENT_ACCEPT = ATTACHMENT_TYPES.flatMap((type) => type.extensions.map((extension) => `.${extension}`)).join(',');

/** Images the console shows inline. */
export function isPreviewableImage(mediaType: string): boolean {
  return mediaType === 'image/jpeg' || mediaType === 'image/png' || mediaType === 'image/webp';
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Brands of an ISO-BMFF `ftyp` box that mean a HEIC/HEIF still image (what iPhones take). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

/** Plain text: valid UTF-8 with no control characters but tab, line feed, carriage return and form feed. */
function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/**
 * The type of a file by its first bytes, or null for a type not taken. An
 * Office file is a ZIP: it is told from other ZIPs by its name (`.docx`,
 * `.xlsx`), which must then agree anyway.
 */
export function sniffMediaType(bytes: Uint8Array, extension: string): string | null {
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    return HEIF_BRANDS.has(brand) ? 'image/heic' : null;
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (extension === 'docx') return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (extension === 'xlsx') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return null;
  }
  return bytes.length > 0 && isPlainText(bytes) ? 'text/plain' : null;
}

/** The extension of a file name, lower case and without the dot ('' when it has none). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/**
 * A file name as it is kept and offered back for download: the last part of
 * a path, without control characters or characters a file system refuses,
 * at most ATTACHMENT_NAME_MAX characters with its extension kept. Null when
 * nothing is left of it.
 */
export function cleanFileName(raw: string): string | null {
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (cleaned === '' || /^\.+$/.test(cleaned)) return null;
  if (cleaned.length <= ATTACHMENT_NAME_MAX) return cleaned;
  const extension = extensionOf(cleaned);
  const tail = extension ? `.${extension}` : '';
  return `${cleaned.slice(0, ATTACHMENT_NAME_MAX - tail.length).trimEnd()}${tail}`;
}

export type AttachmentProblem = 'field.attachment_empty' | 'field.attachment_too_large' | 'field.attachment_type' | 'field.attachment_name';

/**
 * Whether a file may be attached: its name, its size and its content, in
 * that order. The type is the content's, and the name's extension must be
 * one of that type's, so the file opens in the right program when
 * downloaded.
 */
export function checkAttachment(
  fileName: string,
  bytes: Uint8Array,
): { ok: true; fileName: string; mediaType: string } | { ok: false; problem: AttachmentProblem } {
  const name = cleanFileName(fileName);
  if (name === null) return { ok: false, problem: 'field.attachment_name' };
  if (bytes.length === 0) return { ok: false, problem: 'field.attachment_empty' };
  if (bytes.length > ATTACHMENT_MAX_BYTES) return { ok: false, problem: 'field.attachment_too_large' };
  const extension = extensionOf(name);
  const mediaType = sniffMediaType(bytes, extension);
  const type = ATTACHMENT_TYPES.find((t) => t.mediaType === mediaType);
  if (!type || !type.extensions.includes(extension)) return { ok: false, problem: 'field.attachment_type' };
  return { ok: true, fileName: name, mediaType: type.mediaType };
}

/** A file's size in the unit a person reads it in (for Intl.NumberFormat's `unit` style): 1 decimal under 10. */
export function sizeParts(size: number): { value: number; unit: 'byte' | 'kilobyte' | 'megabyte'; fractionDigits: 0 | 1 } {
  const units = ['byte', 'kilobyte', 'megabyte'] as const;
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return { value, unit: units[unit]!, fractionDigits: unit === 0 || value >= 10 ? 0 : 1 };
}
