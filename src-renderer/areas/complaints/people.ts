import { useCallQuery, usePermission } from '../../api/hooks.js';
import { useSession } from '../../api/session.js';
import { localName, useLanguage } from '../../i18n/index.js';

/**
 * A person's name in the reader's language. The station names an assignee
 * in English only (`assignedUserName`, and the timeline's `userName`); a
 * reader who may list users sees the name in Arabic too, from the users of
 * their scope (a few hundred at most: one page).
 */
export function usePersonName(): (id: string | null, fallback: string | null) => string | null {
  const can = usePermission();
  const language = useLanguage();
  const me = useSession()?.me;
  const users = useCallQuery('users.list', { pageSize: 500 }, { enabled: can('users.read') });
  const byId = new Map((users.data?.items ?? []).map((user) => [user.id, user]));
  if (me) byId.set(me.user.id, me.user);
  return (id, fallback) => {
    const user = id ? byId.get(id) : undefined;
    return user ? localName(user, language) : fallback;
  };
}
