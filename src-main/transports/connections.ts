import type net from 'node:net';
import { normalizeAddress } from '../../src-shared/net-address.js';

/** How many connections a server holds at once, and how many of them one address may hold. */
export interface ConnectionCaps {
  readonly total: number;
  readonly perAddress: number;
}

/** The peer address of a socket as the station records it (IPv4-mapped IPv6 as IPv4); '' once the socket is gone. */
export function peerOf(socket: net.Socket): string {
  return normalizeAddress(socket.remoteAddress ?? '');
}

/**
 * Caps a server's connections: beyond `total` Node itself closes new ones
 * (server.maxConnections); beyond `perAddress` from one address, a new
 * connection is closed before a byte of it is read, and `onRefused` hears of
 * it. One client holding every slot open cannot lock the others out. For an
 * https or tls server the raw TCP connection is counted, before any
 * handshake. Answers the live count per address (tests read it).
 */
export function capConnections(server: net.Server, caps: ConnectionCaps, onRefused: (address: string) => void = () => {}): ReadonlyMap<string, number> {
  server.maxConnections = caps.total;
  const open = new Map<string, number>();
  server.prependListener('connection', (socket: net.Socket) => {
    const address = peerOf(socket);
    const count = open.get(address) ?? 0;
    if (count >= caps.perAddress) {
      socket.destroy();
      onRefused(address);
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
  return open;
}
