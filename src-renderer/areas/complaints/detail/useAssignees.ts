import type { User } from '../../../../src-shared/contract/index.js';
import { DEFAULT_ROLES, type RoleCode } from '../../../../src-shared/roles.js';
import { useCallQuery, usePermission } from '../../../api/hooks.js';
import type { Me } from '../../../api/session.js';
import { localName, useLanguage } from '../../../i18n/index.js';

/**
 * Who a complaint of a hospital may be given to: its active users whose
 * role handles complaints (the station refuses anyone else). A reader whose
 * role may not list users is offered themself only.
 */
export function useAssignees(me: Me, hospitalId: string) {
  const can = usePermission();
  const language = useLanguage();
  const canList = can('users.read');
  const users = useCallQuery('users.list', { hospitalId, active: true, pageSize: 500 }, { enabled: canList });
  const roles = useCallQuery('roles.list', {}, { enabled: can('roles.read') });
  const handling = new Set<RoleCode>((roles.data ?? DEFAULT_ROLES).filter((role) => role.permissions.includes('complaints.write')).map((role) => role.code));
  const people: Pick<User, 'id' | 'nameEn' | 'nameAr' | 'username'>[] = (users.data?.items ?? []).filter((user) => handling.has(user.roleCode));
  // the reader too, when their role handles complaints: a group-wide officer is of no hospital's list
  if (can('complaints.write') && !people.some((user) => user.id === me.user.id)) people.unshift(me.user);
  return {
    canList,
    loading: canList && users.isPending,
    options: people.map((user) => ({ value: user.id, label: `${localName(user, language)} (${user.username})` })),
  };
}
