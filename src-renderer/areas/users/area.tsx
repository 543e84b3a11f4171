import { IconUsers } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { UsersScreen } from './UsersScreen.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

/** Console accounts: who may sign in, with which role, over which hospital or department. */
export const usersArea = defineArea({
  id: 'users',
  texts: { en, ar },
  pages: [{ key: 'users', label: 'users.nav', path: '/admin/users', icon: IconUsers, permission: 'users.read', section: 'admin', screen: UsersScreen }],
});
