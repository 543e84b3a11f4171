/**
 * English texts of the hospitals screen and its form: the namespace
 * `hospitals`. `texts.ar.ts` has exactly these keys.
 */
export const en = {
  hospitals: {
    nav: 'Hospitals',
    title: 'Hospitals',
    create: 'New hospital',
    edit: 'Edit hospital',
    searchLabel: 'Search hospitals',
    searchPlaceholder: 'Name or code',
    tableLabel: 'Hospitals',
    empty: 'No hospitals yet.',
  },
};
