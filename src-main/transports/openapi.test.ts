import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../src-shared/contract/index.js';
import { consoleOpenApi } from './openapi.js';

describe('console OpenAPI document', () => {
  it('documents every contract call with its access rule', () => {
    const doc = consoleOpenApi('test') as {
      paths: Record<string, { post: { operationId: string; 'x-px360-access': string; responses: Record<string, unknown> } }>;
    };
    expect(Object.keys(doc.paths).sort()).toEqual(CALL_NAMES.map((n) => `/rpc/${n}`).sort());
    const create = doc.paths['/rpc/patients.create']!.post;
    expect(create['x-px360-access']).toBe('patients.write');
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
    expect(Object.keys(doc.paths['/rpc/auth.login']!.post.responses)).not.toContain('401');
    expect(doc.paths['/rpc/group.overview']!.post).toMatchObject({ 'x-px360-access': 'analytics.read', 'x-px360-group-wide': true });
    expect(doc.paths['/rpc/patients.create']!.post).not.toHaveProperty('x-px360-group-wide');
  });
});
