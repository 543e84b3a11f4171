import { IconCloudUpload } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { SyncIndicator } from './SyncIndicator.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

const screens = lazyScreens(() => import('./SyncScreen.js'));

/** Enrolment with the hub, sync status and its problems; the status also sits in the header. */
export const syncArea = defineArea({
  id: 'sync',
  texts: { en, ar },
  pages: [
    {
      key: 'sync',
      label: 'sync.nav',
      path: '/admin/sync',
      icon: IconCloudUpload,
      permission: 'sync.manage',
      section: 'admin',
      screen: screens(({ SyncScreen }) => <SyncScreen />),
    },
  ],
  header: SyncIndicator,
});
