import { IconClipboardList, IconListDetails, IconMessages, IconSend } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { MESSAGES_PATH, RESPONSES_PATH, SEND_PATH, SURVEYS_PATH } from './filters.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

const screens = lazyScreens(() => import('./screens.js'));

/**
 * Patient surveys: the control center (figures of the filter in the
 * address), the surveys and their answers, sending or handing one out, and
 * the log of the messages that invited and reminded. Templates and a
 * hospital's survey rules are set up in the survey-setup area.
 */
export const surveysArea = defineArea({
  id: 'surveys',
  texts: { en, ar },
  pages: [
    {
      key: 'surveys',
      label: 'surveys.nav',
      path: SURVEYS_PATH,
      icon: IconClipboardList,
      permission: 'surveys.read',
      section: 'work',
      screen: screens(({ ControlCenterScreen }, { me, params }) => <ControlCenterScreen me={me} params={params} />),
    },
    {
      key: 'surveyResponses',
      label: 'list.nav',
      path: RESPONSES_PATH,
      icon: IconListDetails,
      permission: 'surveys.read',
      section: 'work',
      parent: 'surveys',
      screen: screens(({ SurveyScreen, SurveysScreen }, { me, rest: [id], params }) =>
        id ? <SurveyScreen id={id} /> : <SurveysScreen me={me} params={params} />,
      ),
    },
    {
      key: 'surveySend',
      label: 'send.nav',
      path: SEND_PATH,
      icon: IconSend,
      permission: 'surveys.write',
      section: 'work',
      parent: 'surveys',
      screen: screens(({ SendScreen }, { me }) => <SendScreen me={me} />),
    },
    {
      key: 'surveyMessages',
      label: 'messages.nav',
      path: MESSAGES_PATH,
      icon: IconMessages,
      permission: 'surveys.read',
      section: 'work',
      parent: 'surveys',
      screen: screens(({ MessagesScreen }, { me, params }) => <MessagesScreen me={me} params={params} />),
    },
  ],
});
