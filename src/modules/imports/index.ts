export { ImportsService, type ImportSummary, type ImportOptions } from './imports.service.ts';
export { ImportError } from './import-errors.ts';
export { checksum, readCsv, readSource, rowNumber, type CsvTable, type SourceFile } from './csv-reader.ts';
export { looksLikeXlsx, readXlsx, type SheetTable } from './xlsx-reader.ts';
export type { GeographyResult } from './geography.importer.ts';
export type { SimdResult } from './simd.importer.ts';
export type { InequalityResult } from './cpop-inequality.importer.ts';
