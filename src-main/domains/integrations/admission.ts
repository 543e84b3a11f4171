import { createHash } from 'node:crypto';
import { BlockList } from 'node:net';
import type { MessageKey } from '../../../src-shared/messages.js';
import { isIpv6, normalizeAddress, parsePeer } from '../../../src-shared/net-address.js';
import { fromJson } from '../../../src-shared/tables/index.js';
import type { Actor } from '../../core/audit-log.js';
import type { IntegrationSourcesTable } from '../../core/db/schema.js';

/*
 * Who may send what (docs/external-interfaces.md, "Who may send"): the rules
 * the JSON listener and the MLLP server apply in the same way, as plain
 * functions of a source's row, so both paths refuse the same things and the
 * rules are tested without a socket (admission.test.ts).
 */

type Source = Pick<IntegrationSourcesTable, 'enabled' | 'hospital_codes' | 'mllp_peers' | 'mllp_cert_sha256'>;

/** Why a sender is refused: the message key the refusal answers with (JSON body, ACK ERR-5 and the audit entry). */
export type Refusal = Extract<MessageKey, `error.${string}`>;

export function hospitalCodesOf(source: Pick<IntegrationSourcesTable, 'hospital_codes'>): string[] {
  return fromJson(source.hospital_codes);
}

export function mllpPeersOf(source: Pick<IntegrationSourcesTable, 'mllp_peers'>): string[] {
  return fromJson(source.mllp_peers);
}

/**
 * Who an integration's audit entries name: the source and the address its
 * message came from (`integration:HIS (10.1.2.3)`), for the processor's
 * writes and the listeners' refusals alike; `listener` before a source is known.
 */
export function integrationActor(sourceSystem: string | null, peer: string | null): Actor {
  const who = sourceSystem ? `integration:${sourceSystem}` : 'listener';
  return { id: null, name: peer ? `${who} (${peer})` : who };
}

/** Whether the source may send for the hospital an event names (codes compared upper-cased, as the event is stored). */
export function sendsFor(source: Pick<IntegrationSourcesTable, 'hospital_codes'>, hospitalCode: string): boolean {
  return hospitalCodesOf(source).includes(hospitalCode.trim().toUpperCase());
}

/** The peers of a source as a BlockList, kept per distinct list: MLLP asks for every message. */
const lists = new Map<string, BlockList>();
const MAX_LISTS = 256;

function blockListOf(peersJson: IntegrationSourcesTable['mllp_peers']): BlockList {
  let list = lists.get(peersJson);
  if (list) return list;
  list = new BlockList();
  for (const text of fromJson(peersJson)) {
    const peer = parsePeer(text);
    if (!peer) continue; // the contract lets none in; a hand-edited row lists nothing it cannot read
    const family = isIpv6(peer.address) ? 'ipv6' : 'ipv4';
    if (peer.kind === 'address') list.addAddress(peer.address, family);
    else list.addSubnet(peer.address, peer.prefix, family);
  }
  if (lists.size >= MAX_LISTS) lists.clear();
  lists.set(peersJson, list);
  return list;
}

/** Whether an address is one the source lists (an address, or inside a range). */
export function peerListed(source: Pick<IntegrationSourcesTable, 'mllp_peers'>, address: string): boolean {
  const normalized = normalizeAddress(address);
  return blockListOf(source.mllp_peers).check(normalized, isIpv6(normalized) ? 'ipv6' : 'ipv4');
}

/** The SHA-256 of a certificate (DER), as sources pin it: 64 upper-case hex digits. */
export function certificateSha256(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase();
}

/**
 * Whether an MLLP connection may deliver this source's messages: the source
 * is enabled, lists peers at all (none: MLLP is off for it), lists this
 * peer's address, and — when it pins a client certificate — the connection
 * presented that certificate. Null when admitted.
 */
export function mllpRefusal(source: Source | undefined, connection: { peer: string; certificateSha256: string | null }): Refusal | null {
  if (!source || source.enabled !== 1) return 'error.unknown_source';
  if (mllpPeersOf(source).length === 0) return 'error.mllp_off';
  if (!peerListed(source, connection.peer)) return 'error.peer_not_listed';
  if (source.mllp_cert_sha256 !== null && source.mllp_cert_sha256 !== connection.certificateSha256) return 'error.client_certificate';
  return null;
}

/**
 * Who may see and manage a source: the whole group every source; a
 * hospital only a source bound to exactly that hospital. A source bound to
 * several hospitals (a shared HIS feed) or to none yet is the group's.
 */
export function mayManage(managerHospitalCode: string | null, hospitalCodes: readonly string[]): boolean {
  return managerHospitalCode === null || (hospitalCodes.length === 1 && hospitalCodes[0] === managerHospitalCode);
}
