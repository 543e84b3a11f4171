import axios, { isAxiosError } from 'axios';

/**
 * One POST to an HTTP gateway (Unifonic, WhatsApp Cloud API, a hospital's
 * own webhook), as the senders share it: every status comes back as an
 * answer to judge, and anything that is no answer (refused connection,
 * timeout, a line that drops) comes back as the reason it is retried.
 */

export interface GatewayRequest {
  readonly url: string;
  readonly body: string | URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

export type GatewayCall = { readonly answered: true; readonly status: number; readonly data: unknown } | { readonly answered: false; readonly reason: string };

/** An answer to one message is a few hundred bytes; anything near this is not one. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * Redirects are not followed: a gateway that moved is a settings change to
 * make, and following one would hand the credentials in the headers to
 * wherever it points. The timeout is both axios's (no answer started) and
 * an abort (an answer that trickles in forever).
 */
export async function postToGateway(request: GatewayRequest): Promise<GatewayCall> {
  try {
    const response = await axios.post<unknown>(request.url, request.body, {
      headers: { ...request.headers },
      timeout: request.timeoutMs,
      signal: AbortSignal.timeout(request.timeoutMs),
      validateStatus: () => true,
      maxRedirects: 0,
      maxContentLength: MAX_ANSWER_BYTES,
    });
    return { answered: true, status: response.status, data: response.data };
  } catch (error) {
    if (!isAxiosError(error)) throw error;
    return { answered: false, reason: noAnswerReason(error.code, error.message, request.timeoutMs) };
  }
}

function noAnswerReason(code: string | undefined, message: string, timeoutMs: number): string {
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED') return `No answer within ${timeoutMs} ms`;
  return `No answer: ${message || code || 'network error'}`;
}

/**
 * What an HTTP gateway's status says about the same request later. 408
 * and 429 say so themselves. 401 and 403 refuse our credentials or
 * account, not this message: once an administrator fixes the settings the
 * message goes, so it is retried rather than lost with every message
 * queued behind the mistake. Any other 4xx refuses the message; anything
 * else (5xx, a redirect) is the gateway's trouble, worth another try.
 */
export function judgeHttpStatus(status: number): 'ok' | 'retry' | 'failed' {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401 || status === 403 || status === 408 || status === 429) return 'retry';
  if (status >= 400 && status < 500) return 'failed';
  return 'retry';
}
