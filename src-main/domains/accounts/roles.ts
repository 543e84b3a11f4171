import type { Role } from '../../../src-shared/contract/index.js';
import { DEFAULT_ROLES, PERMISSIONS, type Permission, type RoleCode, ROLE_CODES, type ScopeKind } from '../../../src-shared/roles.js';
import type { Actor } from '../../core/audit-log.js';
import { builtInId, type DataLayer } from '../../core/data-layer.js';
import type { RolesTable } from '../../core/db/schema.js';
import { fromJson, toJson } from '../../../src-shared/tables/index.js';
import type { Store } from '../../core/db/store.js';

export function toRole(row: RolesTable): Role {
  const permissions = (fromJson(row.permissions) as string[]).filter((p): p is Permission => (PERMISSIONS as readonly string[]).includes(p));
  return {
    id: row.id,
    code: row.code as RoleCode,
    nameEn: row.name_en,
    nameAr: row.name_ar,
    level: row.level,
    scope: row.scope as ScopeKind,
    permissions,
  };
}

export function listRoles(store: Store): Role[] {
  const rows = store.all(store.db.selectFrom('roles').selectAll().where('deleted_at', 'is', null).orderBy('level', 'desc'));
  return rows.filter((r) => (ROLE_CODES as readonly string[]).includes(r.code)).map(toRole);
}

export function roleByCode(store: Store, code: RoleCode): Role | undefined {
  const row = store.first(store.db.selectFrom('roles').selectAll().where('code', '=', code).where('deleted_at', 'is', null));
  return row ? toRole(row) : undefined;
}

export function roleById(store: Store, id: string): Role | undefined {
  const row = store.first(store.db.selectFrom('roles').selectAll().where('id', '=', id));
  return row ? toRole(row) : undefined;
}

/**
 * A built-in role has the same id on every station (derived from its code),
 * so the roles each station creates for itself are one row group-wide and
 * sync as edits of that row, not as eight conflicting new ones per station.
 */
export function builtInRoleId(code: RoleCode): string {
  return builtInId(`px360.role.${code}`);
}

/**
 * Creates the eight built-in roles that are missing. Roles that exist are left
 * as they are: the central team may have tuned their permissions.
 */
export function createDefaultRoles(data: DataLayer, actor: Actor): { created: RoleCode[] } {
  return data.write(actor, (tx) => {
    const created: RoleCode[] = [];
    for (const role of DEFAULT_ROLES) {
      if (roleByCode(data.store, role.code)) continue;
      // built in: the same row on every station from code, so not sent (see insertBuiltIn)
      tx.insertBuiltIn('roles', {
        id: builtInRoleId(role.code),
        code: role.code,
        name_en: role.nameEn,
        name_ar: role.nameAr,
        level: role.level,
        scope: role.scope,
        permissions: toJson([...role.permissions]),
      });
      created.push(role.code);
    }
    return { created };
  });
}

export function rolesReady(store: Store): boolean {
  return listRoles(store).length === DEFAULT_ROLES.length;
}
