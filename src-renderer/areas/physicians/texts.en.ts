/**
 * English texts of the physicians screen and its form: the namespace
 * `physicians`. `texts.ar.ts` has exactly these keys.
 */
export const en = {
  physicians: {
    nav: 'Physicians',
    title: 'Physicians',
    create: 'New physician',
    edit: 'Edit physician',
    searchLabel: 'Search physicians',
    searchPlaceholder: 'Name or license number',
    tableLabel: 'Physicians',
    empty: 'No physicians match.',
  },
};
