import { IconListSearch } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

const screens = lazyScreens(() => import('./AuditScreen.js'));

/** Every change made on this station, and the check of its hash chain. */
export const auditArea = defineArea({
  id: 'audit',
  texts: { en, ar },
  pages: [
    {
      key: 'audit',
      label: 'audit.nav',
      path: '/audit',
      icon: IconListSearch,
      permission: 'audit.read',
      section: 'oversight',
      screen: screens(({ AuditScreen }) => <AuditScreen />),
    },
  ],
});
