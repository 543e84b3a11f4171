import { IconAdjustments, IconMessage2Cog, IconForms } from '@tabler/icons-react';
import { defineArea } from '../../kit/area.js';
import { lazyScreens } from '../../kit/lazyScreens.js';
import { PROVIDERS_PATH, SETTINGS_PATH, TEMPLATES_PATH } from './paths.js';
import { ar } from './texts.ar.js';
import { en } from './texts.en.js';

const screens = lazyScreens(() => import('./screens.js'));

/**
 * What surveys are made of and how they go out: the group's templates (a
 * builder with a phone preview in both languages), each hospital's sending
 * rules and message texts, and the providers a station that sends itself
 * uses. The control center, with what was sent and answered, is the
 * surveys area.
 */
export const surveySetupArea = defineArea({
  id: 'survey-setup',
  texts: { en, ar },
  pages: [
    {
      key: 'surveySetup',
      label: 'setup.nav',
      path: TEMPLATES_PATH,
      icon: IconForms,
      permission: 'surveys.read',
      section: 'work',
      screen: screens(({ TemplatesScreen }, { me, rest: [id] }) => <TemplatesScreen me={me} templateId={id} />),
    },
    {
      key: 'surveySetupSettings',
      label: 'settings.nav',
      path: SETTINGS_PATH,
      icon: IconAdjustments,
      permission: 'surveys.read',
      section: 'work',
      parent: 'surveySetup',
      screen: screens(({ SettingsScreen }, { me, params }) => <SettingsScreen me={me} chosenHospitalId={params.get('hospital')} />),
    },
    {
      key: 'surveySetupProviders',
      label: 'providers.nav',
      path: PROVIDERS_PATH,
      icon: IconMessage2Cog,
      permission: 'integrations.manage',
      section: 'work',
      parent: 'surveySetup',
      screen: screens(({ ProvidersScreen }) => <ProvidersScreen />),
    },
  ],
});
