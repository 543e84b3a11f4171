import type { CallContext, Handler, PublicHandler } from '../../core/context.js';
import { listRoles } from './roles.js';
import type { AccountsService } from './service.js';

export function accountsHandlers(accounts: AccountsService) {
  return {
    'auth.setup': ((input, ctx: CallContext) => accounts.setup(input, ctx.actor, ctx.origin)) satisfies PublicHandler<'auth.setup'>,
    'auth.login': ((input, { origin }) => accounts.login(input, origin)) satisfies PublicHandler<'auth.login'>,
    'auth.logout': ((_input, { caller }) => {
      accounts.logout(caller);
      return { ok: true as const };
    }) satisfies Handler<'auth.logout'>,
    'auth.me': ((_input, { caller }) => caller.me) satisfies Handler<'auth.me'>,
    'auth.changePassword': (async (input, { caller }) => {
      await accounts.changePassword(caller, input);
      return { ok: true as const };
    }) satisfies Handler<'auth.changePassword'>,
    'auth.setLanguage': ((input, { caller }) => {
      accounts.setLanguage(caller, input.language);
      return { ok: true as const };
    }) satisfies Handler<'auth.setLanguage'>,
    'roles.list': ((_input, { store }) => listRoles(store)) satisfies Handler<'roles.list'>,
    'users.list': ((input, { caller }) => ({
      ...accounts.listUsers(caller, input),
      page: input.page,
      pageSize: input.pageSize,
    })) satisfies Handler<'users.list'>,
    'users.get': ((input, { caller }) => accounts.user(accounts.visibleUser(caller, input.id))) satisfies Handler<'users.get'>,
    'users.create': ((input, { caller }) => accounts.createUser(caller, input)) satisfies Handler<'users.create'>,
    'users.update': ((input, { caller }) => accounts.updateUser(caller, input)) satisfies Handler<'users.update'>,
    'users.setActive': ((input, { caller }) => accounts.setUserActive(caller, input.id, input.active)) satisfies Handler<'users.setActive'>,
    'users.resetPassword': (async (input, { caller }) => {
      await accounts.resetPassword(caller, input.id, input.newPassword);
      return { ok: true as const };
    }) satisfies Handler<'users.resetPassword'>,
  };
}

export function twoStepHandlers(accounts: AccountsService) {
  return {
    'auth.verifyTotp': ((input, { origin }) => accounts.signIn.verifyTotp(input, origin)) satisfies PublicHandler<'auth.verifyTotp'>,
    'auth.confirmTotpEnrolment': ((input, { origin }) => accounts.signIn.confirmEnrolment(input, origin)) satisfies PublicHandler<'auth.confirmTotpEnrolment'>,
    'totp.status': ((_input, { caller }) => accounts.totpStatus(caller)) satisfies Handler<'totp.status'>,
    'totp.begin': ((_input, { caller }) => accounts.beginTotp(caller)) satisfies Handler<'totp.begin'>,
    'totp.confirm': ((input, { caller }) => ({ recoveryCodes: accounts.confirmTotp(caller, input.code) })) satisfies Handler<'totp.confirm'>,
    'totp.disable': ((input, { caller }) => {
      accounts.disableTotp(caller, input.code);
      return { ok: true as const };
    }) satisfies Handler<'totp.disable'>,
    'users.resetTotp': ((input, { caller }) => {
      accounts.resetTotp(caller, input.id);
      return { ok: true as const };
    }) satisfies Handler<'users.resetTotp'>,
  };
}
