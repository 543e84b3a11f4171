import { z } from 'zod';

/**
 * Peer addresses as the station's listeners see and list them: an IPv4
 * address arriving on an IPv6 socket (`::ffff:10.1.2.3`) is the IPv4
 * address, and an MLLP source lists addresses or CIDR ranges in either
 * family. Plain functions, so the console validates what the station does.
 */

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** The address as the station records and compares it: IPv4-mapped IPv6 as IPv4, IPv6 in lower case. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  return IPV4_MAPPED.exec(trimmed)?.[1] ?? trimmed.toLowerCase();
}

/** This machine: 127.0.0.0/8 and ::1 (also as ::ffff:127.x.y.z). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const normalized = normalizeAddress(address);
  return normalized === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(normalized);
}

const ip = z.union([z.ipv4(), z.ipv6()]);
const cidr = z.union([z.cidrv4(), z.cidrv6()]);

export type PeerPattern =
  { readonly kind: 'address'; readonly address: string } | { readonly kind: 'range'; readonly address: string; readonly prefix: number };

/** A listed peer (`10.1.2.3`, `10.1.2.0/24`, `fd00::/64`), or null when it is neither an address nor a range. */
export function parsePeer(text: string): PeerPattern | null {
  const value = normalizeAddress(text);
  if (ip.safeParse(value).success) return { kind: 'address', address: value };
  if (!cidr.safeParse(value).success) return null;
  const [address = '', prefix = ''] = value.split('/');
  return { kind: 'range', address: normalizeAddress(address), prefix: Number(prefix) };
}

/** A range that admits every address (`0.0.0.0/0`, `::/0`): only sensible together with a pinned client certificate. */
export function admitsAnyAddress(peer: PeerPattern): boolean {
  return peer.kind === 'range' && peer.prefix === 0;
}

export function isIpv6(address: string): boolean {
  return address.includes(':');
}
