import { IconStethoscope } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

const screens = lazyScreens(() => import('./PhysiciansScreen.js'));

/** The physicians of each hospital, as the HIS names them in its events. */
export const physiciansArea = defineArea({
  id: 'physicians',
  texts: { en, ar },
  pages: [
    {
      key: 'physicians',
      label: 'physicians.nav',
      path: '/admin/physicians',
      icon: IconStethoscope,
      permission: 'physicians.read',
      section: 'admin',
      screen: screens(({ PhysiciansScreen }, props) => <PhysiciansScreen {...props} />),
    },
  ],
});
