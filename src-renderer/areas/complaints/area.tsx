import { IconMessagePlus, IconMessageReport } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { COMPLAINTS_PATH, NEW_COMPLAINT_PATH } from './filters.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

const screens = lazyScreens(() => import('./screens.js'));

/**
 * Complaints, inquiries and compliments (issue 12): the queues and their
 * filters (in the address), filing a new one by keyboard, and one
 * complaint with its workflow, assignment, classification, notes and
 * timeline. The station enforces every rule; these screens offer what it
 * allows.
 */
export const complaintsArea = defineArea({
  id: 'complaints',
  texts: { en, ar },
  pages: [
    {
      key: 'complaints',
      label: 'complaints.nav',
      path: COMPLAINTS_PATH,
      icon: IconMessageReport,
      permission: 'complaints.read',
      section: 'work',
      screen: screens(({ ComplaintScreen, ComplaintsScreen }, { me, rest: [id], params }) =>
        id ? <ComplaintScreen me={me} id={id} /> : <ComplaintsScreen me={me} params={params} />,
      ),
    },
    {
      key: 'complaintNew',
      label: 'new.nav',
      path: NEW_COMPLAINT_PATH,
      icon: IconMessagePlus,
      permission: 'complaints.write',
      section: 'work',
      parent: 'complaints',
      screen: screens(({ NewComplaintScreen }, { me }) => <NewComplaintScreen me={me} />),
    },
  ],
});
