import type { AccountsDb } from './accounts.repository.ts';

/**
 * What the accounts module reads of partnerships and organisations: their names and codes beside a user, a
 * role or a token (issue #15, item 4: only the partnerships module names its tables). A port of accounts' own,
 * declared here and not imported from the partnerships module, which depends on accounts (an import, even of a
 * type, would be a cycle); the composition root hands in the partnerships module's directory. Lookups take ids
 * and answer a Map in one query; ids not found are absent. Each takes an optional transaction.
 */
export interface PartnershipNames {
  partnershipsByIds(ids: readonly number[], db?: AccountsDb): Promise<Map<number, { code: string; name: string }>>;
  organisationsByIds(ids: readonly number[], db?: AccountsDb): Promise<Map<number, { name: string }>>;
}
