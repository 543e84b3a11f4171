/**
 * English texts of the patients screen and its form: the namespace `patients`.
 * `texts.ar.ts` has exactly these keys.
 */
export const en = {
  patients: {
    nav: 'Patients',
    title: 'Patients',
    create: 'New patient',
    edit: 'Edit patient',
    searchLabel: 'Search patients',
    searchPlaceholder: 'MRN, national ID, phone or name',
    tableLabel: 'Patients',
    empty: 'No patients match.',
    identity: 'ID / mobile',
    intro: 'Type an MRN, national ID, phone number or name to find a patient.',
  },
};
