import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { FORM_SCRIPT } from './public-form.js';
import type { FlowResult } from './public-flow.js';
import { badPostPage, linkPreviewPage, unavailablePage } from './public-flow.js';

/**
 * The survey form's routes, the same on the hub (links sent to phones) and
 * on a station's listener (kiosks): `GET/POST /s/<token>` and
 * `GET/POST /s/<token>/opt-out`. Node only (fastify).
 *
 * The page is a plain HTML form: posted as application/x-www-form-urlencoded,
 * read here into single values or lists for repeated names, at most 64 KB.
 * Every answer says: nothing is cached, nothing is framed, nothing but our
 * own inline style runs, no referrer leaks the token.
 */
export interface SurveyFormPort {
  show(token: string, language: unknown): FlowResult | Promise<FlowResult>;
  post(token: string, body: Readonly<Record<string, unknown>>): FlowResult | Promise<FlowResult>;
  optOutAsk(token: string, language: unknown): FlowResult | Promise<FlowResult>;
  optOutConfirm(token: string, body: Readonly<Record<string, unknown>>): FlowResult | Promise<FlowResult>;
}

/**
 * Messaging apps, social sites and mail scanners that fetch a link to draw a
 * preview or check it (WhatsApp, iMessage's and Facebook's crawler, Slack,
 * Telegram, Outlook's and Google's…). Named one by one, with "bot",
 * "crawler" and "spider" as whole words: a phone named "Cubot" is a patient.
 */
const LINK_PREVIEW =
  /facebookexternalhit|facebot|twitterbot|slackbot|telegrambot|whatsapp|discordbot|linkedinbot|skypeuripreview|googlebot|bingbot|applebot|yandexbot|duckduckbot|baiduspider|embedly|pinterest|vkshare|redditbot|microsoft office|\bbot\b|\bcrawler\b|\bspider\b/i;

export function isLinkPreview(userAgent: string | undefined): boolean {
  return userAgent !== undefined && LINK_PREVIEW.test(userAgent);
}

export const FORM_BODY_LIMIT = 64 * 1024;
const MAX_FIELDS = 200;

/** The form page's one script, allowed by its hash and nothing else (public-form.ts, FORM_SCRIPT). */
const SCRIPT_HASH = `'sha256-${createHash('sha256').update(FORM_SCRIPT).digest('base64')}'`;

export const FORM_HEADERS = {
  'Content-Security-Policy': `default-src 'none'; script-src ${SCRIPT_HASH}; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
} as const;

/** A urlencoded body as the form sends it; null for what no browser sends (too many fields, a broken encoding). */
export function readFormBody(text: string): Record<string, string | string[]> | null {
  const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  let count = 0;
  try {
    for (const [name, value] of new URLSearchParams(text)) {
      count += 1;
      if (count > MAX_FIELDS) return null;
      const before = fields[name];
      fields[name] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
    }
  } catch {
    return null;
  }
  return { ...fields };
}

function answer(reply: FastifyReply, result: FlowResult): FastifyReply {
  return reply.status(result.status).headers(FORM_HEADERS).type('text/html; charset=utf-8').send(result.html);
}

export async function registerSurveyForm(app: FastifyInstance, port: SurveyFormPort, log: (line: string) => void): Promise<void> {
  await app.register(async (scope) => {
    // only the form's own body: JSON or anything else the server around takes is 415 here
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
      done(null, readFormBody(String(body)));
    });
    scope.setErrorHandler((error, request, reply) => {
      const statusCode = (error as { statusCode?: number }).statusCode ?? 500;
      if (statusCode >= 500) log(`survey form: ${(error as Error).stack ?? String(error)}`);
      const language = (request.query as Record<string, unknown> | undefined)?.lang === 'en' ? 'en' : 'ar';
      // a failure of ours is not the patient's link: it stays valid, and they are told to come back
      const page = statusCode >= 500 ? unavailablePage(language) : badPostPage(language);
      return answer(reply, { ...page, status: statusCode >= 500 ? 500 : statusCode === 413 ? 413 : statusCode === 415 ? 415 : 400 });
    });
    const bodyOf = (body: unknown): Record<string, unknown> | null =>
      body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
    const lang = (query: unknown) => (query as Record<string, unknown> | undefined)?.lang;

    scope.get<{ Params: { token: string } }>('/s/:token', async (request, reply) => {
      if (isLinkPreview(request.headers['user-agent'])) return answer(reply, linkPreviewPage(lang(request.query) === 'en' ? 'en' : 'ar'));
      return answer(reply, await port.show(request.params.token, lang(request.query)));
    });
    scope.post<{ Params: { token: string } }>('/s/:token', async (request, reply) => {
      const body = bodyOf(request.body);
      if (!body) return answer(reply, badPostPage());
      return answer(reply, await port.post(request.params.token, body));
    });
    scope.get<{ Params: { token: string } }>('/s/:token/opt-out', async (request, reply) =>
      answer(reply, await port.optOutAsk(request.params.token, lang(request.query))),
    );
    scope.post<{ Params: { token: string } }>('/s/:token/opt-out', async (request, reply) => {
      const body = bodyOf(request.body);
      if (!body) return answer(reply, badPostPage());
      // RFC 8058: a mail client's one-click unsubscribe posts List-Unsubscribe=One-Click; a person confirms with the button
      const confirmed = body['List-Unsubscribe'] === 'One-Click' ? { ...body, confirm: 'yes' } : body;
      return answer(reply, await port.optOutConfirm(request.params.token, confirmed));
    });
  });
}
