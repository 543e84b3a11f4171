import { IconClockPlay } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

const screens = lazyScreens(() => import('./JobsScreen.js'));

/**
 * The station's background work: its jobs and its readers of domain events.
 * Open to whoever manages integrations (the jobs are the station's machinery,
 * no hospital's records); running one now needs sync.manage (the station asks).
 */
export const jobsArea = defineArea({
  id: 'jobs',
  texts: { en, ar },
  pages: [
    {
      key: 'jobs',
      label: 'jobs.nav',
      path: '/admin/jobs',
      icon: IconClockPlay,
      permission: 'integrations.manage',
      section: 'admin',
      screen: screens(({ JobsScreen }) => <JobsScreen />),
    },
  ],
});
