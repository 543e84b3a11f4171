import { z } from 'zod';
import { errorBodySchema } from '../../src-shared/errors.js';
import { complaintIntakeSchema, complaintStatusViewSchema } from '../../src-shared/complaints/intake.js';
import { EVENT_CODES, eventAcceptedSchema, hisEventSchema, MAX_BATCH_EVENTS } from '../../src-shared/his-events.js';
import { DEFAULT_HL7_MAPPINGS } from '../domains/integrations/mappings.js';

const EXAMPLE = {
  source_system: 'HIS',
  external_id: 'evt-000123',
  event_code: 'OPD_VISIT_COMPLETED',
  occurred_at: '2026-11-23T10:15:00+03:00',
  hospital_code: 'OLAYA',
  encounter: { id: 'ENC-991', type: 'OPD', department_code: 'CARD', physician_license: '12-RA-3456' },
  patient: {
    mrn: 'MRN-1001',
    national_id: '1012345672',
    name_en: 'Mohammed Al-Qahtani',
    name_ar: 'محمد القحطاني',
    phone: '+966551234567',
    language: 'ar',
    gender: 'M',
  },
  payload: {},
};

const COMPLAINT_EXAMPLE = {
  source_system: 'WEBSITE',
  external_id: 'web-2026-000457',
  hospital_code: 'OLAYA',
  channel: 'web',
  description: 'انتظرت ثلاث ساعات في عيادة القلب دون أن يخبرني أحد بسبب التأخير.',
  department_code: 'CARD',
  occurred_at: '2026-11-23T09:30:00+03:00',
  category: 'communication',
  patient: { mrn: 'MRN-1001', name_ar: 'سارة الحربي', phone: '+966551234567', language: 'ar' },
};

