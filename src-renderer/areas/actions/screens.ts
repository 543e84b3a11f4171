/** The PX Action Center's screens: one chunk, fetched when one of its pages first opens (area.tsx). */
export { ActionScreen } from './ActionScreen.js';
export { BoardScreen } from './BoardScreen.js';
export { NewActionScreen } from './NewActionScreen.js';
