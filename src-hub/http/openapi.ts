import { z } from 'zod';
import { errorBodySchema } from '../../src-shared/errors.js';
import {
  createHospitalSchema,
  enrolRequestSchema,
  enrolResponseSchema,
  enrolmentCodeRequestSchema,
  enrolmentCodeSchema,
  groupSummarySchema,
  healthSchema,
  hospitalSchema,
  pullResponseSchema,
  snapshotResponseSchema,
  pushResponseSchema,
  stationSchema,
  syncMessageSchema,
  purgeRequestSchema,
  auditCheckpointSchema,
  auditAnchorResponseSchema,
  purgeResultSchema,
  fileAnswerSchema,
} from '../../src-shared/hub-api.js';
import { notificationProviderSchema } from '../../src-shared/contract/surveys.js';

type Auth = 'none' | 'station' | 'admin' | 'group';

interface Operation {
  method: 'get' | 'post' | 'put';
  path: string;
  summary: string;
  auth: Auth;
  body?: z.ZodType;
  query?: Record<string, { type: string; description: string }>;
  ok: { status: number; schema: z.ZodType };
  errors: number[];
}

const pushBody = z.object({ messages: z.array(syncMessageSchema).max(5000) });
const providersAnswer = z.object({
  providers: z.array(notificationProviderSchema),
  /** what to enter in Meta's app dashboard for the WhatsApp status webhook */
  whatsAppWebhook: z.object({ url: z.string(), verifyToken: z.string() }),
  /** where Unifonic posts its delivery receipts */
  unifonicReceipts: z.object({ url: z.string() }),
  /** where the SMS gateway forwards patients' replies */
  smsReplies: z.object({ url: z.string() }),
});
/** A provider's settings as sent: its kind and that kind's fields (src-shared/notifications/senders/settings.ts); a secret left blank keeps the stored one. */
const providerSettingsBody = z.looseObject({ kind: z.enum(['console', 'smtp', 'unifonic', 'webhook', 'whatsapp']) });

/** The secret last part of a webhook's address that a provider signing nothing posts to. */
const SECRET_PATH = { name: 'secret', in: 'path', required: true, schema: { type: 'string' } };
/** A provider's post: a form or JSON, read by field names in any case. */
const FORM_OR_JSON = {
  required: true,
  content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } }, 'application/json': { schema: { type: 'object' } } },
};

