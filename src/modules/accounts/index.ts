import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Router } from '../../core/http/router.ts';
import type { Clock } from '../../core/time.ts';
import type { Database } from '../../db/schema.ts';
import { AccountsRepository } from './accounts.repository.ts';
import { accountsRoutes } from './accounts.routes.tsx';
import { AccountsService } from './accounts.service.ts';
import { PeopleRepository } from './directory.repository.ts';
import { PeopleDirectory } from './directory.service.ts';
import { NoticesRepository } from './notices.repository.ts';
import { Notices } from './notices.service.ts';
import type { PartnershipNames } from './partnership-names.ts';
import { TokensRepository } from './tokens.repository.ts';
import { TokensService } from './tokens.service.ts';

export { AccountsService, type PublicUser, type NewUserInput } from './accounts.service.ts';
export { PeopleDirectory, type PersonName, type PeopleDb } from './directory.service.ts';
export { Notices, type NoticesDb } from './notices.service.ts';
export { TokensService, type PublicToken, type TokenResolution } from './tokens.service.ts';
export { TokensRepository } from './tokens.repository.ts';
export { email, displayName, newPassword, partnershipRole } from './accounts.schemas.ts';
export { acceptsToken, bearerToken, refuseToken, useOf } from './tokens.http.ts';

/** What the accounts module needs from outside: exactly these, nothing else. */
export interface AccountsModuleDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** Sign-in limits and session length (the service); the cookie's settings and the site's address (routes). */
  config: Pick<Config, 'login' | 'sessionHours' | 'secureCookies' | 'baseUrl'>;
  /**
   * Partnerships' and organisations' names and codes beside users, roles and tokens: the partnerships module's
   * directory, through a port of accounts' own (the partnerships module depends on accounts).
   */
  partnershipNames: PartnershipNames;
}

export interface AccountsModule {
  services: { accounts: AccountsService; tokens: TokensService; people: PeopleDirectory; notices: Notices };
  /** Sign-in and out, the account page, personal API tokens, the administration of accounts. */
  routes(router: Router): void;
}

/** Accounts, sessions and personal API tokens. */
export function accountsModule(deps: AccountsModuleDeps): AccountsModule {
  const accounts = new AccountsService(new AccountsRepository(deps.db), deps.clock, deps.config, deps.partnershipNames);
  const tokens = new TokensService(new TokensRepository(deps.db), deps.clock, deps.partnershipNames);
  const people = new PeopleDirectory(new PeopleRepository(deps.db));
  const notices = new Notices(new NoticesRepository(deps.db));
  return {
    services: { accounts, tokens, people, notices },
    routes: (router) => accountsRoutes(router, { accounts, tokens, config: deps.config }),
  };
}
