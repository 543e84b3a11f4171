import { IconBuildingHospital } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { HospitalsScreen } from './HospitalsScreen.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

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
      screen: HospitalsScreen,
    },
  ],
});
