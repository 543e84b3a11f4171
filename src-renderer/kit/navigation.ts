import type { MessageKey } from '../../src-shared/messages.js';
import type { Permission, ScopeKind } from '../../src-shared/roles.js';
import { COMMON_NAMESPACE, type Area, type AreaPage } from './area.js';

/** A page with the area it belongs to: its label is a key of that area's texts. */
export interface Page extends AreaPage {
  area: string;
}

/**
 * The areas as the console runs them, or an error naming both sides of a
 * clash: two areas with one id (one namespace), two pages with one key or
 * one path, a page under a parent that does not exist, no home page. Run
 * once at start, so a new area that collides with another fails at once.
 */
export function checkAreas<const A extends readonly Area[]>(areas: A): A {
  const ids = new Map<string, number>();
  areas.forEach((area, index) => {
    if (area.id === COMMON_NAMESPACE)
      throw new Error(`Console areas: area ${index + 1} of the list has the id "${area.id}", the namespace of the shared texts`);
    const taken = ids.get(area.id);
    if (taken !== undefined) {
      throw new Error(`Console areas: the id "${area.id}" (also its text namespace) is used by area ${taken + 1} and area ${index + 1} of the list`);
    }
    ids.set(area.id, index);
  });

  const pages = pagesOf(areas);
  const name = (page: Page) => `page "${page.key}" of area "${page.area}"`;
  const keys = new Map<string, Page>();
  const paths = new Map<string, Page>();
  for (const page of pages) {
    const sameKey = keys.get(page.key);
    if (sameKey) throw new Error(`Console areas: the page key "${page.key}" is used by ${name(sameKey)} and ${name(page)}`);
    keys.set(page.key, page);
    const samePath = paths.get(page.path);
    if (samePath) throw new Error(`Console areas: the path "${page.path}" is used by ${name(samePath)} and ${name(page)}`);
    paths.set(page.path, page);
    if (!/^\/([\w-]+(\/[\w-]+)*)?$/.test(page.path)) {
      throw new Error(`Console areas: the path "${page.path}" of ${name(page)} is not of the form /word/word`);
    }
  }
  for (const page of pages) {
    if (page.parent !== undefined && !keys.has(page.parent)) {
      throw new Error(`Console areas: ${name(page)} sits under "${page.parent}", which no area has`);
    }
  }
  if (!paths.has('/')) throw new Error('Console areas: no area has the home page, the path "/"');
  return areas;
}

/** Every page of every area, in the order of the list of areas. */
export function pagesOf(areas: readonly Area[]): Page[] {
  return areas.flatMap((area) => area.pages.map((page) => ({ ...page, area: area.id })));
}

/** Why a signed-in user is not offered a page, or null when they are (a convenience: the station enforces). */
export function refusalFor(
  page: Pick<AreaPage, 'permission' | 'groupWide'>,
  can: (permission: Permission) => boolean,
  scope: ScopeKind,
): Extract<MessageKey, 'error.forbidden' | 'error.group_only'> | null {
  if (page.permission && !can(page.permission)) return 'error.forbidden';
  if (page.groupWide && scope !== 'group') return 'error.group_only';
  return null;
}

export interface Route {
  page: Page;
  /** path segments below the page's own path: `/journeys/<id>` → [id] */
  rest: string[];
  /** `?event=…` after the path */
  params: URLSearchParams;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a hand-typed stray % is shown as typed
  }
}

/** The page a hash path shows: the one with the longest matching path, and what follows it; the home page for anything else. */
export function routeFor(pages: readonly Page[], path: string): Route {
  const [pathname = '/', search = ''] = path.split('?', 2);
  const within = (page: Page) => page.path !== '/' && (pathname === page.path || pathname.startsWith(`${page.path}/`));
  const page = pages.filter(within).sort((a, b) => b.path.length - a.path.length)[0];
  if (!page) return { page: homePage(pages), rest: [], params: new URLSearchParams(search) };
  const rest = pathname.slice(page.path.length).split('/').filter(Boolean).map(decodeSegment);
  return { page, rest, params: new URLSearchParams(search) };
}

function homePage(pages: readonly Page[]): Page {
  const home = pages.find((page) => page.path === '/');
  if (!home) throw new Error('Console areas: no area has the home page, the path "/"');
  return home;
}
