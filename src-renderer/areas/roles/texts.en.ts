/**
 * English texts of the roles screen and the names of permissions: the
 * namespace `roles`. `texts.ar.ts` has exactly these keys.
 */
export const en = {
  roles: {
    nav: 'Roles',
    title: 'Roles',
    intro: 'Built-in roles. A user may only give roles below their own level.',
    tableLabel: 'Roles and their permissions',
    empty: 'No roles are defined on this station.',
  },
  policy: {
    title: 'Sign-in policy of the group',
    requireAdminTotp: 'Require two-step sign-in for PX Admins and Hospital Admins',
    requireAdminTotpHint:
      'They sign in with their password and a code from an authenticator app on their phone (NCA ECC: multi-factor authentication for privileged access). Those without one set it up at their next sign-in.',
    whoChanges: 'Only a PX Admin of the whole group changes this, on a station of the central team.',
    onNote: 'On for every station of the group. Admins already signed in keep their session; the next sign-in asks for the code.',
    saved: 'The sign-in policy was saved. Other stations receive it at their next sync.',
  },
  perm: {
    users: { read: 'View users', write: 'Manage users' },
    roles: { read: 'View roles', write: 'Manage roles' },
    hospitals: { read: 'View hospitals', write: 'Manage hospitals' },
    departments: { read: 'View departments', write: 'Manage departments' },
    physicians: { read: 'View physicians', write: 'Manage physicians' },
    employees: { read: 'View employees', write: 'Manage employees' },
    patients: { read: 'View patients', write: 'Manage patients' },
    audit: { read: 'View audit log', verify: 'Verify audit chain' },
    complaints: { read: 'View complaints', write: 'Handle complaints' },
    actions: { read: 'View PX actions', write: 'Handle PX actions' },
    journeys: { read: 'View patient journeys', write: 'Manage patient journeys' },
    surveys: { read: 'View surveys', write: 'Manage surveys' },
    callcenter: { read: 'View call center', write: 'Log calls' },
    social: { read: 'View social media', write: 'Handle social media' },
    analytics: { read: 'View analytics' },
    integrations: { manage: 'Manage integrations' },
    sync: { manage: 'Manage sync' },
  },
};
