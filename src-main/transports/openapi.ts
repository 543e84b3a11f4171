import { z } from 'zod';
import { contract, type CallDefinition } from '../../src-shared/contract/index.js';
import { errorBodySchema } from '../../src-shared/errors.js';

/**
 * The console API as an OpenAPI 3.1 document, generated from the contract so
 * it cannot drift from what the dispatcher enforces. Served at
 * `GET /openapi.json` by the headless station.
 */
export function consoleOpenApi(version: string): Record<string, unknown> {
  const schema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' });
  const errorBody = schema(errorBodySchema, 'output');
  const paths: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(contract) as [string, CallDefinition][]) {
    const errors: Record<string, unknown> = {
      '400': { description: 'Invalid input; `fields` names each bad field in English and Arabic', content: { 'application/json': { schema: errorBody } } },
    };
    if (def.access !== 'public') {
      errors['401'] = { description: 'No session, or it expired', content: { 'application/json': { schema: errorBody } } };
    }
    if (def.access !== 'public' && def.access !== 'session') {
      const scope = def.groupWide ? 'from a caller whose scope is the whole group' : "within the caller's hospital/department scope";
      errors['403'] = { description: `Needs permission \`${def.access}\`, ${scope}`, content: { 'application/json': { schema: errorBody } } };
    }
    paths[`/rpc/${name}`] = {
      post: {
        operationId: name,
        summary: def.summary,
        tags: [name.split('.')[0]],
        security: def.access === 'public' ? [] : [{ session: [] }],
        'x-px360-kind': def.kind,
        'x-px360-access': def.access,
        ...(def.groupWide ? { 'x-px360-group-wide': true } : {}),
        requestBody: { required: true, content: { 'application/json': { schema: schema(def.input, 'input') } } },
        responses: { '200': { description: 'OK', content: { 'application/json': { schema: schema(def.output, 'output') } } }, ...errors },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'PX360 station console API',
      version,
      description: 'Every call the console makes. POST a JSON body to /rpc/<name> with `Authorization: Bearer <token>` from auth.login.',
    },
    components: { securitySchemes: { session: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
