import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, validationError } from '../../src-shared/errors.js';
import { SYNC_MAX_BYTES } from '../../src-shared/hub-api.js';

/** Reading a request the hub's JSON routes share: the bearer token, the body as JSON, and a zod parse that answers 400 with field errors. */

const gunzip = promisify(zlib.gunzip);

export function bearer(request: FastifyRequest): string | null {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? null;
}

export function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** The body as JSON: plain or gzip, at most 8 MiB once inflated. */
export async function readJson(request: FastifyRequest): Promise<unknown> {
  if (!Buffer.isBuffer(request.body)) {
    if (request.body === undefined || request.body === null) throw new AppError('VALIDATION', 'error.bad_json');
    throw new AppError('UNSUPPORTED_MEDIA', 'error.unsupported_media');
  }
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  let bytes: Buffer = request.body;
  if (encoding === 'gzip') {
    try {
      bytes = await gunzip(request.body, { maxOutputLength: SYNC_MAX_BYTES });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new AppError('TOO_LARGE', 'error.sync_batch_too_large');
      throw new AppError('VALIDATION', 'error.bad_json');
    }
  } else if (encoding !== 'identity') throw new AppError('UNSUPPORTED_MEDIA', 'error.unsupported_encoding');
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw new AppError('VALIDATION', 'error.bad_json');
  }
}
