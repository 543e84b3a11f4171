/** The survey-setup area's screens: one chunk, fetched when one of its pages first opens (area.tsx). */
export { ProvidersScreen } from './providers/ProvidersScreen.js';
export { SettingsScreen } from './settings/SettingsScreen.js';
export { TemplatesScreen } from './templates/TemplatesScreen.js';
