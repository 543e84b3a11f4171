/**
 * English texts of the home page: the namespace `dashboard`. `texts.ar.ts` has
 * exactly these keys.
 */
export const en = {
  dashboard: {
    nav: 'Dashboard',
    welcome: 'Welcome, {{name}}',
    intro: 'You are signed in to the PX360 station as {{role}}.',
    scope: 'Your scope',
    station: 'Station',
    version: 'Version',
    notBuilt: 'Dashboards with complaint, action and survey indicators are not built yet. Use the navigation to manage the organisation.',
  },
};
