import { distinctKeys } from '../../core/keys.ts';
import type { MembershipKind } from '../../db/schema.ts';
import type { DirectoryDb, DirectoryRepository } from './directory.repository.ts';

export type { DirectoryDb } from './directory.repository.ts';

/** A partnership as other modules show it. */
export interface PartnershipName {
  id: number;
  code: string;
  name: string;
  council_area_code: string;
  fictional: boolean;
}

/** An organisation as other modules show it. */
export interface OrganisationName {
  id: number;
  name: string;
  type_code: string;
  owner_partnership_id: number | null;
  fictional: boolean;
}

/** A public service authority of a partnership: an organisation that can receive community requests. */
export interface PartnershipAuthority {
  id: number;
  name: string;
  type_code: string;
}

/** A partner organisation of a partnership, with how it is a member. */
export interface PartnerOrganisation {
  id: number;
  name: string;
  kind: MembershipKind;
}

/**
 * What other modules read of partnerships and organisations (issue #15, item 4: only the partnerships module
 * names its tables). It needs nothing but the database, so the composition root can build it before the
 * modules that the partnerships module itself depends on (accounts, audit), and hand it to them through a
 * port they declare.
 *
 * Lookups take ids and answer a Map in one query (no query per row); ids not found are absent from the Map.
 * Each takes an optional transaction for a caller reading inside its own.
 */
export class PartnershipDirectory {
  constructor(private readonly repo: DirectoryRepository) {}

  async partnershipsByIds(ids: readonly number[], db?: DirectoryDb): Promise<Map<number, PartnershipName>> {
    const rows = await this.repo.partnershipsByIds(distinctKeys(ids), db);
    return new Map(rows.map((r) => [r.id, r]));
  }

  async organisationsByIds(ids: readonly number[], db?: DirectoryDb): Promise<Map<number, OrganisationName>> {
    const rows = await this.repo.organisationsByIds(distinctKeys(ids), db);
    return new Map(rows.map((r) => [r.id, r]));
  }

  async partnershipsByCodes(codes: readonly string[], db?: DirectoryDb): Promise<Map<string, PartnershipName>> {
    const rows = await this.repo.partnershipsByCodes(distinctKeys(codes), db);
    return new Map(rows.map((r) => [r.code, r]));
  }

  /**
   * The organisations of a partnership that can receive community requests: its statutory partners (public
   * service authorities), by name.
   */
  authorities(partnershipId: number, db?: DirectoryDb): Promise<PartnershipAuthority[]> {
    return this.repo.authorities(partnershipId, undefined, db);
  }

  /** One of the partnership's public service authorities (as `authorities` lists them), or undefined. */
  async authority(partnershipId: number, organisationId: number, db?: DirectoryDb) {
    const [row] = await this.repo.authorities(partnershipId, organisationId, db);
    return row as PartnershipAuthority | undefined;
  }

  /**
   * The ids of the public service authorities (statutory partners, the only organisations a request is made to)
   * whose name, lower-cased, matches a LIKE pattern the caller has lower-cased and escaped: for a search of the
   * registers by the authority's name. Kept to authorities so that a search for one letter does not send every
   * organisation's id back into the register's query.
   */
  authorityIdsNamedLike(pattern: string, db?: DirectoryDb): Promise<number[]> {
    return this.repo.authorityIdsNamedLike(pattern, db);
  }

  /**
   * The partnership's partner organisations (every kind of membership), each with its name and kind, by name:
   * who may lead or contribute to its plans' actions and commit resources (the partnership a condition of the
   * query).
   */
  partnerOrganisations(partnershipId: number, db?: DirectoryDb): Promise<PartnerOrganisation[]> {
    return this.repo.partnerOrganisations(partnershipId, db);
  }

  /** Every partnership, by name: for a national view that sets them all side by side. */
  allPartnerships(db?: DirectoryDb): Promise<PartnershipName[]> {
    return this.repo.allPartnerships(db);
  }

  /**
   * The national organisations (owned by no partnership), by name: the national bodies that offer support and
   * that audit recommendations may be addressed to.
   */
  nationalOrganisations(db?: DirectoryDb): Promise<{ id: number; name: string }[]> {
    return this.repo.nationalOrganisations(db);
  }
}
