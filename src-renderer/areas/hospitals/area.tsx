import { IconBuildingHospital } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

const screens = lazyScreens(() => import('./HospitalsScreen.js'));

/** The hospitals of the group. */
export const hospitalsArea = defineArea({
  id: 'hospitals',
  texts: { en, ar },
  pages: [
    {
      key: 'hospitals',
      label: 'hospitals.nav',
      path: '/admin/hospitals',
      icon: IconBuildingHospital,
      permission: 'hospitals.read',
      section: 'admin',
      screen: screens(({ HospitalsScreen }, props) => <HospitalsScreen {...props} />),
    },
  ],
});
