import { IconUsers } from '@tabler/icons-react';
import { passwordRule } from '../../components/PasswordStrength.js';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

// its dialogs set passwords: the password rule comes with the area, so a reset opens with its new-password box ready (and
// focused); if the rule fails to load, that box says so itself, with its own "Try again"
const screens = lazyScreens(async () => {
  const [screens] = await Promise.all([import('./UsersScreen.js'), passwordRule.load().catch(() => undefined)]);
  return screens;
});

/** Console accounts: who may sign in, with which role, over which hospital or department. */
export const usersArea = defineArea({
  id: 'users',
  texts: { en, ar },
  pages: [
    {
      key: 'users',
      label: 'users.nav',
      path: '/admin/users',
      icon: IconUsers,
      permission: 'users.read',
      section: 'admin',
      screen: screens(({ UsersScreen }, props) => <UsersScreen {...props} />),
    },
  ],
});
