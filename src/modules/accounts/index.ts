export { AccountsService, userRowToUser, hashToken, type PublicUser, type NewUserInput } from './accounts.service.ts';
export { email, displayName, partnershipRole, newPassword } from './accounts.schemas.ts';
export { accountsRoutes } from './accounts.routes.tsx';
export { generateTemporaryPassword, PASSWORD_MIN_LENGTH } from './passwords.ts';
