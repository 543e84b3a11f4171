import { IconPoint } from '@tabler/icons-react';
import { describe, expect, it } from 'vitest';
import type { Permission, ScopeKind } from '../../src-shared/roles.js';
import { PAGES } from '../areas.js';
import type { Area, AreaPage } from './area.js';
import { checkAreas, pagesOf, refusalFor, routeFor } from './navigation.js';

const page = (key: string, path: string, more: Partial<AreaPage> = {}): AreaPage => ({
  key,
  label: `${key}.nav`,
  path,
  icon: IconPoint,
  section: 'work',
  ...more,
});
const area = (id: string, ...pages: AreaPage[]): Area => ({ id, texts: { en: {}, ar: {} }, pages });
const home = area('home', page('home', '/'));

describe('checkAreas', () => {
  it('accepts areas that share nothing, and keeps their order', () => {
    const areas = [home, area('wards', page('wards', '/wards'), page('beds', '/wards/beds', { parent: 'wards' })), area('audit', page('audit', '/audit'))];
    expect(checkAreas(areas)).toBe(areas);
    expect(pagesOf(areas).map((p) => `${p.area}/${p.key}`)).toEqual(['home/home', 'wards/wards', 'wards/beds', 'audit/audit']);
  });

  it.each<[string, Area[], string]>([
    [
      'two areas with one id',
      [home, area('wards', page('wards', '/wards')), area('wards', page('beds', '/beds'))],
      'the id "wards" (also its text namespace) is used by area 2 and area 3',
    ],
    ['an area named like the shared texts', [home, area('common', page('common', '/common'))], 'area 2 of the list has the id "common"'],
    [
      'two pages with one key',
      [home, area('wards', page('wards', '/wards')), area('beds', page('wards', '/beds'))],
      'the page key "wards" is used by page "wards" of area "wards" and page "wards" of area "beds"',
    ],
    [
      'two pages with one path',
      [home, area('wards', page('wards', '/wards')), area('beds', page('beds', '/wards'))],
      'the path "/wards" is used by page "wards" of area "wards" and page "beds" of area "beds"',
    ],
    [
      'a path with a trailing slash',
      [home, area('wards', page('wards', '/wards/'))],
      'the path "/wards/" of page "wards" of area "wards" is not of the form /word/word',
    ],
    ['a path without its slash', [home, area('wards', page('wards', 'wards'))], 'the path "wards" of page "wards" of area "wards" is not of the form'],
    [
      'a parent nobody has',
      [home, area('wards', page('beds', '/beds', { parent: 'wards' }))],
      'page "beds" of area "wards" sits under "wards", which no area has',
    ],
    ['no home page', [area('wards', page('wards', '/wards'))], 'no area has the home page'],
  ])('refuses %s, naming both sides', (_, areas, message) => {
    expect(() => checkAreas(areas)).toThrow(message);
  });
});

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
    ['/complaints', 'complaints', []],
    ['/admin/usersX', 'dashboard', []], // a prefix of a word is not a sub-path
    ['/nowhere', 'dashboard', []],
  ])('%s shows %s', (path, key, rest) => {
    const route = routeFor(PAGES, path);
    expect(route.page.key).toBe(key);
    expect(route.rest).toEqual(rest);
  });

  it('reads the query after the path', () => {
    const route = routeFor(PAGES, '/journeys/events?event=abc&q=ENC-1');
    expect(route.page.key).toBe('events');
    expect(route.params.get('event')).toBe('abc');
    expect(route.params.get('q')).toBe('ENC-1');
  });

  it('keeps a malformed escape as typed', () => {
    expect(routeFor(PAGES, '/journeys/50%').rest).toEqual(['50%']);
  });
});

describe('refusalFor', () => {
  const pageOf = (key: string) => PAGES.find((p) => p.key === key)!;
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
    ['events', ['journeys.read'], 'group', 'error.forbidden'],
    ['dashboard', [], 'department', null],
  ])('%s with %j in %s scope: %s', (key, held, scope, refusal) => {
    expect(refusalFor(pageOf(key), holding(...held), scope)).toBe(refusal);
  });
});
