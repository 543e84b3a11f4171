import type { Department, Hospital, Role } from '../../src-shared/contract/index.js';
import { DEFAULT_ROLES } from '../../src-shared/roles.js';
import { useCallQuery, usePermission } from './hooks.js';

/**
 * Reference lists that pickers and tables look names up in. A station holds
 * a handful of hospitals and at most a few hundred departments each, so one
 * page of the largest size carries them all.
 */
const ALL = { pageSize: 500 } as const;

export function useHospitals() {
  const can = usePermission();
  const query = useCallQuery('hospitals.list', ALL, { enabled: can('hospitals.read') });
  const hospitals: Hospital[] = query.data?.items ?? [];
  return { query, hospitals, byId: new Map(hospitals.map((h) => [h.id, h])) };
}

export function useDepartments(hospitalId: string | null | undefined) {
  const can = usePermission();
  const query = useCallQuery(
    'departments.list',
    { ...ALL, ...(hospitalId ? { hospitalId } : {}) },
    { enabled: can('departments.read') && Boolean(hospitalId) },
  );
  const departments: Department[] = hospitalId ? (query.data?.items ?? []) : [];
  return { query, departments, byId: new Map(departments.map((d) => [d.id, d])) };
}

/** Every department the reader may see, across hospitals (for names in tables). */
export function useAllDepartments() {
  const can = usePermission();
  const query = useCallQuery('departments.list', ALL, { enabled: can('departments.read') });
  const departments: Department[] = query.data?.items ?? [];
  return { query, departments, byId: new Map(departments.map((d) => [d.id, d])) };
}

export type RoleOption = Pick<Role, 'code' | 'nameEn' | 'nameAr' | 'level' | 'scope'>;

/** Roles as the station stores them when I may read them; otherwise the built-in definitions. */
export function useRoles(): { roles: readonly RoleOption[]; loading: boolean } {
  const can = usePermission();
  const readable = can('roles.read');
  const query = useCallQuery('roles.list', {}, { enabled: readable });
  if (readable && query.data) return { roles: query.data, loading: false };
  return { roles: DEFAULT_ROLES, loading: readable && query.isPending };
}
