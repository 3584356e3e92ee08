import type { LocalitiesDb, LocalitiesRepository, NewLocality } from './localities.repository.ts';

export type { LocalitiesDb, NewLocality } from './localities.repository.ts';

/**
 * The localities partnerships draw from the geography (issue #15, item 4: a locality is a row of `areas`, made
 * of other areas in locality_components, so the areas module owns both; the partnerships module asks here).
 * No authorisation: the caller's. Each method takes an optional transaction; the write takes the caller's, so
 * the locality commits with the caller's audit row.
 */
export class Localities {
  constructor(private readonly repo: LocalitiesRepository) {}

  /** A partnership's localities (code, name, fictional, how many areas each is made of), by name. */
  localitiesOf(partnershipId: number, db?: LocalitiesDb) {
    return this.repo.listLocalities(partnershipId, db);
  }

  /** The areas a partnership's localities are made of (each with its locality's code), by area name. */
  componentsOf(partnershipId: number, db?: LocalitiesDb) {
    return this.repo.listLocalityComponents(partnershipId, db);
  }

  /**
   * Which of these codes are areas a locality of the council area may be made of (an intermediate zone, data
   * zone or ward inside it), with their level.
   */
  componentAreas(councilAreaCode: string, codes: readonly string[], db?: LocalitiesDb) {
    return this.repo.findComponentAreas(councilAreaCode, codes, db);
  }

  /** Write a new locality and the areas it is made of, in the caller's transaction; the locality's row. */
  async createLocality(trx: LocalitiesDb, locality: NewLocality, componentCodes: readonly string[]) {
    const row = await this.repo.insertLocality(locality, trx);
    if (componentCodes.length) await this.repo.insertLocalityComponents(locality.code, componentCodes, trx);
    return row;
  }
}
