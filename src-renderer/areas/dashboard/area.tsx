import { IconLayoutDashboard } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

const screens = lazyScreens(() => import('./DashboardScreen.js'));

/** The home page: who I am, where I work, which station this is. */
export const dashboardArea = defineArea({
  id: 'dashboard',
  texts: { en, ar },
  pages: [
    {
      key: 'dashboard',
      label: 'dashboard.nav',
      path: '/',
      icon: IconLayoutDashboard,
      section: 'work',
      screen: screens(({ DashboardScreen }, props) => <DashboardScreen {...props} />),
    },
  ],
});
