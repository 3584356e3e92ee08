import readXlsxFile from 'read-excel-file/node';
import { checksum, type CsvTable, type SourceFile } from './csv-reader.ts';
import { ImportError } from './import-errors.ts';

/** A worksheet read as a table of text, like a CSV file. The header is the first row with two or more cells filled (titles and notes above it have one). */
export interface SheetTable extends CsvTable {
  sheet: string;
  /** The spreadsheet row of the header (1-based); data row i is on row headerRow + 1 + i. */
  headerRow: number;
}

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
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

/**
 * Read one worksheet of an .xlsx workbook: the one named, or else the first with a header row. Numbers
 * come back as the workbook stores them (full precision), dates as YYYY-MM-DD.
 */
export async function readXlsx(source: SourceFile, sheetName?: string): Promise<SheetTable> {
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readXlsxFile(source.content)) as { sheet: string; data: unknown[][] }[];
  } catch (error) {
    throw new ImportError(source.name, `is not an Excel workbook that can be read (${(error as Error).message})`);
  }
  const chosen = sheetName
    ? sheets.find((s) => s.sheet.toLowerCase() === sheetName.toLowerCase())
    : sheets.find((s) => s.data.some((r) => r.filter((c) => cellText(c).trim() !== '').length >= 2));
  if (!chosen) {
    throw new ImportError(source.name, sheetName ? `has no worksheet named “${sheetName}” (it has: ${sheets.map((s) => s.sheet).join(', ')})` : 'has no worksheet with anything in it');
  }
  const text = chosen.data.map((r) => r.map(cellText));
  const filled = (r: string[]) => r.filter((c) => c.trim() !== '').length;
  let h = text.findIndex((r) => filled(r) >= 2);
  if (h < 0) h = text.findIndex((r) => filled(r) >= 1);
  if (h < 0) throw new ImportError(source.name, `worksheet “${chosen.sheet}” is empty`);
  let end = text.length;
  while (end > h + 1 && text[end - 1]!.every((c) => c.trim() === '')) end--;
  return {
    file: `${source.name} (worksheet “${chosen.sheet}”)`,
    sheet: chosen.sheet,
    header: text[h]!.map((c) => c.trim()),
    rows: text.slice(h + 1, end),
    blankRows: text.length - end,
    headerRow: h + 1,
    checksum: checksum(source.content),
    bytes: source.content.length,
  };
}
