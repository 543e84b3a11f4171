import { describe, expect, it } from 'vitest';
import type { Permission, ScopeKind } from '../../src-shared/roles.js';
import { NAV_ITEMS, refusalFor, routeFor } from './routes.js';

describe('routeFor', () => {
  it.each([
    ['/', 'dashboard', []],
    ['/journeys', 'journeys', []],
    ['/journeys/0192f3a0-0000-7000-8000-000000000001', 'journeys', ['0192f3a0-0000-7000-8000-000000000001']],
    ['/journeys/templates', 'journeyTemplates', []],
    ['/journeys/templates/abc', 'journeyTemplates', ['abc']],
    ['/journeys/events', 'events', []],
    ['/admin/integrations/HIS%20A', 'integrations', ['HIS A']],
    ['/admin/users', 'users', []],
    ['/group', 'groupOverview', []],
    ['/admin/usersX', 'dashboard', []], // a prefix of a word is not a sub-path
    ['/nowhere', 'dashboard', []],
  ])('%s shows %s', (path, key, rest) => {
    const route = routeFor(path);
    expect(route.item.key).toBe(key);
    expect(route.rest).toEqual(rest);
  });

  it('reads the query after the path', () => {
    const route = routeFor('/journeys/events?event=abc&q=ENC-1');
    expect(route.item.key).toBe('events');
    expect(route.params.get('event')).toBe('abc');
    expect(route.params.get('q')).toBe('ENC-1');
  });

  it('keeps a malformed escape as typed', () => {
    expect(routeFor('/journeys/50%').rest).toEqual(['50%']);
  });
});

describe('refusalFor', () => {
  const item = (key: string) => NAV_ITEMS.find((i) => i.key === key)!;
  const holding =
    (...held: Permission[]) =>
    (permission: Permission) =>
      held.includes(permission);
  it.each<[string, Permission[], ScopeKind, string | null]>([
    ['groupOverview', ['analytics.read'], 'group', null],
    ['groupOverview', ['analytics.read'], 'hospital', 'error.group_only'],
    ['groupOverview', ['analytics.read'], 'department', 'error.group_only'],
    ['groupOverview', [], 'group', 'error.forbidden'],
    ['patients', ['patients.read'], 'hospital', null],
    ['patients', [], 'group', 'error.forbidden'],
    ['dashboard', [], 'department', null],
  ])('%s with %j in %s scope: %s', (key, held, scope, refusal) => {
    expect(refusalFor(item(key), holding(...held), scope)).toBe(refusal);
  });
});
