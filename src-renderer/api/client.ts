import { contract, type CallInput, type CallName, type CallOutput } from '../../src-shared/contract/index.js';
import { errorBodySchema, fieldErrorsFromZod, type ErrorCode, type FieldError } from '../../src-shared/errors.js';
import type { Bilingual } from '../../src-shared/messages.js';
import { clearSession, getToken } from './session.js';

/** What the console could not do, as the station (or the network) said it. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly key: string;
  readonly bilingual: Bilingual;
  readonly fields: readonly FieldError[];

  constructor(status: number, code: ErrorCode | 'NETWORK', key: string, bilingual: Bilingual, fields: readonly FieldError[] = []) {
    super(`${code} (${status}): ${bilingual.en}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.key = key;
    this.bilingual = bilingual;
    this.fields = fields;
  }
}

const UNREACHABLE: Bilingual = {
  en: 'Cannot reach the PX360 station. Check that it is running.',
  ar: 'تعذّر الوصول إلى محطة PX360. تأكد من أنها قيد التشغيل.',
};
const BAD_ANSWER: Bilingual = {
  en: 'The station sent an answer the console does not understand.',
  ar: 'أرسلت المحطة رداً لا تفهمه الواجهة.',
};

function errorFromBody(status: number, body: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return new ApiError(status, 'INTERNAL', 'error.internal', BAD_ANSWER);
  const { code, key, message, fields } = parsed.data.error;
  return new ApiError(status, code, key, message, (fields ?? []) as FieldError[]);
}

type Outcome = { ok: true; data: unknown } | { ok: false; error: ApiError };

async function overHttp(name: CallName, input: unknown, token: string | null): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(`rpc/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input),
    });
  } catch {
    return { ok: false, error: new ApiError(0, 'NETWORK', 'error.network', UNREACHABLE) };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // an empty or non-JSON body is judged by its status below
  }
  if (response.ok) return { ok: true, data: body };
  return { ok: false, error: errorFromBody(response.status, body) };
}

async function overBridge(name: CallName, input: unknown, token: string | null): Promise<Outcome> {
  const bridge = window.px360;
  if (!bridge) throw new Error('no bridge');
  try {
    const result = await bridge.call(name, input, token);
    return result.ok ? { ok: true, data: result.data } : { ok: false, error: errorFromBody(result.status, result.body) };
  } catch {
    return { ok: false, error: new ApiError(0, 'NETWORK', 'error.network', UNREACHABLE) };
  }
}

/**
 * Make one call of the typed contract. Resolves with the parsed output;
 * rejects with an ApiError. A 401 on a signed-in call ends the session, which
 * sends the console back to the login screen.
 */
export async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const token = getToken();
  const outcome = window.px360 ? await overBridge(name, input, token) : await overHttp(name, input, token);
  if (!outcome.ok) {
    if (outcome.error.status === 401 && token !== null) clearSession();
    throw outcome.error;
  }
  const parsed = contract[name].output.safeParse(outcome.data);
  if (!parsed.success) {
    console.error(`PX360: unexpected answer to ${name}`, parsed.error.issues);
    throw new ApiError(200, 'INTERNAL', 'error.internal', BAD_ANSWER);
  }
  return parsed.data as CallOutput<N>;
}

/**
 * Check a form against the call's own input schema before sending it, so
 * the reader sees the same bilingual field messages the station would send.
 */
export function validateInput<N extends CallName>(name: N, input: CallInput<N>): FieldError[] {
  const result = contract[name].input.safeParse(input, { reportInput: true });
  return result.success ? [] : fieldErrorsFromZod(result.error);
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
