import { IconChecklist, IconPlaylistAdd } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { ACTIONS_PATH, NEW_ACTION_PATH } from './paths.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

const screens = lazyScreens(() => import('./screens.js'));

/**
 * The PX Action Center (issue 12): the board of improvement actions by
 * status, one action with its evidence, approval, clock and timeline, and
 * opening one by hand (or from a complaint, which sends its number in the
 * address). Negative survey responses open theirs on their own.
 */
export const actionsArea = defineArea({
  id: 'actions',
  texts: { en, ar },
  pages: [
    {
      key: 'actions',
      label: 'actions.nav',
      path: ACTIONS_PATH,
      icon: IconChecklist,
      permission: 'actions.read',
      section: 'work',
      screen: screens(({ ActionScreen, BoardScreen }, { me, rest: [id] }) => (id ? <ActionScreen me={me} id={id} /> : <BoardScreen me={me} />)),
    },
    {
      key: 'actionNew',
      label: 'actions.newNav',
      path: NEW_ACTION_PATH,
      icon: IconPlaylistAdd,
      permission: 'actions.write',
      section: 'work',
      parent: 'actions',
      // a new address (another record's prefill) starts a fresh form
      screen: screens(({ NewActionScreen }, { me, params }) => <NewActionScreen key={params.toString()} me={me} params={params} />),
    },
  ],
});
