import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../src-shared/errors.js';
import { readUnifonicReceipt } from '../../src-shared/notifications/unifonic.js';
import { readSmsReplies } from '../../src-shared/notifications/sms-replies.js';
import { readWhatsAppStatuses, readWhatsAppStopReplies, whatsAppSignatureValid } from '../../src-shared/notifications/whatsapp.js';
import { RateLimiter } from '../../src-shared/rate-limit.js';
import { FORM_HEADERS, registerSurveyForm } from '../../src-shared/surveys/form-routes.js';
import { renderSurveyNotice } from '../../src-shared/surveys/public-form.js';
import { readJson } from '../http/request.js';
import type { HubLog } from '../log.js';
import type { HubSurveys } from './index.js';
import { channelParam } from './providers.js';
import { applyDeliveryReport } from './delivery-reports.js';
import { optOutByReply } from './stop-replies.js';

/** The largest delivery receipt taken (one receipt is a few hundred bytes). */
const RECEIPT_BODY_LIMIT = 16 * 1024;

/** Form posts an address may make a minute. Generous: behind a carrier's NAT, many patients share one address. */
export const FORM_POSTS_PER_MINUTE = 300;

export interface SurveyRouteOptions {
  readonly surveys: HubSurveys;
  readonly log: HubLog;
  /** the administrator check of the other /admin routes */
  readonly admin: (request: FastifyRequest) => Promise<void>;
  /** a failed authentication: counted per address, 429 past the limit (see buildHubServer) */
  readonly refuse: (request: FastifyRequest, credential: string | null, error: AppError) => never;
  readonly formPostsPerMinute?: number | undefined;
}

const SLOW_DOWN = {
  title: { en: 'Please wait a moment', ar: 'يرجى الانتظار قليلاً' },
  message: {
    en: 'Too many pages were sent from this connection. Please wait a minute and send the page again: your answers so far are kept.',
    ar: 'أُرسلت صفحات كثيرة من هذا الاتصال. يرجى الانتظار دقيقة ثم إرسال الصفحة مرة أخرى، فإجاباتك السابقة محفوظة.',
  },
};

