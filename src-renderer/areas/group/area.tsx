import { IconBuildingCommunity } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

const screens = lazyScreens(() => import('./GroupOverviewScreen.js'));

/** Records per hospital across the group, for readers of the whole group. */
export const groupArea = defineArea({
  id: 'group',
  texts: { en, ar },
  pages: [
    {
      key: 'groupOverview',
      label: 'group.nav',
      path: '/group',
      icon: IconBuildingCommunity,
      permission: 'analytics.read',
      groupWide: true,
      section: 'work',
      screen: screens(({ GroupOverviewScreen }) => <GroupOverviewScreen />),
    },
  ],
});
