import { isMessageKey, type MessageKey } from './messages.js';
import type { BackgroundError } from './tables/index.js';

/** A code worth keeping as it is: an error class's name or a system code (SQLITE_BUSY, ECONNREFUSED), never free text. */
const SAFE_CODE = /^[A-Za-z][A-Za-z0-9_.:-]{0,47}$/;

/**
 * What a failed job run or delivery keeps and shows: a code and a message
 * key. The error's own message is left out on purpose: it may quote the
 * data that broke the run (a patient's name in a constraint message, a
 * payload), and job state is shown to operators and sent to monitoring by
 * /health. The full error goes to the station's log.
 *
 * An error that carries a message key of its own (AppError, IntakeFailure)
 * keeps it; any other gets `fallback`.
 */
export function backgroundErrorOf(error: unknown, fallback: MessageKey): BackgroundError {
  const fields = typeof error === 'object' && error !== null ? (error as { code?: unknown; name?: unknown; key?: unknown }) : {};
  const code = [fields.code, fields.name].find((c): c is string => typeof c === 'string' && SAFE_CODE.test(c)) ?? 'Error';
  const key = typeof fields.key === 'string' && isMessageKey(fields.key) ? fields.key : fallback;
  return { code, key };
}