/** A receipt's fields from its bytes: JSON, or a form (the two encodings Unifonic's documents show). */
function readReceiptBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> | null {
  const text = raw.toString('utf8');
  if ((contentType ?? '').includes('json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The hub's survey routes: the form patients open from their phones
 * (`/s/<token>`, no sign-in, posts limited per address), the WhatsApp
 * status webhook (Meta's subscription check and its signed reports), and
 * the administrator's provider settings.
 */
export function registerSurveyRoutes(app: FastifyInstance, options: SurveyRouteOptions): void {
  const { surveys, log } = options;
  const perMinute = options.formPostsPerMinute ?? FORM_POSTS_PER_MINUTE;
  const posts = new RateLimiter();
  const prune = setInterval(() => posts.prune(perMinute), 60_000);
  prune.unref();
  app.addHook('onClose', async () => clearInterval(prune));

  app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply: FastifyReply) => {
      if (request.method !== 'POST' || posts.take(request.ip, perMinute, 1)) return;
      const language = (request.query as Record<string, unknown> | undefined)?.lang === 'en' ? 'en' : 'ar';
      return reply
        .status(429)
        .headers(FORM_HEADERS)
        .type('text/html; charset=utf-8')
        .send(renderSurveyNotice({ language, ...SLOW_DOWN }));
    });
    await registerSurveyForm(scope, surveys.form, (line) => log('survey_form.error', { message: line }));
  });

  // ---- WhatsApp status webhook (Meta's Cloud API) ----

  app.get('/webhooks/whatsapp', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const token = query['hub.verify_token'];
    const challenge = query['hub.challenge'];
    if (
      query['hub.mode'] === 'subscribe' &&
      typeof token === 'string' &&
      sameText(token, surveys.whatsAppVerifyToken) &&
      typeof challenge === 'string' &&
      /^[A-Za-z0-9._-]{1,200}$/.test(challenge)
    ) {
      log('whatsapp.webhook_subscribed');
      return reply.type('text/plain; charset=utf-8').send(challenge);
    }
    log('whatsapp.webhook_refused', { reason: 'bad_verify_token', ip: request.ip });
    return options.refuse(request, typeof token === 'string' ? token : null, new AppError('FORBIDDEN', 'error.forbidden'));
  });

  app.post('/webhooks/whatsapp', async (request) => {
    const settings = await surveys.providers.settingsOf('whatsapp');
    if (settings?.kind !== 'whatsapp') {
      log('whatsapp.webhook_refused', { reason: 'not_configured', ip: request.ip });
      throw new AppError('NOT_FOUND', 'error.not_found_route');
    }
    const raw = Buffer.isBuffer(request.body) ? request.body : null;
    // never the body in the log: it names patients' numbers
    const refused = (reason: string) => log('whatsapp.webhook_refused', { reason, ip: request.ip, bytes: raw?.length ?? 0 });
    const signature = request.headers['x-hub-signature-256'];
    if (!raw || !whatsAppSignatureValid(settings.appSecret, raw, typeof signature === 'string' ? signature : undefined)) {
      refused('bad_signature');
      return options.refuse(request, null, new AppError('UNAUTHENTICATED', 'error.unauthenticated'));
    }
    let body: unknown;
    try {
      body = await readJson(request);
    } catch (error) {
      refused('malformed');
      throw error;
    }
    const reports = readWhatsAppStatuses(body);
    if (!reports) {
      refused('not_a_whatsapp_webhook');
      throw new AppError('VALIDATION', 'error.bad_json');
    }
    let matched = 0;
    for (const report of reports) if (await applyDeliveryReport(surveys.db, surveys.writer, report)) matched += 1;
    // a patient who answers "stop" (إيقاف) gets no more surveys (PDPL art. 25; the CST's stop-within-24-hours rule)
    const stops = readWhatsAppStopReplies(body);
    let optedOut = 0;
    for (const stop of stops) optedOut += await optOutByReply(surveys.db, surveys.writer, stop);
    log('whatsapp.statuses', { reports: reports.length, matched, stopReplies: stops.length, optedOut });
    return { received: reports.length, matched, stopReplies: stops.length };
  });

  // ---- Unifonic's delivery receipts ----
  // Unifonic signs nothing: the address's last part is a secret derived from hub.key, shown to the
  // administrator to paste into the Unifonic account. A wrong one is counted like a failed sign-in.

  app.register(async (scope) => {
    // a form, as well as the JSON every route takes (as bytes: read here)
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit: RECEIPT_BODY_LIMIT }, (_request, raw, done) =>
      done(null, raw),
    );
    /**
     * A provider's post to an address whose last part is a secret (the
     * provider signs nothing): a wrong one is refused like a failed sign-in,
     * a body that cannot be read is 400. Never the body in the log: it names
     * a patient's number.
     */
    const secretWebhook = <T>(
      route: string,
      secret: () => string,
      event: string,
      unreadable: string,
      read: (body: Record<string, unknown>) => T | null,
      take: (read: T) => Promise<Record<string, unknown>>,
    ) =>
      scope.post(`${route}/:secret`, { bodyLimit: RECEIPT_BODY_LIMIT }, async (request) => {
        const given = (request.params as { secret?: string }).secret ?? '';
        const refused = (reason: string) => log(`${event}_refused`, { reason, ip: request.ip });
        if (!sameText(given, secret())) {
          refused('bad_address');
          return options.refuse(request, given, new AppError('UNAUTHENTICATED', 'error.unauthenticated'));
        }
        const body = Buffer.isBuffer(request.body) ? readReceiptBody(request.body, request.headers['content-type']) : null;
        const taken = body === null ? null : read(body);
        if (taken === null) {
          refused(unreadable);
          throw new AppError('VALIDATION', 'error.bad_json');
        }
        return take(taken);
      });

    secretWebhook(
      '/webhooks/unifonic',
      () => surveys.unifonicReceiptPath,
      'unifonic.receipt',
      'not_a_receipt',
      (body) => readUnifonicReceipt(body, new Date()),
      async (report) => {
        const matched = await applyDeliveryReport(surveys.db, surveys.writer, report);
        log('unifonic.receipt', { status: report.status, matched });
        return { received: 1, matched: matched ? 1 : 0 };
      },
    );

    // ---- patients' SMS replies, forwarded by the gateway: "stop" opts out ----
    // Same secret-address scheme as the receipts; the reply's text and number are never logged.
    secretWebhook(
      '/webhooks/sms-replies',
      () => surveys.smsRepliesPath,
      'sms.reply',
      'not_a_reply',
      (body) => readSmsReplies(body, new Date()),
      async (replies) => {
        let optedOut = 0;
        let stops = 0;
        for (const reply of replies) {
          if (reply.kind !== 'stop') continue;
          stops += 1;
          optedOut += await optOutByReply(surveys.db, surveys.writer, reply.reply, 'sms');
        }
        log('sms.reply', { received: replies.length, stops, optedOut });
        return { received: replies.length, stops, optedOut };
      },
    );
  });

  // ---- administration: the group's providers ----

  app.get('/api/v1/admin/notification-providers', async (request) => {
    await options.admin(request);
    return {
      providers: await surveys.providers.list(),
      whatsAppWebhook: { url: `${surveys.publicUrl}/webhooks/whatsapp`, verifyToken: surveys.whatsAppVerifyToken },
      unifonicReceipts: { url: `${surveys.publicUrl}/webhooks/unifonic/${surveys.unifonicReceiptPath}` },
      smsReplies: { url: `${surveys.publicUrl}/webhooks/sms-replies/${surveys.smsRepliesPath}` },
    };
  });

  app.put('/api/v1/admin/notification-providers/:channel', async (request) => {
    await options.admin(request);
    const channel = channelParam((request.params as { channel?: string }).channel);
    return surveys.providers.set(channel, await readJson(request));
  });
}
