import { IconClockCog } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { Bell } from './Bell.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

const screens = lazyScreens(() => import('./screens.js'));

/**
 * Time limits (issue 12; docs/sla-design.md): a hospital's business
 * calendar and SLA policies, and the staff notification bell in the header
 * where reminders and escalations reach the people they name.
 */
export const slaArea = defineArea({
  id: 'sla',
  texts: { en, ar },
  pages: [
    {
      key: 'slaSettings',
      label: 'timeLimits.nav',
      path: '/admin/sla',
      icon: IconClockCog,
      permission: 'departments.write',
      section: 'admin',
      screen: screens(({ SlaSettingsScreen }, { me }) => <SlaSettingsScreen me={me} />),
    },
  ],
  header: Bell,
});
