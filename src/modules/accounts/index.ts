export { AccountsService, type PublicUser, type NewUserInput } from './accounts.service.ts';
export { email, displayName, newPassword, partnershipRole } from './accounts.schemas.ts';
export { accountsRoutes } from './accounts.routes.tsx';
