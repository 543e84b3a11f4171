import { describe, expect, it } from 'vitest';
import { toJson } from '../../../src-shared/tables/index.js';
import { mayManage, mllpRefusal, peerListed, sendsFor } from './admission.js';

const source = (fields: { enabled?: number; hospitals?: string[]; peers?: string[]; cert?: string | null }) => ({
  enabled: fields.enabled ?? 1,
  hospital_codes: toJson(fields.hospitals ?? ['OLAYA']),
  mllp_peers: toJson(fields.peers ?? ['10.1.2.3']),
  mllp_cert_sha256: fields.cert ?? null,
});

const CERT = 'A'.repeat(64);

describe('which addresses a source lists', () => {
  it.each([
    [['10.1.2.3'], '10.1.2.3', true],
    [['10.1.2.3'], '10.1.2.4', false],
    [['10.1.2.3'], '::ffff:10.1.2.3', true], // an IPv4 peer on a dual-stack socket
    [['10.1.2.0/24'], '10.1.2.200', true],
    [['10.1.2.0/24'], '10.1.3.1', false],
    [['127.0.0.1'], '127.0.0.2', false], // loopback is not one address: 127.0.0.2 is another sender
    [['127.0.0.0/31'], '127.0.0.1', true],
    [['fd00::/64'], 'fd00::2', true],
    [['fd00::/64'], 'fd01::2', false],
    [['FD00::2'], 'fd00::2', true],
    [['10.1.2.3', 'fd00::2'], 'fd00::2', true],
    [[], '10.1.2.3', false],
  ])('%j admits %s: %s', (peers, address, expected) => {
    expect(peerListed(source({ peers }), address)).toBe(expected);
  });
});

describe('which MLLP connections a source admits', () => {
  const connection = (peer: string, certificateSha256: string | null = null) => ({ peer, certificateSha256 });
  it.each([
    ['no such source', undefined, connection('10.1.2.3'), 'error.unknown_source'],
    ['a disabled source', source({ enabled: 0 }), connection('10.1.2.3'), 'error.unknown_source'],
    ['a source listing no peer (MLLP off)', source({ peers: [] }), connection('10.1.2.3'), 'error.mllp_off'],
    ['an address it does not list', source({}), connection('10.9.9.9'), 'error.peer_not_listed'],
    ['its address', source({}), connection('10.1.2.3'), null],
    ['its address without the certificate it pins', source({ cert: CERT }), connection('10.1.2.3'), 'error.client_certificate'],
    ['its address with another certificate', source({ cert: CERT }), connection('10.1.2.3', 'B'.repeat(64)), 'error.client_certificate'],
    ['its address with its certificate', source({ cert: CERT }), connection('10.1.2.3', CERT), null],
    ['its certificate from an address it does not list', source({ cert: CERT }), connection('10.9.9.9', CERT), 'error.peer_not_listed'],
  ])('%s: %s', (_name, row, peer, expected) => {
    expect(mllpRefusal(row, peer)).toBe(expected);
  });
});

describe('which hospitals a source sends for', () => {
  it.each([
    [['OLAYA'], 'OLAYA', true],
    [['OLAYA'], 'olaya', true],
    [['OLAYA'], 'KHOBAR', false],
    [['KHOBAR', 'OLAYA'], 'KHOBAR', true],
    [[], 'OLAYA', false],
  ])('%j → %s: %s', (hospitals, code, expected) => {
    expect(sendsFor(source({ hospitals }), code)).toBe(expected);
  });
});

describe('who manages a source', () => {
  it.each([
    [null, [], true],
    [null, ['OLAYA', 'KHOBAR'], true],
    ['OLAYA', ['OLAYA'], true],
    ['OLAYA', ['KHOBAR'], false],
    ['OLAYA', ['KHOBAR', 'OLAYA'], false], // a shared feed is the group's
    ['OLAYA', [], false], // so is one bound to no hospital yet
  ])('manager %s, source bound to %j: %s', (manager, hospitals, expected) => {
    expect(mayManage(manager, hospitals)).toBe(expected);
  });
});
