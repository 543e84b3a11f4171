import type { Icon } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { Permission } from '../../src-shared/roles.js';
import type { Me } from '../api/session.js';

/**
 * A console area is one folder under `src-renderer/areas/`: its screens, its
 * texts (an i18next namespace named after the area), its pages in the
 * navigation, and its pure logic beside its tests. It declares itself with
 * `defineArea` in its `area.tsx`; `src-renderer/areas.ts` lists the areas, and
 * the shell, the router and the texts are built from that list. Its screens
 * are fetched when one of its pages first opens (`lazyScreens`), so
 * `area.tsx` imports them only through `import()`.
 */

/** The namespace of the texts every area shares: the app shell, signing in, buttons, field labels. */
export const COMMON_NAMESPACE = 'common';

/** A tree of console texts, grouped by screen: `{ journeys: { title: '…' } }`. */
export interface TextTree {
  readonly [key: string]: string | TextTree;
}

/** The Arabic of a text tree: the same keys as the English, each a text. */
export type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

/** Every key of a text tree as `t()` reads it: `journeys.title`. */
export type TextKey<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${TextKey<T[K]>}`;
}[keyof T & string];

/** The signed-in user, and where the address is below the page's own path. */
export interface ScreenProps {
  me: Me;
  /** path segments below the page's path: `/journeys/<id>` → [id] */
  rest: readonly string[];
  /** the query after the path: `?event=…` */
  params: URLSearchParams;
}

export type NavSection = 'work' | 'admin' | 'oversight';

/** One entry of the navigation and the screen it opens. */
export interface AreaPage {
  /** names the page across the console (tests, the current link) */
  key: string;
  /** its name in the navigation: a key of the area's texts */
  label: string;
  /** `#/admin/users`; everything below it belongs to the page too */
  path: string;
  icon: Icon;
  /** shown only to roles holding it (a convenience: the station enforces) */
  permission?: Permission;
  /** shown only to users whose scope is the whole group */
  groupWide?: boolean;
  section: NavSection;
  /** key of the page it sits indented under in the navigation */
  parent?: string;
  /** absent while the area is planned: the page says it is not built yet */
  screen?: ComponentType<ScreenProps>;
}

export interface Area<Id extends string = string, T = unknown> {
  /** the area's name, and the i18next namespace of its texts */
  id: Id;
  texts: { en: T; ar: Texts<T> };
  /** in navigation order */
  pages: readonly AreaPage[];
  /** a piece of the header shown to every signed-in user (the sync status) */
  header?: ComponentType;
}

/**
 * Declare an area. Its page labels must be keys of its own texts, and the
 * Arabic texts must have exactly the English keys; both fail to compile
 * otherwise.
 */
export function defineArea<const Id extends string, T extends TextTree>(
  area: Area<Id, T> & { pages: readonly (AreaPage & { label: TextKey<T> })[] },
): Area<Id, T> {
  return area;
}

/**
 * An area that is planned but not built: its place in the navigation, named
 * in both languages, and a page that says so. Building it replaces this
 * line in `areas.ts` with the area's own folder, under the same id.
 */
export function plannedArea<const Id extends string>(
  id: Id,
  name: { en: string; ar: string },
  page: Omit<AreaPage, 'key' | 'label' | 'screen'>,
): Area<Id, Record<Id, { nav: string }>> {
  // a key computed from a type parameter types as a plain string key: these are exactly { [id]: { nav } }
  const texts = (text: string) => ({ [id]: { nav: text } }) as Record<Id, { nav: string }> & Texts<Record<Id, { nav: string }>>;
  return { id, texts: { en: texts(name.en), ar: texts(name.ar) }, pages: [{ ...page, key: id, label: `${id}.nav` }] };
}
