import { z } from 'zod';
import type { RpcResult } from '../../src-shared/bridge.js';
import { AppError, errorBodySchema } from '../../src-shared/errors.js';

/*
 * The messages between the Electron main process and the station core running
 * in a utilityProcess. Both ends parse what they receive: a message port is a
 * process boundary like any other.
 */

export const toCoreMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('rpc'),
    id: z.number().int().nonnegative(),
    name: z.string().min(1).max(100),
    input: z.unknown(),
    token: z.string().nullable(),
  }),
  z.strictObject({ type: z.literal('shutdown') }),
  /** first after the fork: the station's master key from the OS credential store (base64), or null to use the data folder's */
  z.strictObject({ type: z.literal('keys'), masterKey: z.string().max(64).nullable() }),
]);
export type ToCoreMessage = z.infer<typeof toCoreMessageSchema>;

export const rpcResultSchema = z.union([
  z.strictObject({ ok: z.literal(true), data: z.unknown() }),
  z.strictObject({ ok: z.literal(false), status: z.number().int(), body: errorBodySchema }),
]);

export const fromCoreMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready'), stationId: z.string(), dataDir: z.string() }),
  z.strictObject({ type: z.literal('rpc-result'), id: z.number().int().nonnegative(), result: rpcResultSchema }),
  z.strictObject({ type: z.literal('log'), line: z.string() }),
  /** the core could not start (bad data dir, refused migration); main logs it and the supervisor retries */
  z.strictObject({ type: z.literal('fatal'), message: z.string() }),
]);
export type FromCoreMessage = z.infer<typeof fromCoreMessageSchema>;

/** The answer when the core is down or did not answer: the console shows the generic station error, the log keeps why. */
export function coreUnavailableResult(): RpcResult {
  return { ok: false, status: 503, body: new AppError('INTERNAL', 'error.internal').toBody() };
}

export function internalErrorResult(): RpcResult {
  return { ok: false, status: 500, body: new AppError('INTERNAL', 'error.internal').toBody() };
}
