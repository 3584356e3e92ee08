export { ImportsService, type ImportSummary, type ImportOptions } from './imports.service.ts';
export { ImportError } from './import-errors.ts';
export { readSource, type SourceFile } from './csv-reader.ts';
export type { GeographyResult } from './geography.importer.ts';
export type { SimdResult } from './simd.importer.ts';
export type { InequalityResult } from './cpop-inequality.importer.ts';
