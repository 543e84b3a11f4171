import {
  IconBuildingCommunity,
  IconBuildingHospital,
  IconChartBar,
  IconChecklist,
  IconHeadset,
  IconHierarchy2,
  IconLayoutDashboard,
  IconMessageReport,
  IconRoute,
  IconShieldLock,
  IconStethoscope,
  IconUserHeart,
  IconUsers,
  IconUsersGroup,
  IconWorld,
  IconClipboardList,
  IconListSearch,
  IconPlugConnected,
  IconCloudUpload,
  IconTimelineEvent,
  IconTemplate,
  type Icon,
} from '@tabler/icons-react';
import type { MessageKey } from '../../src-shared/messages.js';
import type { Permission, ScopeKind } from '../../src-shared/roles.js';

/** Label keys of the navigation, one per screen. */
export type NavKey =
  | 'dashboard'
  | 'groupOverview'
  | 'complaints'
  | 'actions'
  | 'journeys'
  | 'journeyTemplates'
  | 'events'
  | 'surveys'
  | 'callcenter'
  | 'social'
  | 'analytics'
  | 'users'
  | 'roles'
  | 'hospitals'
  | 'departments'
  | 'physicians'
  | 'employees'
  | 'patients'
  | 'integrations'
  | 'sync'
  | 'audit';

export interface NavItem {
  key: NavKey;
  path: string;
  icon: Icon;
  /** shown only to roles holding it (a convenience: the station enforces) */
  permission?: Permission;
  /** shown only to users whose scope is the whole group */
  groupWide?: boolean;
  section: 'work' | 'admin' | 'oversight';
  /** areas still to come show a plain "not built yet" page */
  built: boolean;
  /** shown indented under this item in the navigation */
  parent?: NavKey;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'dashboard', path: '/', icon: IconLayoutDashboard, section: 'work', built: true },
  { key: 'groupOverview', path: '/group', icon: IconBuildingCommunity, permission: 'analytics.read', groupWide: true, section: 'work', built: true },
  { key: 'complaints', path: '/complaints', icon: IconMessageReport, permission: 'complaints.read', section: 'work', built: false },
  { key: 'actions', path: '/actions', icon: IconChecklist, permission: 'actions.read', section: 'work', built: false },
  { key: 'journeys', path: '/journeys', icon: IconRoute, permission: 'journeys.read', section: 'work', built: true },
  { key: 'journeyTemplates', path: '/journeys/templates', icon: IconTemplate, permission: 'journeys.read', section: 'work', built: true, parent: 'journeys' },
  // the PX office asks "why did this journey not move?": the answer sits beside the journeys
  { key: 'events', path: '/journeys/events', icon: IconTimelineEvent, permission: 'integrations.manage', section: 'work', built: true, parent: 'journeys' },
  { key: 'surveys', path: '/surveys', icon: IconClipboardList, permission: 'surveys.read', section: 'work', built: false },
  { key: 'callcenter', path: '/call-center', icon: IconHeadset, permission: 'callcenter.read', section: 'work', built: false },
  { key: 'social', path: '/social', icon: IconWorld, permission: 'social.read', section: 'work', built: false },
  { key: 'analytics', path: '/analytics', icon: IconChartBar, permission: 'analytics.read', section: 'work', built: false },
  { key: 'users', path: '/admin/users', icon: IconUsers, permission: 'users.read', section: 'admin', built: true },
  { key: 'roles', path: '/admin/roles', icon: IconShieldLock, permission: 'roles.read', section: 'admin', built: true },
  { key: 'hospitals', path: '/admin/hospitals', icon: IconBuildingHospital, permission: 'hospitals.read', section: 'admin', built: true },
  { key: 'departments', path: '/admin/departments', icon: IconHierarchy2, permission: 'departments.read', section: 'admin', built: true },
  { key: 'physicians', path: '/admin/physicians', icon: IconStethoscope, permission: 'physicians.read', section: 'admin', built: true },
  { key: 'employees', path: '/admin/employees', icon: IconUsersGroup, permission: 'employees.read', section: 'admin', built: true },
  { key: 'patients', path: '/admin/patients', icon: IconUserHeart, permission: 'patients.read', section: 'admin', built: true },
  { key: 'integrations', path: '/admin/integrations', icon: IconPlugConnected, permission: 'integrations.manage', section: 'admin', built: true },
  { key: 'sync', path: '/admin/sync', icon: IconCloudUpload, permission: 'sync.manage', section: 'admin', built: true },
  { key: 'audit', path: '/audit', icon: IconListSearch, permission: 'audit.read', section: 'oversight', built: true },
];

/** Why a signed-in user is not offered a screen, or null when they are (a convenience: the station enforces). */
export function refusalFor(
  item: NavItem,
  can: (permission: Permission) => boolean,
  scope: ScopeKind,
): Extract<MessageKey, 'error.forbidden' | 'error.group_only'> | null {
  if (item.permission && !can(item.permission)) return 'error.forbidden';
  if (item.groupWide && scope !== 'group') return 'error.group_only';
  return null;
}

export interface Route {
  item: NavItem;
  /** path segments below the item's own path: `/journeys/<id>` → [id] */
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

/** The screen a hash path shows: the nav item with the longest matching path, and what follows it. */
export function routeFor(path: string): Route {
  const [pathname = '/', search = ''] = path.split('?', 2);
  const within = (item: NavItem) => item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`));
  const item = NAV_ITEMS.filter(within).sort((a, b) => b.path.length - a.path.length)[0];
  if (!item) return { item: NAV_ITEMS[0] as NavItem, rest: [], params: new URLSearchParams(search) };
  const rest = pathname.slice(item.path.length).split('/').filter(Boolean).map(decodeSegment);
  return { item, rest, params: new URLSearchParams(search) };
}
