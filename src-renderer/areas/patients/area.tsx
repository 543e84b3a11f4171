import { IconUserHeart } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

const screens = lazyScreens(() => import('./PatientsScreen.js'));

/** Finding, registering and correcting patient records. */
export const patientsArea = defineArea({
  id: 'patients',
  texts: { en, ar },
  pages: [
    {
      key: 'patients',
      label: 'patients.nav',
      path: '/admin/patients',
      icon: IconUserHeart,
      permission: 'patients.read',
      section: 'admin',
      screen: screens(({ PatientsScreen }, props) => <PatientsScreen {...props} />),
    },
  ],
});
