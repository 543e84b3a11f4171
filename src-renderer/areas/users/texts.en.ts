/**
 * English texts of the users screen and its forms: the namespace `users`.
 * `texts.ar.ts` has exactly these keys.
 */
export const en = {
  users: {
    nav: 'Users',
    title: 'Users',
    create: 'New user',
    edit: 'Edit user',
    searchLabel: 'Search users',
    searchPlaceholder: 'Name, username or email',
    tableLabel: 'Users',
    empty: 'No users match.',
    resetPassword: 'Reset password',
    resetTitle: 'Reset the password of {{name}}',
    resetIntro: 'The user signs in with this password and should change it. A locked account is unlocked.',
    resetDone: 'The password was reset.',
    roleFilter: 'Role',
    never: 'Never',
  },
};
