/** The surveys area's screens: one chunk, fetched when one of its pages first opens (area.tsx). */
export { ControlCenterScreen } from './control/ControlCenterScreen.js';
export { SurveyScreen } from './detail/SurveyScreen.js';
export { SurveysScreen } from './list/SurveysScreen.js';
export { MessagesScreen } from './messages/MessagesScreen.js';
export { SendScreen } from './send/SendScreen.js';
