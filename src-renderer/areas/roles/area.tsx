import { IconShieldLock } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

const screens = lazyScreens(() => import('./RolesScreen.js'));

/** The roles on this station and their permissions, read-only. */
export const rolesArea = defineArea({
  id: 'roles',
  texts: { en, ar },
  pages: [
    {
      key: 'roles',
      label: 'roles.nav',
      path: '/admin/roles',
      icon: IconShieldLock,
      permission: 'roles.read',
      section: 'admin',
      screen: screens(({ RolesScreen }) => <RolesScreen />),
    },
  ],
});
