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
} from '../../src-shared/hub-api.js';

type Auth = 'none' | 'station' | 'admin' | 'group';

interface Operation {
  method: 'get' | 'post';
  path: string;
  summary: string;
  auth: Auth;
  body?: z.ZodType;
  query?: Record<string, { type: string; description: string }>;
  ok: { status: number; schema: z.ZodType };
  errors: number[];
}

const pushBody = z.object({ messages: z.array(syncMessageSchema).max(5000) });

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
      ...(op.path.includes('{stationId}') ? [{ name: 'stationId', in: 'path', required: true, schema: { type: 'string' } }] : []),
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
  paths['/updates/{file}'] = {
    get: {
      summary: 'electron-updater generic feed: latest.yml and installers from <data-dir>/updates/',
      parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '200': { description: 'The file' }, '206': { description: 'A byte range' }, '404': { description: 'No such file' } },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'PX360 hub API', version, description: 'Station enrolment and sync (docs/sync-protocol.md), the group view, and administration.' },
    components: {
      securitySchemes: {
        stationToken: { type: 'http', scheme: 'bearer', description: 'Station token from /api/v1/stations/enrol' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'Hub administrator token (printed on first run)' },
      },
    },
    paths,
  };
}