const OPERATIONS: Operation[] = [
  { method: 'get', path: '/health', summary: 'Hub and database status', auth: 'none', ok: { status: 200, schema: healthSchema }, errors: [503] },
  {
    method: 'post',
    path: '/api/v1/stations/enrol',
    summary:
      'Trade a one-time enrolment code for a station token (shown once). A station id already enrolled and not revoked enrols again only with its current station token as Bearer; otherwise 409, and the code is not spent.',
    auth: 'none',
    body: enrolRequestSchema,
    ok: { status: 201, schema: enrolResponseSchema },
    errors: [400, 401, 409],
  },
  {
    method: 'post',
    path: '/api/v1/sync/push',
    summary: 'Send messages (JSON, optionally Content-Encoding: gzip; at most 5,000 messages, 8 MiB inflated). All or nothing per batch.',
    auth: 'station',
    body: pushBody,
    ok: { status: 200, schema: pushResponseSchema },
    errors: [400, 401, 413, 415],
  },
  {
    method: 'get',
    path: '/api/v1/sync/pull',
    summary: "Messages from other stations in the caller's scope after a cursor, in order",
    auth: 'station',
    query: {
      after: { type: 'integer', description: 'the `next` of the previous pull; 0 at first' },
      limit: { type: 'integer', description: '1–5000, default 1000' },
    },
    ok: { status: 200, schema: pullResponseSchema },
    errors: [400, 401],
  },
  {
    method: 'get',
    path: '/api/v1/sync/snapshot',
    summary: "A new station's catch-up: the current records in the caller's scope, a page at a time; then pull from `upTo`",
    auth: 'station',
    query: {
      table: { type: 'string', description: 'the `next.table` of the previous page; absent at first' },
      after: { type: 'string', description: 'the `next.after` of the previous page; absent at first' },
      limit: { type: 'integer', description: '1–5000 records, default 5000' },
    },
    ok: { status: 200, schema: snapshotResponseSchema },
    errors: [400, 401],
  },
  {
    method: 'post',
    path: '/api/v1/audit/anchor',
    summary:
      "Anchor the station's audit chain: its newest entry's seq and keyed mac, signed with the station's Ed25519 key. 409 when it goes backwards, rewrites the anchored entry or changes key",
    auth: 'station',
    body: auditCheckpointSchema,
    ok: { status: 200, schema: auditAnchorResponseSchema },
    errors: [400, 401, 409],
  },
  {
    method: 'get',
    path: '/api/v1/audit/anchor',
    summary: "The hub's last checkpoint of this station's audit chain",
    auth: 'station',
    ok: { status: 200, schema: auditAnchorResponseSchema },
    errors: [401],
  },
  {
    method: 'get',
    path: '/api/v1/group/summary',
    summary: 'Non-deleted records per hospital and table',
    auth: 'group',
    ok: { status: 200, schema: groupSummarySchema },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/api/v1/admin/hospitals',
    summary: 'Hospitals on the hub',
    auth: 'admin',
    ok: { status: 200, schema: z.object({ hospitals: z.array(hospitalSchema) }) },
    errors: [401],
  },
  {
    method: 'post',
    path: '/api/v1/admin/hospitals',
    summary: 'Create a hospital',
    auth: 'admin',
    body: createHospitalSchema,
    ok: { status: 201, schema: hospitalSchema },
    errors: [400, 401],
  },
  {
    method: 'post',
    path: '/api/v1/admin/enrolment-codes',
    summary: 'A one-time enrolment code for a hospital station or a group station (expires in 24 h)',
    auth: 'admin',
    body: enrolmentCodeRequestSchema,
    ok: { status: 201, schema: enrolmentCodeSchema },
    errors: [400, 401, 404],
  },
  {
    method: 'get',
    path: '/api/v1/admin/stations',
    summary: 'Enrolled stations',
    auth: 'admin',
    ok: { status: 200, schema: z.object({ stations: z.array(stationSchema) }) },
    errors: [401],
  },
  {
    method: 'post',
    path: '/api/v1/admin/stations/{stationId}/revoke',
    summary: 'Revoke a station token',
    auth: 'admin',
    ok: { status: 200, schema: stationSchema },
    errors: [401, 404],
  },
  {
    method: 'post',
    path: '/api/v1/admin/messages/purge',
    summary:
      'Remove a poisoned message (one station and stamp), or every message stamped too far ahead of the hub clock; its cells fall back to the newest message left',
    auth: 'admin',
    body: purgeRequestSchema,
    ok: { status: 200, schema: purgeResultSchema },
    errors: [400, 401],
  },
  {
    method: 'get',
    path: '/api/v1/admin/notification-providers',
    summary:
      "How the hub sends each channel (sms, whatsapp, email) for the group: each secret shown only as set or not; the console provider (a JSON line a message in <data-dir>/logs/notifications.jsonl) until one is set. With the WhatsApp webhook's address and verify token for Meta's dashboard.",
    auth: 'admin',
    ok: { status: 200, schema: providersAnswer },
    errors: [401],
  },
  {
    method: 'put',
    path: '/api/v1/admin/notification-providers/{channel}',
    summary:
      "Set a channel's provider. A secret left blank (or sent back as its {set: true} marker) keeps the stored one while the provider points at the same server. Stored sealed; never synced, never logged.",
    auth: 'admin',
    body: providerSettingsBody,
    ok: { status: 200, schema: notificationProviderSchema },
    errors: [400, 401, 404],
  },
];

const SECURITY: Record<Auth, unknown[]> = {
  none: [],
  station: [{ stationToken: [] }],
  admin: [{ adminToken: [] }],
  group: [{ adminToken: [] }, { stationToken: [] }],
};

