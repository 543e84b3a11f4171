import { IconPlugConnected } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

const screens = lazyScreens(() => import('./screens.js'));

/** The systems allowed to push events to this station, their tokens and code mappings. */
export const integrationsArea = defineArea({
  id: 'integrations',
  texts: { en, ar },
  pages: [
    {
      key: 'integrations',
      label: 'integrations.nav',
      path: '/admin/integrations',
      icon: IconPlugConnected,
      permission: 'integrations.manage',
      section: 'admin',
      screen: screens(({ IntegrationsScreen, SourceScreen }, { rest: [sourceSystem] }) =>
        sourceSystem ? <SourceScreen sourceSystem={sourceSystem} /> : <IntegrationsScreen />,
      ),
    },
  ],
});
