import { describe, expect, it } from 'vitest';
import { routeFor } from './routes.js';

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