/** The hub API as OpenAPI 3.1, generated from the same zod schemas the routes parse with. */
export function hubOpenApi(version: string): Record<string, unknown> {
  const schema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' });
  const errorBody = schema(errorBodySchema, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const responses: Record<string, unknown> = {
      [String(op.ok.status)]: { description: 'OK', content: { 'application/json': { schema: schema(op.ok.schema, 'output') } } },
    };
    for (const status of op.errors)
      responses[String(status)] = { description: 'Error (bilingual body)', content: { 'application/json': { schema: errorBody } } };
    const parameters = [
      ...Object.entries(op.query ?? {}).map(([name, q]) => ({ name, in: 'query', required: false, description: q.description, schema: { type: q.type } })),
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
    ];
    paths[op.path] = {
      ...paths[op.path],
      [op.method]: {
        summary: op.summary,
        security: SECURITY[op.auth],
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(op.body, 'input') } } } } : {}),
        responses,
      },
    };
  }
  Object.assign(paths, surveyPaths());
  const sha256 = {
    name: 'sha256',
    in: 'path',
    required: true,
    description: 'SHA-256 of the content, 64 lower-case hex digits',
    schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  };
  const bytes = { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } };
  const bilingual = (description: string) => ({ description, content: { 'application/json': { schema: errorBody } } });
  paths['/api/v1/files/{sha256}'] = {
    put: {
      summary:
        "An attachment's content (docs/attachments.md), at most 10 MB, sent after its row was pushed. Taken only for a live attachment of the station's scope that names this hash with this size, when the bytes hash to it and read as the row's type.",
      security: SECURITY.station,
      parameters: [sha256],
      requestBody: { required: true, content: bytes },
      responses: {
        '201': { description: 'Stored', content: { 'application/json': { schema: schema(fileAnswerSchema, 'output') } } },
        '200': { description: 'Held already', content: { 'application/json': { schema: schema(fileAnswerSchema, 'output') } } },
        '400': bilingual('The bytes do not match the hash, the size or the type'),
        '401': bilingual('Not a station token'),
        '404': bilingual("No live attachment of the station's scope names this content"),
        '413': bilingual('Over 10 MB'),
      },
    },
    get: {
      summary: "An attachment's content, for a station of the scope of a live attachment that names it",
      security: SECURITY.station,
      parameters: [sha256],
      responses: {
        '200': { description: 'The bytes', content: bytes },
        '401': bilingual('Not a station token'),
        '404': bilingual('Not here, or not for this station'),
      },
    },
  };
  paths['/updates/{file}'] = {
    get: {
      summary: 'electron-updater generic feed: latest.yml and installers from <data-dir>/updates/',
      parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '200': { description: 'The file' }, '206': { description: 'A byte range' }, '404': { description: 'No such file' } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'PX360 hub API',
      version,
      description:
        "Station enrolment and sync (docs/sync-protocol.md), the group view, administration, and the surveys' public side: the form patients open and the providers' webhooks (docs/hub-surveys.md).",
    },
    components: {
      securitySchemes: {
        stationToken: { type: 'http', scheme: 'bearer', description: 'Station token from /api/v1/stations/enrol' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'Hub administrator token (printed on first run)' },
      },
    },
    paths,
  };
}

