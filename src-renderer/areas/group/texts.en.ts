/**
 * English texts of the group overview (records per hospital, as the hub and
 * this station count them): the namespace `group`. `texts.ar.ts` has exactly
 * these keys.
 */
export const en = {
  group: {
    nav: 'Group overview',
    title: 'Group overview',
    intro: "Records per hospital across the group: as the hub counts them from every station's synced data, and as this station holds them.",
    refresh: 'Refresh',
    tableLabel: 'Records per hospital',
    total: 'All hospitals',
    columns: {
      patients: 'Patients',
      journey_instances: 'Patient journeys',
      survey_instances: 'Surveys',
      journey_templates: 'Journey templates',
      departments: 'Departments',
      physicians: 'Physicians',
      employees: 'Employees',
      users: 'Users',
    },
    hubAsOf: 'Hub figures as of',
    cachedTitle: "Showing the hub's last figures",
    cachedBody: "They came {{age}}. This station's own figures are current.",
    stationOnlyTitle: "This station's figures only",
    stationOnlyBody: 'The numbers below are the records held on this station.',
    onStation: 'On this station: {{figure}}',
    notOnHub: 'Not on the hub yet',
    legend:
      "Each number is the hub's count. Where this station holds a different number, it is shown beneath: records not yet sent or not yet received. A sync brings them together.",
    empty: 'No hospitals yet, on the hub or on this station.',
    unknownHospital: 'Unknown hospital',
    lastSync: 'Last sync',
  },
};
