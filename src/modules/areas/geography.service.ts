import { distinctKeys } from '../../core/keys.ts';
import type { AreaLevel } from '../../db/schema.ts';
import type { GeographyDb, GeographyRepository } from './geography.repository.ts';

export type { GeographyDb } from './geography.repository.ts';

/** An area as other modules show it. */
export interface AreaName {
  code: string;
  name: string;
  level: AreaLevel;
  parent_code: string | null;
  /** Set for localities: the partnership that drew it. */
  partnership_id: number | null;
  fictional: boolean;
}

/**
 * What other modules read of Scotland's geography (issue #15, item 4: only the areas module names its tables).
 * Lookups take codes and answer in one query; codes not found are absent. Each takes an optional transaction
 * for a caller reading inside its own.
 */
export class Geography {
  constructor(private readonly repo: GeographyRepository) {}

  async areasByCodes(codes: readonly string[], db?: GeographyDb): Promise<Map<string, AreaName>> {
    const rows = await this.repo.areasByCodes(distinctKeys(codes), db);
    return new Map(rows.map((r) => [r.code, r]));
  }

  // What the outcomes engine reads of the geography: each one query, as it was when outcomes made it.

  /** Every council area's code (real and fictional), in code order. */
  async councilAreaCodes(): Promise<string[]> {
    return (await this.repo.councilAreaCodes()).map((a) => a.code);
  }

  /** Every council area's code and name, in no order. */
  councilAreaNames(): Promise<{ code: string; name: string }[]> {
    return this.repo.councilAreaNames();
  }

  /** The real (not fictional) council areas' codes, in code order: the council areas of the national picture. */
  async realCouncilAreaCodes(): Promise<string[]> {
    return (await this.repo.realCouncilAreaCodes()).map((a) => a.code);
  }

  /** The real council areas, by name, each with its CPOP family group (null when it has none). */
  realCouncilAreasWithCpopGroup(): Promise<{ code: string; name: string; group_number: number | null }[]> {
    return this.repo.realCouncilAreasWithCpopGroup();
  }

  /** A council area by code (real or fictional), or undefined. */
  councilArea(code: string): Promise<{ code: string; name: string; fictional: boolean } | undefined> {
    return this.repo.councilArea(code);
  }

  /** The intermediate zones (communities) of a council area, real or fictional as it is, by name then code. */
  councilZones(council: { code: string; fictional: boolean }): Promise<{ code: string; name: string }[]> {
    return this.repo.councilZones(council);
  }

  /** One intermediate zone of a council area (real or fictional as it is), or undefined. */
  councilZone(
    council: { code: string; fictional: boolean },
    zoneCode: string,
  ): Promise<{ code: string; name: string } | undefined> {
    return this.repo.councilZone(council, zoneCode);
  }

  /** A council area's intermediate zones, in no order, with their population (the sum of their data zones' in SIMD). */
  zonePopulations(councilCode: string): Promise<{ code: string; name: string; population: string | null }[]> {
    return this.repo.zonePopulations(councilCode);
  }

  /**
   * One of the partnership's localities (code and name), or undefined: another partnership's is not found (the
   * outcomes engine's locality pages; a plan of a locality is checked against it).
   */
  localityOfPartnership(
    partnershipId: number,
    localityCode: string,
    db?: GeographyDb,
  ): Promise<{ code: string; name: string } | undefined> {
    return this.repo.localityOfPartnership(partnershipId, localityCode, db);
  }

  /** The intermediate zones of one of the partnership's localities, by name: its own and those of its data zones. */
  localityZones(partnershipId: number, localityCode: string): Promise<{ code: string; name: string }[]> {
    return this.repo.localityZones(partnershipId, localityCode);
  }

  /** The partnership's localities (code and name), by name. */
  localityNames(partnershipId: number): Promise<{ code: string; name: string }[]> {
    return this.repo.localityNames(partnershipId);
  }

  /** The areas each of the partnership's localities is made of, with each area's level and parent, in no order. */
  localityMembership(
    partnershipId: number,
  ): Promise<{ locality_code: string; code: string; level: AreaLevel; parent_code: string | null }[]> {
    return this.repo.localityMembership(partnershipId);
  }

  /** The boundaries (GeoJSON, as stored) of the real areas of a level, in one parent when given, in code order. */
  boundaries(filter: {
    level: 'council_area' | 'intermediate_zone';
    parent?: string;
  }): Promise<{ code: string; name: string; geometry: unknown }[]> {
    return this.repo.boundaries(filter);
  }

  /** The real (not fictional) areas of these codes, code and name, in no order. */
  realAreaNames(codes: readonly string[]): Promise<{ code: string; name: string }[]> {
    return this.repo.realAreaNames(distinctKeys(codes));
  }

  /** The CPOP family groups: each council area's group number. */
  cpopFamilyGroups(): Promise<{ council_code: string; group_number: number }[]> {
    return this.repo.cpopFamilyGroups();
  }

  /** The codes of the fictional (demo) areas: what a national export leaves out. */
  async fictionalAreaCodes(): Promise<string[]> {
    return (await this.repo.fictionalAreaCodes()).map((a) => a.code);
  }

  // The national exports (`cairn export`): every row of a table of the geography, in a stable order.

  /** Every real area (code, name, level, parent), by level then code. */
  exportAreas() {
    return this.repo.exportAreas();
  }

  /** Every SIMD data zone row, by data zone. */
  exportSimd() {
    return this.repo.exportSimd();
  }

  /** Every population estimate, by area, year, sex and age. */
  exportPopulation() {
    return this.repo.exportPopulation();
  }

  /** Every family group membership, by scheme, group and council area. */
  exportFamilyGroups() {
    return this.repo.exportFamilyGroups();
  }
}
