/** The journeys area's screens: one chunk, fetched when one of its pages first opens (area.tsx). */
export { EventMonitorScreen } from './events/EventMonitorScreen.js';
export { JourneyScreen } from './JourneyScreen.js';
export { JourneysScreen } from './JourneysScreen.js';
export { TemplatesScreen } from './templates/TemplatesScreen.js';
