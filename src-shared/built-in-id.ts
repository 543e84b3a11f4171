import { createHash } from 'node:crypto';

/**
 * The id of a built-in or derived row, the same on every station and the
 * hub: from `name`, laid out as an RFC 9562 UUID of version 8 (custom).
 */
export function builtInId(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
