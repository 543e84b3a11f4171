import { describe, expect, it } from 'vitest';
import { CONTRACT_PARTS } from '../../src-shared/contract/index.js';
import { type CallDefinition } from '../../src-shared/contract/index.js';
import { composeDomains, CompositionError, type JobDefinition, type StationDomain } from './domain.js';

/** A domain per contract part, each call answered by a stub: the composition rules, without a station. */
function stubDomain(name: string, calls: Readonly<Record<string, CallDefinition>>, extra: Partial<StationDomain> = {}): StationDomain {
  const handlers = Object.fromEntries(Object.keys(calls).map((call) => [call, () => null]));
  return { name, calls, handlers: handlers as unknown as StationDomain['handlers'], services: {}, ...extra };
}

function wholeStation(): StationDomain[] {
  // and the domains that answer no call of their own (attachments: complaints and actions answer for their files)
  return [...Object.entries(CONTRACT_PARTS).map(([name, calls]) => stubDomain(name, calls)), stubDomain('attachments', {})];
}

const job = (name: string): JobDefinition => ({ name, label: { en: name, ar: name }, schedule: 'on-demand', run: () => undefined });
const label = { en: 'Surveys', ar: 'الاستبيانات' };

describe('composing the station from its domains', () => {
  it('answers every call of the contract once', () => {
    const composed = composeDomains(wholeStation());
    expect(Object.keys(composed.handlers).sort()).toEqual(Object.values(CONTRACT_PARTS).flatMap(Object.keys).sort());
  });

  const mistakes: [string, () => StationDomain[], RegExp][] = [
    ['a domain registered twice', () => [...wholeStation(), stubDomain('accounts', {})], /domain "accounts" is registered twice/],
    [
      'a call answered by two domains',
      () => [...wholeStation(), stubDomain('extra', { 'patients.get': CONTRACT_PARTS.organizations['patients.get'] })],
      /call "patients\.get" is answered by two domains: "organizations" and "extra"/,
    ],
    [
      'a call the contract does not declare',
      () => [...wholeStation(), stubDomain('extra', { 'complaints.list': CONTRACT_PARTS.organizations['patients.get'] })],
      /answers "complaints\.list", which the contract .* does not declare/,
    ],
    ['a call nobody answers', () => wholeStation().filter((d) => d.name !== 'audit'), /No domain answers the calls: audit\.list, audit\.verify/],
    [
      'a handler for a call the domain does not declare',
      () => wholeStation().map((d) => (d.name === 'audit' ? { ...d, handlers: { ...d.handlers, 'audit.extra': () => null } } : d)),
      /has a handler for "audit\.extra" but does not declare the call/,
    ],
    [
      'a job registered twice',
      () => wholeStation().map((d) => (d.name === 'sync' || d.name === 'integrations' ? { ...d, jobs: [job('sync')] } : d)),
      /job "sync" is registered by two domains: "integrations" and "sync"/,
    ],
    [
      'a subscriber registered twice',
      () =>
        wholeStation().map((d) =>
          d.name === 'journeys' || d.name === 'sync'
            ? { ...d, subscribers: [{ name: 'surveys.send', label, events: ['journey.stage_completed'], handle: () => undefined }] }
            : d,
        ),
      /subscriber "surveys\.send" is registered by two domains: "journeys" and "sync"/,
    ],
    [
      'a subscriber that reads no event',
      () =>
        wholeStation().map((d) => (d.name === 'journeys' ? { ...d, subscribers: [{ name: 'surveys.send', label, events: [], handle: () => undefined }] } : d)),
      /subscriber "surveys\.send" of the domain "journeys" reads no event type/,
    ],
    [
      'a table whose owning domain is not registered',
      () => [...wholeStation().filter((d) => d.name !== 'journeys'), stubDomain('journeys-elsewhere', CONTRACT_PARTS.journeys)],
      /table "journey_templates" belongs to the domain "journeys" .* which is not registered/,
    ],
  ];

  it.each(mistakes)('refuses %s, naming what and where', (_name, domains, message) => {
    expect(() => composeDomains(domains())).toThrow(CompositionError);
    expect(() => composeDomains(domains())).toThrow(message);
  });
});