/** The survey form (HTML, for patients' browsers) and the WhatsApp webhook (Meta's shapes): not JSON APIs of ours, described by hand. */
function surveyPaths(): Record<string, Record<string, unknown>> {
  const token = { name: 'token', in: 'path', required: true, description: 'the 22-character token of a survey link', schema: { type: 'string' } };
  const lang = { name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['ar', 'en'] } };
  const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
  const form = { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', additionalProperties: true } } } };
  return {
    '/s/{token}': {
      get: {
        summary:
          'The survey a link names, at the page the patient reached, in Arabic or English. No sign-in. An unknown or tampered token shows the same page (404); a finished one says so; an expired or withdrawn one explains (410).',
        security: [],
        parameters: [token, lang],
        responses: { '200': html('The page'), '404': html('Not a link of ours'), '410': html('Expired or withdrawn') },
      },
      post: {
        summary:
          'A page of answers (the form posts itself, at most 64 KB): saved, then the next page, or the thank-you page once finished. Finished once: the second finish reads "already answered". Posts are limited per address (429).',
        security: [],
        parameters: [token],
        requestBody: form,
        responses: {
          '200': html('The next page, the thank-you page or "already answered"'),
          '400': html('Not a post of this form (nothing stored)'),
          '404': html('Not a link of ours'),
          '413': html('Over 64 KB'),
          '422': html('The page again, with the answers it needs'),
          '429': html('Too many posts from this address'),
        },
      },
    },
    '/s/{token}/opt-out': {
      get: {
        summary: 'Asks before opting out (a link scanner opts nobody out)',
        security: [],
        parameters: [token, lang],
        responses: { '200': html('The question') },
      },
      post: {
        summary: 'Confirmed (confirm=yes, or RFC 8058 List-Unsubscribe=One-Click): no more surveys to this patient by any channel',
        security: [],
        parameters: [token],
        requestBody: form,
        responses: { '200': html('Recorded'), '400': html('Not confirmed'), '404': html('Not a link of ours') },
      },
    },
    '/webhooks/unifonic/{secret}': {
      post: {
        summary:
          "Unifonic SMS delivery receipts (MessageID, DLR: Delivered or Undeliverable), as a form or JSON. Unifonic signs nothing: the address's last part is a secret of the hub (GET /api/v1/admin/notification-providers, unifonicReceipts.url); a wrong one is refused (401) and counted like a failed sign-in. Merged into the message's status: a message only moves forward.",
        security: [],
        parameters: [SECRET_PATH],
        requestBody: FORM_OR_JSON,
        responses: {
          '200': { description: 'Taken', content: { 'application/json': { schema: z.toJSONSchema(z.object({ received: z.number(), matched: z.number() })) } } },
          '400': { description: 'Not a delivery receipt' },
          '401': { description: 'Wrong address' },
        },
      },
    },
    '/webhooks/sms-replies/{secret}': {
      post: {
        summary:
          "Patients' SMS replies to the group's sender number, as the SMS gateway forwards them (a form or JSON): the sender as from, msisdn, sender or originator (9665…, +9665…, 009665… or 05…), the text as text, body, message or content; replies wrapped in results: [ … ] (up to 100, an unreadable one left out and the others taken) are read too. A reply that says stop (STOP, إيقاف, إلغاء…) opts out every patient the hub invited at that number (source sms_reply) and queues one SMS confirming it; any other reply is dropped unread. The address's last part is a secret of the hub (GET /api/v1/admin/notification-providers, smsReplies.url); a wrong one is refused (401) and counted like a failed sign-in. Neither the number nor the text is logged.",
        security: [],
        parameters: [SECRET_PATH],
        requestBody: FORM_OR_JSON,
        responses: {
          '200': {
            description: 'Taken',
            content: { 'application/json': { schema: z.toJSONSchema(z.object({ received: z.number(), stops: z.number(), optedOut: z.number() })) } },
          },
          '400': { description: 'Not an SMS reply (no sender number or no text)' },
          '401': { description: 'Wrong address' },
        },
      },
    },
    '/webhooks/whatsapp': {
      get: {
        summary:
          "Meta's subscription check: echoes hub.challenge when hub.mode=subscribe and hub.verify_token is the hub's (GET /api/v1/admin/notification-providers)",
        security: [],
        parameters: ['hub.mode', 'hub.verify_token', 'hub.challenge'].map((name) => ({ name, in: 'query', required: true, schema: { type: 'string' } })),
        responses: { '200': { description: 'The challenge, as text' }, '403': { description: 'Wrong verify token' } },
      },
      post: {
        summary:
          "WhatsApp Cloud API status reports (sent, delivered, read, failed), signed with the app secret (X-Hub-Signature-256). Merged into the message's status: a message only moves forward. A patient's reply that says stop (STOP, إيقاف, إلغاء…) opts out every patient the hub invited at that number. A bad signature is refused (401) and logged without the body.",
        security: [],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
        responses: {
          '200': {
            description: 'Taken',
            content: { 'application/json': { schema: z.toJSONSchema(z.object({ received: z.number(), matched: z.number(), stopReplies: z.number() })) } },
          },
          '400': { description: 'Not a WhatsApp webhook' },
          '401': { description: 'Bad signature' },
          '404': { description: 'No WhatsApp provider is set' },
        },
      },
    },
  };
}