/** The listener's OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function listenerOpenApi(): Record<string, unknown> {
  const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  const error = { content: { 'application/json': { schema: json(errorBodySchema) } } };
  const errors = {
    '400': { description: 'Invalid JSON (or nested deeper than 64 levels) or fields; `fields` names each problem in English and Arabic', ...error },
    '401': { description: 'No or unknown token, a token of another source, or a bad HMAC signature', ...error },
    '403': { description: 'error.hospital_not_bound: the event names a hospital its source is not bound to; nothing is stored', ...error },
    '413': { description: 'Body over the size limit (1 MiB by default)', ...error },
    '415': { description: 'Not application/json', ...error },
    '429': {
      description: "Over the source's rate limit (events per minute), or too many failed authentications from this address (Retry-After: 60)",
      ...error,
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'PX360 station HIS listener',
      version: '1',
      description:
        "Events from the HIS, lab, radiology and pharmacy, and complaints from the hospital's website, app and 937 referrals. Durable before acknowledged; idempotent on (source_system, external_id).",
    },
    components: {
      securitySchemes: { source: { type: 'http', scheme: 'bearer', description: 'The token issued when the integration source was added' } },
    },
    security: [{ source: [] }],
    paths: {
      '/api/v1/events': {
        post: {
          summary: 'One event',
          parameters: [
            {
              name: 'X-PX360-Timestamp',
              in: 'header',
              required: false,
              schema: { type: 'string' },
              description: 'Unix seconds; required when the source signs',
            },
            {
              name: 'X-PX360-Signature',
              in: 'header',
              required: false,
              schema: { type: 'string' },
              description: 'sha256=<hex HMAC-SHA256 of "timestamp.body">',
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: json(hisEventSchema), example: EXAMPLE } } },
          responses: {
            '202': { description: 'Stored durably (or already had it)', content: { 'application/json': { schema: json(eventAcceptedSchema) } } },
            ...errors,
          },
        },
      },
      '/api/v1/events/batch': {
        post: {
          summary: `Up to ${MAX_BATCH_EVENTS} events; each is answered on its own (accepted, duplicate or rejected with field errors)`,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { type: 'object', properties: { events: { type: 'array', maxItems: MAX_BATCH_EVENTS, items: json(hisEventSchema) } } },
              },
            },
          },
          responses: { '202': { description: 'Per-item results, in order' }, ...errors },
        },
      },
      '/api/v1/complaints': {
        post: {
          summary:
            "A complaint, inquiry or compliment from the hospital's website, app or a 937 referral. Filed once per (source_system, external_id): the same post again answers its number with status duplicate. An MRN that matches no patient is kept as reported; a department code the hospital does not have is a field error.",
          requestBody: { required: true, content: { 'application/json': { schema: json(complaintIntakeSchema), example: COMPLAINT_EXAMPLE } } },
          responses: {
            '202': {
              description: 'Kept on disk (or already had it): the number to show the complainant',
              content: {
                'application/json': {
                  schema: json(z.object({ number: z.string(), status: z.enum(['accepted', 'duplicate']) })),
                  example: { number: 'CMP-OLAYA-K7Q2-000457', status: 'accepted' },
                },
              },
            },
            ...errors,
          },
        },
      },
      '/api/v1/complaints/{number}': {
        get: {
          summary:
            'Status, dates and the notes written for the complainant of a complaint this source filed (never internal notes, never another source’s complaint: those are 404)',
          parameters: [{ name: 'number', in: 'path', required: true, schema: { type: 'string' }, example: 'CMP-OLAYA-K7Q2-000457' }],
          responses: {
            '200': {
              description: 'The complaint as its complainant may know it',
              content: { 'application/json': { schema: json(complaintStatusViewSchema) } },
            },
            '404': { description: 'No complaint of this source has that number', ...error },
            '401': errors['401'],
            '429': errors['429'],
          },
        },
      },
      '/health': {
        get: {
          security: [{}, { source: [] }],
          summary:
            'Up, and warnings; from this computer or with a source token also the database, queue depth, last sync, version, background jobs and domain-event subscribers (the same document as the console port)',
          responses: { '200': { description: 'OK' }, '401': { description: 'A token that is not an enabled source’s', ...error } },
        },
      },
    },
  };
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A page an integrator can read without tools: what to send, how to sign it, what comes back. */
export function listenerApiPage(): string {
  const codes = EVENT_CODES.map((c) => `<code>${c}</code>`).join(', ');
  const hl7 = Object.entries(DEFAULT_HL7_MAPPINGS)
    .map(([k, v]) => `<tr><td><code>${k}</code></td><td><code>${v}</code></td></tr>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>PX360 HIS listener</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:880px;margin:2rem auto;padding:0 1rem;color:#1a1a1a}pre{background:#f4f6f8;padding:1rem;overflow:auto}code{background:#f4f6f8;padding:0 .2rem}table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:.3rem .6rem;text-align:start}</style></head><body>
<h1>PX360 station — HIS listener</h1>
<p>Send visit, admission, discharge and result events here. The machine-readable description is <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
<h2>Send one event</h2>
<pre>curl -X POST http://127.0.0.1:8088/api/v1/events \\
  -H "Authorization: Bearer $PX360_TOKEN" -H "Content-Type: application/json" \\
  -d '${escape(JSON.stringify(EXAMPLE))}'</pre>
<p>Answer <code>202 {"id": "…", "status": "accepted"}</code> once the event is on disk; sending the same <code>(source_system, external_id)</code> again answers <code>"duplicate"</code> — retry freely. Up to ${MAX_BATCH_EVENTS} events go to <code>/api/v1/events/batch</code> as <code>{"events": [...]}</code>, each answered on its own.</p>
<h2>Credentials</h2>
<p>Each source (HIS, LAB, RAD, PHARM…) has its own bearer token, shown once when the source is added (<code>npm run station -- integration add --name … --source-system HIS --hospital OLAYA</code>, or Administration → Integrations). A source sends only for the hospitals it is bound to: an event naming another <code>hospital_code</code> is refused with 403 and stored nowhere. A source created with signing must also send <code>X-PX360-Timestamp</code> (Unix seconds, within 5 minutes) and <code>X-PX360-Signature: sha256=&lt;hex HMAC-SHA256 of "timestamp.body"&gt;</code>.</p>
<h2>Errors</h2>
<p>400 (bad JSON, JSON nested deeper than 64 levels, or fields, each named in English and Arabic), 401 (no/unknown token, another source's token, bad signature), 403 (a hospital the source is not bound to), 413 (over 1 MiB), 415 (not JSON), 429 (over the source's rate limit, or too many bad tokens from one address; <code>Retry-After</code> says when to try again). Bodies are <code>{"error": {"code", "key", "message": {"en", "ar"}, "fields"?}}</code>. A request must arrive whole within 60 seconds.</p>
<p>An event that names a department, physician or code the station does not know yet is still accepted; its processing waits, visibly, in the event monitor and is retried when the reference data exists.</p>
<h2>Complaints from the website, the app and 937</h2>
<p>The hospital's website or app, or the system that receives MoH 937 referrals, is added as a source like a HIS (its own token, its hospitals). It files a complaint, inquiry or compliment:</p>
<pre>curl -X POST http://127.0.0.1:8088/api/v1/complaints \\
  -H "Authorization: Bearer $PX360_TOKEN" -H "Content-Type: application/json" \\
  -d '${escape(JSON.stringify(COMPLAINT_EXAMPLE))}'</pre>
<p>Answer <code>202 {"number": "CMP-OLAYA-K7Q2-000457", "status": "accepted"}</code> once it is on disk: show the number to the complainant. The same <code>(source_system, external_id)</code> again answers the same number with <code>"duplicate"</code> — retry freely. Required: <code>source_system</code>, <code>external_id</code>, <code>hospital_code</code>, <code>channel</code> (web, app, moh_937, email, phone, social, walk_in), <code>description</code>; optional: <code>type</code> (complaint, inquiry, compliment), <code>language</code>, <code>department_code</code>, <code>occurred_at</code>, <code>category</code> (an HCAT category: quality, safety, environment, institutional_processes, listening, communication, respect_and_patient_rights), <code>patient</code> {<code>mrn</code>, <code>name_ar</code>, <code>name_en</code>, <code>phone</code>, <code>email</code>, <code>language</code>}. Unknown fields are refused, each problem named in English and Arabic.</p>
<p><code>GET /api/v1/complaints/{number}</code> answers the status, the dates and the notes the PX office wrote for the complainant, for a complaint this source filed; any other number is 404.</p>
<h2>Event codes</h2><p>${codes}. A source's own codes can be mapped onto these in the console.</p>
<h2>HL7 v2 over MLLP</h2>
<p>TCP port 2575: ADT A01, A02, A03, A04, A08, A11, A13 and ORU^R01, one ACK per message (AA once durable, AE with an ERR segment, AR for garbage). MSH-3 names the source, which must list the address the connection comes from (and, when it pins one, the TLS client certificate it presents), and the message must be for a hospital the source is bound to; otherwise the answer is AR, with the reason's key in ERR-5 and the reason in English and Arabic in ERR-8. A connection that sends nothing accepted within 30 seconds is closed. Default trigger mappings (the part after the colon is the journey type from PV1-2):</p>
<table><tr><th>trigger</th><th>event code</th></tr>${hl7}</table>
</body></html>`;
}
