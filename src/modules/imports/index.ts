import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Router } from '../../core/http/router.ts';
import type { Clock } from '../../core/time.ts';
import type { Database } from '../../db/schema.ts';
import { importsRoutes } from './imports.routes.tsx';
import { ImportsService } from './imports.service.ts';

export { ImportsService, type ImportSummary, type ImportOptions } from './imports.service.ts';
export { ImportError, shown } from './import-errors.ts';
export {
  checksum,
  DEFAULT_IMPORT_LIMITS,
  headerKey,
  headerList,
  readCsv,
  readSource,
  rowNumber,
  type CsvTable,
  type ImportLimits,
  type SourceFile,
} from './csv-reader.ts';
export { looksLikeXlsx, readXlsx, type ImportTable, type SheetTable } from './xlsx-reader.ts';
export { readTable } from './table-reader.ts';
export type { GeographyResult } from './geography.importer.ts';
export type { SimdResult } from './simd.importer.ts';
export type { InequalityResult } from './cpop-inequality.importer.ts';
export type { PopulationResult } from './population.importer.ts';
export type { BoundaryResult, BoundaryGeometry } from './boundaries.importer.ts';
export type { LgbfIndicatorsResult, LgbfResult } from './lgbf.importer.ts';
export type { FamilyGroupResult } from './family-groups.importer.ts';
export type { NpfResult, NpfConflict } from './npf.importer.ts';
export { importsRoutes, type ImportsRoutesDeps } from './imports.routes.tsx';
export { NATIONAL_IMPORTS, nationalImport, type NationalImportKind } from './national-kinds.ts';

/** What the imports module needs from outside: exactly these, nothing else. */
export interface ImportsModuleDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** The limits every file is read under. */
  config: Pick<Config, 'imports'>;
}

export interface ImportsModule {
  services: { imports: ImportsService };
  /** The national files (/imports) and a partnership's own data (/partnerships/:partnership/data), in that order. */
  routes(router: Router): void;
}

export function importsModule(deps: ImportsModuleDeps): ImportsModule {
  const imports = new ImportsService(deps.db, deps.clock, deps.config.imports);
  return {
    services: { imports },
    routes: (router) => importsRoutes(router, { imports }),
  };
}
