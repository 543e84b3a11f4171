import { IconUsersGroup } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

const screens = lazyScreens(() => import('./EmployeesScreen.js'));

/** Hospital staff, each linked to a console account where they have one. */
export const employeesArea = defineArea({
  id: 'employees',
  texts: { en, ar },
  pages: [
    {
      key: 'employees',
      label: 'employees.nav',
      path: '/admin/employees',
      icon: IconUsersGroup,
      permission: 'employees.read',
      section: 'admin',
      screen: screens(({ EmployeesScreen }, props) => <EmployeesScreen {...props} />),
    },
  ],
});
