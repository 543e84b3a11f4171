/** The complaints area's screens: one chunk, fetched when one of its pages first opens (area.tsx). */
export { ComplaintScreen } from './detail/ComplaintScreen.js';
export { ComplaintsScreen } from './list/ComplaintsScreen.js';
export { NewComplaintScreen } from './new/NewComplaintScreen.js';
