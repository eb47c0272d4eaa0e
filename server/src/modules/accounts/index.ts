export { accountRoutes } from './account-routes';
export {
  type AccountService,
  createAccountService,
  type ResolvedSession,
  type SessionUser,
  toActor,
} from './account-service';
export { hashPassword } from './password';
export { createSessionRepository } from './session-repository';
