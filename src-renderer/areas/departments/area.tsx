import { IconHierarchy2 } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

const screens = lazyScreens(() => import('./DepartmentsScreen.js'));

/** The departments of each hospital, as a tree. */
export const departmentsArea = defineArea({
  id: 'departments',
  texts: { en, ar },
  pages: [
    {
      key: 'departments',
      label: 'departments.nav',
      path: '/admin/departments',
      icon: IconHierarchy2,
      permission: 'departments.read',
      section: 'admin',
      screen: screens(({ DepartmentsScreen }, { me }) => <DepartmentsScreen me={me} />),
    },
  ],
});
