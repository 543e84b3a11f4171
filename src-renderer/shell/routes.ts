import {
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
  type Icon,
} from '@tabler/icons-react';
import type { Permission } from '../../src-shared/roles.js';

/** Label keys of the navigation, one per screen. */
export type NavKey =
  | 'dashboard'
  | 'complaints'
  | 'actions'
  | 'journeys'
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
  | 'audit';

export interface NavItem {
  key: NavKey;
  path: string;
  icon: Icon;
  /** shown only to roles holding it (a convenience: the station enforces) */
  permission?: Permission;
  section: 'work' | 'admin' | 'oversight';
  /** areas still to come show a plain "not built yet" page */
  built: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'dashboard', path: '/', icon: IconLayoutDashboard, section: 'work', built: true },
  { key: 'complaints', path: '/complaints', icon: IconMessageReport, permission: 'complaints.read', section: 'work', built: false },
  { key: 'actions', path: '/actions', icon: IconChecklist, permission: 'actions.read', section: 'work', built: false },
  { key: 'journeys', path: '/journeys', icon: IconRoute, permission: 'journeys.read', section: 'work', built: false },
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
  { key: 'audit', path: '/audit', icon: IconListSearch, permission: 'audit.read', section: 'oversight', built: true },
];

export function navItemFor(path: string): NavItem {
  return NAV_ITEMS.find((item) => item.path === path) ?? (NAV_ITEMS[0] as NavItem);
}
