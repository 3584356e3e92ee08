import {
  checkFileSize,
  checkHeader,
  DEFAULT_IMPORT_LIMITS,
  fitRow,
  readCsv,
  rowNumber,
  type ImportLimits,
  type SourceFile,
} from './csv-reader.ts';
import { looksLikeXlsx, readXlsx, type ImportTable } from './xlsx-reader.ts';

/**
 * Read a file that may be CSV or an Excel workbook (told by its zip signature) under the import limits,
 * and hold a worksheet to the header rule a CSV file is held to: each column named once (readCsv also
 * refuses ragged rows; a worksheet's rows are as wide as its widest). Every importer that takes either
 * (land register, resources, population, NPF) reads through here. A CSV file's header is row 1.
 */
export async function readTable(
  source: SourceFile,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
  sheetName?: string,
): Promise<ImportTable> {
  checkFileSize(source, limits);
  if (!looksLikeXlsx(source)) {
    const table = readCsv(source, limits);
    return { ...table, headerRow: 1, rowNumbers: table.rows.map((_, i) => rowNumber(i)) };
  }
  const table = await readXlsx(source, limits, sheetName);
  checkHeader(table, table.headerRow);
  table.rows = table.rows.map((cells, i) => fitRow(table, cells, table.rowNumbers[i]!, 'pad'));
  return table;
}
