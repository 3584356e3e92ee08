import { distinctKeys } from '../../core/keys.ts';
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
}
