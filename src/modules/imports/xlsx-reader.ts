import { checksum, type CsvTable, type SourceFile } from './csv-reader.ts';
import { ImportError } from './import-errors.ts';
import { readWorksheets, type Worksheet } from './xlsx.ts';

export { columnLetter } from './xlsx.ts';

/** A worksheet read as a table of text, like a CSV file. The header is the first row with two or more cells filled (titles and notes above it have one). */
export interface SheetTable extends CsvTable {
  sheet: string;
  /** The spreadsheet row of the header (1-based); data row i is on row headerRow + 1 + i. */
  headerRow: number;
}

/** An Excel workbook (.xlsx) starts as a zip archive does. */
export function looksLikeXlsx(source: SourceFile): boolean {
  return source.content[0] === 0x50 && source.content[1] === 0x4b;
}

/** A cell as text: blank for nothing, dates as YYYY-MM-DD. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** The worksheets of a workbook (all, or those `wanted`), as an ImportError naming the file if it cannot be read. */
export function readSheets(source: SourceFile, wanted?: (sheet: string) => boolean): { names: string[]; worksheets: Worksheet[] } {
  try {
    return readWorksheets(source.content, wanted);
  } catch (error) {
    // Reading touches nothing but the file's bytes, so whatever goes wrong is the file's to report.
    throw new ImportError(source.name, `is not an Excel workbook that can be read (${(error as Error).message})`);
  }
}

/**
 * A worksheet as a table of text: the header is the first row with two or more cells filled (or else the
 * first with one); blank rows at the end are counted, not kept. Undefined for an empty worksheet.
 */
export function sheetTable(source: SourceFile, worksheet: Worksheet, sum: string = checksum(source.content)): SheetTable | undefined {
  const text = worksheet.data.map((r) => r.map(cellText));
  const filled = (r: string[]) => r.filter((c) => c.trim() !== '').length;
  let h = text.findIndex((r) => filled(r) >= 2);
  if (h < 0) h = text.findIndex((r) => filled(r) >= 1);
  if (h < 0) return undefined;
  let end = text.length;
  while (end > h + 1 && text[end - 1]!.every((c) => c.trim() === '')) end--;
  return {
    file: `${source.name} (worksheet “${worksheet.sheet.trim()}”)`,
    sheet: worksheet.sheet,
    header: text[h]!.map((c) => c.trim()),
    rows: text.slice(h + 1, end),
    blankRows: text.length - end,
    headerRow: h + 1,
    checksum: sum,
    bytes: source.content.length,
  };
}

/**
 * Read one worksheet of an .xlsx workbook: the one named (in any case), or else the first with a header
 * row. Numbers come back as JavaScript writes the double the workbook stores (79.290000000000006 is
 * 79.29, the same number), dates as YYYY-MM-DD.
 */
export function readXlsx(source: SourceFile, sheetName?: string): SheetTable {
  const wanted = sheetName?.toLowerCase();
  const { names, worksheets } = readSheets(source, wanted === undefined ? undefined : (name) => name.toLowerCase() === wanted);
  if (sheetName) {
    const [named] = worksheets;
    if (!named) throw new ImportError(source.name, `has no worksheet named “${sheetName}” (it has: ${names.join(', ')})`);
    const table = sheetTable(source, named);
    if (!table) throw new ImportError(source.name, `worksheet “${named.sheet}” is empty`);
    return table;
  }
  const chosen = worksheets.find((w) => w.data.some((r) => r.filter((c) => cellText(c).trim() !== '').length >= 2));
  const table = chosen && sheetTable(source, chosen);
  if (!table) throw new ImportError(source.name, 'has no worksheet with anything in it');
  return table;
}
