import { createServer, type IncomingHttpHeaders } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import type { OutboundMessage } from './outbound.js';

/**
 * For the senders' tests only: a real HTTP gateway on 127.0.0.1 that
 * records what it was sent and answers as told, so a test sees the bytes a
 * provider would, and a port nothing listens on.
 */

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** `hang`: accept the request and never answer. */
export type GatewayReply = { readonly status: number; readonly json?: unknown; readonly text?: string } | 'hang';

export interface FakeGateway {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startGateway(reply: (request: RecordedRequest) => GatewayReply): Promise<FakeGateway> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const answer = reply(recorded);
      if (answer === 'hang') return;
      const text = answer.json === undefined ? (answer.text ?? '') : JSON.stringify(answer.json);
      res.writeHead(answer.status, { 'Content-Type': answer.json === undefined ? 'text/html' : 'application/json' });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Starts fake gateways for the tests of the file that calls it, each closed after its test. */
export function gatewaysClosedAfterEachTest(): (reply: (request: RecordedRequest) => GatewayReply) => Promise<FakeGateway> {
  const open: FakeGateway[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((gateway) => gateway.close()));
  });
  return async (reply) => {
    const gateway = await startGateway(reply);
    open.push(gateway);
    return gateway;
  };
}

/** A port that was free a moment ago: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function outboundMessage(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    id: 'msg-01J9Z6Q7',
    channel: 'sms',
    to: '+966501234567',
    language: 'ar',
    body: 'شاركنا رأيك في زيارتك: \u2068https://px.example.sa/s/TOKEN123\u2069',
    subject: null,
    link: 'https://px.example.sa/s/TOKEN123',
    optOutLink: null,
    whatsApp: null,
    ...overrides,
  };
}
