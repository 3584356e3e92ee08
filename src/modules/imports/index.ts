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
export { importsRoutes } from './imports.routes.tsx';
export { NATIONAL_IMPORTS, nationalImport, type NationalImportKind } from './national-kinds.ts';
