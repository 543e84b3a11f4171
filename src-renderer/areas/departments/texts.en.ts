/**
 * English texts of the department tree and its form: the namespace
 * `departments`. `texts.ar.ts` has exactly these keys.
 */
export const en = {
  departments: {
    nav: 'Departments',
    title: 'Departments',
    create: 'New department',
    edit: 'Edit department',
    treeLabel: 'Departments of {{hospital}}',
    chooseHospital: 'Choose a hospital to see its departments.',
    noHospitals: 'Add a hospital first; departments belong to a hospital.',
    empty: 'This hospital has no departments yet.',
    subDepartments: '{{count}} sub-departments',
  },
};
