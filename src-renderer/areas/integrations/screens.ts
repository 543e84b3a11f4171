/** The integrations area's screens: one chunk, fetched when its page first opens (area.tsx). */
export { IntegrationsScreen } from './IntegrationsScreen.js';
export { SourceScreen } from './SourceScreen.js';
