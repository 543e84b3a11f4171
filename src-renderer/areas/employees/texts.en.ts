/**
 * English texts of the employees screen and its form: the namespace
 * `employees`. `texts.ar.ts` has exactly these keys.
 */
export const en = {
  employees: {
    nav: 'Employees',
    title: 'Employees',
    create: 'New employee',
    edit: 'Edit employee',
    searchLabel: 'Search employees',
    searchPlaceholder: 'Name or employee number',
    tableLabel: 'Employees',
    empty: 'No employees match.',
    linkedUser: 'Console account',
  },
};
