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
    resetTotp: 'Turn off two-step sign-in',
    resetTotpTitle: 'Turn off two-step sign-in of {{name}}?',
    resetTotpBody:
      'For someone who lost their phone and their recovery codes. They sign in with their password alone, and set up an authenticator again at their next sign-in if their role requires it.',
    resetTotpDone: 'Two-step sign-in was turned off for this user.',
    roleFilter: 'Role',
    never: 'Never',
  },
};
