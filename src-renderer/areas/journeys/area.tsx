import { IconRoute, IconTemplate, IconTimelineEvent } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

const screens = lazyScreens(() => import('./screens.js'));

/** Patient journeys built from HIS events, their templates, and the events as received. */
export const journeysArea = defineArea({
  id: 'journeys',
  texts: { en, ar },
  pages: [
    {
      key: 'journeys',
      label: 'journeys.nav',
      path: '/journeys',
      icon: IconRoute,
      permission: 'journeys.read',
      section: 'work',
      screen: screens(({ JourneyScreen, JourneysScreen }, { me, rest: [id] }) => (id ? <JourneyScreen id={id} /> : <JourneysScreen me={me} />)),
    },
    {
      key: 'journeyTemplates',
      label: 'templates.nav',
      path: '/journeys/templates',
      icon: IconTemplate,
      permission: 'journeys.read',
      section: 'work',
      parent: 'journeys',
      screen: screens(({ TemplatesScreen }, { me, rest: [id], params }) => <TemplatesScreen me={me} templateId={id} hospitalId={params.get('hospital')} />),
    },
    // the PX office asks "why did this journey not move?": the answer sits beside the journeys
    {
      key: 'events',
      label: 'events.nav',
      path: '/journeys/events',
      icon: IconTimelineEvent,
      permission: 'integrations.manage',
      section: 'work',
      parent: 'journeys',
      screen: screens(({ EventMonitorScreen }, { params }) => <EventMonitorScreen openEventId={params.get('event')} initialSearch={params.get('q') ?? ''} />),
    },
  ],
});
