/** The SLA area's screens: one chunk, fetched when its page first opens (area.tsx). */
export { SlaSettingsScreen } from './SlaSettingsScreen.js';
