import { useCallQuery, usePermission } from '../../../api/hooks.js';
import type { Me } from '../../../api/session.js';
import { localName, useLanguage } from '../../../i18n/index.js';

/**
 * Who a complaint of a hospital may be given to: the station's answer
 * (`complaints.assignees`: its active users and the group's whose role
 * handles complaints, the same rule `complaints.assign` applies), so a
 * coordinator who may not list users can still assign.
 */
export function useAssignees(me: Me, hospitalId: string | null, departmentId?: string | null) {
  const can = usePermission();
  const language = useLanguage();
  const canList = can('complaints.write');
  // no hospital yet (nothing selected in bulk): nothing asked
  // given the complaint's department, only those who can open it (a department manager sees their department's)
  const input = departmentId === undefined ? { hospitalId: hospitalId ?? '' } : { hospitalId: hospitalId ?? '', departmentId };
  const people = useCallQuery('complaints.assignees', input, { enabled: canList && hospitalId !== null });
  const list = people.data ?? [];
  // the reader first, whose own name is the quickest pick
  const ordered = [...list.filter((user) => user.id === me.user.id), ...list.filter((user) => user.id !== me.user.id)];
  return {
    canList,
    loading: canList && people.isPending,
    options: ordered.map((user) => ({ value: user.id, label: `${localName(user, language)} (${user.username})` })),
  };
}
