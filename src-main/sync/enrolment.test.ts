import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainHarness, expectFieldError } from '../../test/harness/domain-harness.js';
import { isPlainHttpBeyondThisMachine } from './service.js';

describe('a plain-HTTP hub beyond this machine', () => {
  it.each([
    ['http://10.1.2.3:8090', true],
    ['http://hub.hospital.local', true],
    ['http://127.0.0.1:8090', false],
    ['http://localhost:8090', false],
    ['http://[::1]:8090', false],
    ['https://10.1.2.3:8443', false],
  ])('%s → %s', (url, insecure) => {
    expect(isPlainHttpBeyondThisMachine(url)).toBe(insecure);
  });

  let h: DomainHarness;
  beforeAll(async () => {
    h = await DomainHarness.open();
  });
  afterAll(() => h.close());

  it('is refused at enrolment from the console, with why in both languages, before anything is sent', async () => {
    const failure = await h.failure(h.as('px_admin'), 'sync.enrol', { hubUrl: 'http://10.1.2.3:8090', code: 'ABCD-EFGH-JKMN-PQRS' });
    expectFieldError(failure, 'hubUrl', 'sync.insecure_hub');
    expect(failure.fields[0]?.message.ar).toContain('HTTP');
    expect(h.core.sync.state.enrolment()).toBeNull();
  });
});
