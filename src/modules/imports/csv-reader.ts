import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadConfig, type Config } from '../../config.ts';
import { ImportError, shown } from './import-errors.ts';

export interface CsvTable {
  file: string;
  header: string[];
  /** Data rows; `rowNumber(i)` gives the spreadsheet row of rows[i]. */
  rows: string[][];
  /** Rows whose every cell was blank (e.g. ",,,,"), dropped and counted. */
  blankRows: number;
  checksum: string;
  bytes: number;
}

export interface SourceFile {
  /** What the user calls the file (its base name), used in every message. */
  name: string;
  content: Buffer;
}

/**
 * The limits every import reads a file under: the file's bytes (CAIRN_IMPORT_MAX_MB), the bytes a workbook
 * may inflate to (CAIRN_XLSX_MAX_INFLATED_MB) and the cells a file may hold (CAIRN_IMPORT_MAX_CELLS). Services
 * are given the configured ones by the composition root (deps.ts).
 */
export type ImportLimits = Config['imports'];

/** The configuration's defaults (the same schema, no environment), for code that reads a file outside a configured service. */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = loadConfig({}).imports;

/**
 * The most characters one CSV row may hold (csv-parse's max_record_size). The longest row of the real
 * files in ../shared/data is 1,507 characters, and the longest text a form takes in an imported row (a
 * land register description, 2,000) fits many times over; a row past it is refused before it is held.
 */
export const CSV_MAX_ROW_CHARS = 65_536;

/**
 * The most cells one CSV row may hold, header included. The widest real file is SIMD's with 49 columns;
 * a row of a million empty cells (",,,,…") would otherwise cost hundreds of megabytes before any check.
 */
export const CSV_MAX_COLUMNS = 1_000;

export function readSource(filePath: string): SourceFile {
  try {
    return { name: path.basename(filePath), content: readFileSync(filePath) };
  } catch (error) {
    throw new ImportError(
      path.basename(filePath),
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

export function checksum(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

const size = (bytes: number) =>
  bytes < 1_048_576
    ? `${Math.ceil(bytes / 1024).toLocaleString('en-GB')} KB`
    : `${(bytes / 1_048_576).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;

/** Refuse a file larger than the configured limit, before anything is decoded or parsed. */
export function checkFileSize(source: SourceFile, limits: ImportLimits): void {
  if (source.content.length > limits.maxFileBytes) {
    throw new ImportError(
      source.name,
      `is ${size(source.content.length)}: the largest file Cairn imports is ${size(limits.maxFileBytes)} (CAIRN_IMPORT_MAX_MB)`,
    );
  }
}

const startsWith = (content: Buffer, ...bytes: number[]) =>
  content.length >= bytes.length && bytes.every((b, i) => content[i] === b);

/** Little- or big-endian UTF-16 without a byte-order mark: in the first 4 KB, nearly every other byte is NUL (as ASCII text in UTF-16 is). */
function utf16WithoutBom(content: Buffer): 'little' | 'big' | undefined {
  const pairs = Math.floor(Math.min(content.length, 4096) / 2);
  if (pairs < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (content[2 * i] === 0) evenNul++;
    if (content[2 * i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.9 && evenNul <= pairs * 0.1) return 'little';
  if (evenNul >= pairs * 0.9 && oddNul <= pairs * 0.1) return 'big';
  return undefined;
}

/**
 * What a file is, when its first bytes say it is not UTF-8 text: the end of a sentence that begins with
 * the file's name, saying what to do. Undefined for anything that may be text.
 */
export function notTextBecause(content: Buffer, expected: string): string | undefined {
  const saveAs = `save it as UTF-8 ${expected} (in Excel: Save As, “CSV UTF-8”)`;
  if (startsWith(content, 0xff, 0xfe, 0x00, 0x00) || startsWith(content, 0x00, 0x00, 0xfe, 0xff))
    return `is UTF-32 text, not UTF-8: ${saveAs}`;
  if (startsWith(content, 0xff, 0xfe))
    return `is UTF-16 text (little-endian, with a byte-order mark), not UTF-8: ${saveAs}`;
  if (startsWith(content, 0xfe, 0xff))
    return `is UTF-16 text (big-endian, with a byte-order mark), not UTF-8: ${saveAs}`;
  if (startsWith(content, 0x50, 0x4b, 0x03, 0x04) || startsWith(content, 0x50, 0x4b, 0x05, 0x06)) {
    // A zip archive: Office files are told apart by the folders their parts are in.
    if (content.includes('application/vnd.oasis.opendocument.spreadsheet'))
      return `is an OpenDocument spreadsheet (.ods), not ${expected}: ${saveAs}`;
    if (content.includes('xl/'))
      return `is an Excel workbook (.xlsx), not ${expected}: upload it where workbooks are accepted, or ${saveAs}`;
    if (content.includes('word/'))
      return `is a Word document (.docx), not ${expected}: export the table from it as ${expected}`;
    return `is a zip archive, not ${expected}: unzip it and upload the ${expected} file inside`;
  }
  if (startsWith(content, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    return `is an old Excel .xls workbook (or another Office 97–2003 file), not ${expected}: open it in Excel and save it as an Excel Workbook (.xlsx) where workbooks are accepted, or ${saveAs}`;
  }
  if (startsWith(content, 0x25, 0x50, 0x44, 0x46, 0x2d))
    return `is a PDF, not ${expected}: Cairn cannot read a table out of a PDF; ask its publisher for the ${expected} file`;
  if (startsWith(content, 0x1f, 0x8b))
    return `is compressed (gzip), not ${expected}: decompress it and upload the file inside`;
  const utf16 = utf16WithoutBom(content);
  if (utf16) return `is UTF-16 text (${utf16}-endian, without a byte-order mark), not UTF-8: ${saveAs}`;
  if (content.includes(0))
    return `is not a text file (it holds NUL bytes, as images, workbooks and other binary files do): upload the ${expected} file itself`;
  return undefined;
}

/** Control characters no text file holds (all but tab, line feed and carriage return), which binary files are full of. */
const isControl = (b: number) => (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f;

/**
 * Text that is not UTF-8 but holds no control characters is text in an 8-bit encoding: Windows-1252 (or
 * Latin-1), as older Excel saves CSV, or a UTF-8 file with one such character pasted in. Anything with
 * control characters is not text at all, and is not called Windows-1252.
 */
const couldBeWindows1252 = (content: Buffer) => content.findIndex(isControl) < 0;

/**
 * Check a file fits the limits and is UTF-8 text, or say what it is instead. `expected` names what the
 * importer reads ("CSV", "GeoJSON") in the messages. `misencoded` is true for text that could be
 * Windows-1252, so that a reader can name the row and column of its first character that is not UTF-8.
 */
export function checkText(source: SourceFile, limits: ImportLimits, expected: string): { misencoded: boolean } {
  checkFileSize(source, limits);
  const content = source.content;
  const because = notTextBecause(content, expected);
  if (because) throw new ImportError(source.name, because);
  if (isUtf8(content)) return { misencoded: false };
  if (couldBeWindows1252(content)) return { misencoded: true };
  const bad = content.findIndex(isControl);
  throw new ImportError(
    source.name,
    `is not text (it holds control characters, such as byte 0x${content[bad]!.toString(16).padStart(2, '0')} at offset ${bad}, as binary files do): upload the ${expected} file itself`,
  );
}

/** A file as UTF-8 text (its byte-order mark dropped), under the limits and with `checkText`'s messages. */
export function readText(source: SourceFile, limits: ImportLimits, expected: string): string {
  if (checkText(source, limits, expected).misencoded)
    throw new ImportError(
      source.name,
      `is not UTF-8 text (it looks like Windows-1252 or Latin-1): save it as UTF-8 ${expected}`,
    );
  return new TextDecoder('utf-8').decode(source.content);
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Walk CSV text once before parsing it, counting the cells of each row (a comma or line break inside
 * quotes is part of a field; an escaped quote "" toggles twice and so changes nothing), and refuse a row
 * wider than CSV_MAX_COLUMNS or a file of more than `maxCells` cells, naming the row, before the parser
 * builds a single record. Rows are counted as the parser counts them: empty lines are skipped.
 */
function checkShape(file: string, bytes: Buffer, maxCells: number): void {
  let quoted = false;
  let cells = 1;
  let empty = true;
  let rows = 0;
  let total = 0;
  const endRow = () => {
    if (!empty) {
      rows++;
      total += cells;
      if (total > maxCells)
        throw new ImportError(
          file,
          `holds more than ${maxCells.toLocaleString('en-GB')} cells, the most Cairn reads from one file (CAIRN_IMPORT_MAX_CELLS)`,
          rows,
        );
    }
    cells = 1;
    empty = true;
  };
  // UTF-8 never uses the bytes of ASCII characters inside another character, so bytes can be counted.
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === QUOTE) {
      quoted = !quoted;
      empty = false;
    } else if (quoted) {
      continue;
    } else if (c === COMMA) {
      empty = false;
      if (++cells > CSV_MAX_COLUMNS)
        throw new ImportError(
          file,
          `has more than ${CSV_MAX_COLUMNS.toLocaleString('en-GB')} cells in a row, the most Cairn reads`,
          rows + 1,
          String(cells),
        );
    } else if (c === LF || c === CR) {
      endRow();
    } else {
      empty = false;
    }
  }
  endRow();
}

/** Parse a CSV file as published: UTF-8 (with or without a byte-order mark), comma-separated, a header row. */
export function readCsv(source: SourceFile, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): CsvTable {
  const { misencoded } = checkText(source, limits, 'CSV');
  // Text that is not UTF-8 is read leniently (bad bytes become U+FFFD) only to say where the first one is.
  const bytes = misencoded ? Buffer.from(new TextDecoder('utf-8').decode(source.content)) : source.content;
  checkShape(source.name, bytes, limits.maxCells);
  let records: string[][];
  try {
    records = parse(bytes, {
      bom: true,
      skip_empty_lines: true,
      relax_quotes: false,
      relax_column_count: true,
      trim: false,
      max_record_size: CSV_MAX_ROW_CHARS,
    }) as string[][];
  } catch (error) {
    const e = error as { code?: string; lines?: number; records?: number; column?: number; message: string };
    if (misencoded)
      throw new ImportError(
        source.name,
        'is not UTF-8 text (it looks like Windows-1252 or Latin-1): save it as UTF-8 CSV',
      );
    if (e.code === 'CSV_MAX_RECORD_SIZE') {
      throw new ImportError(
        source.name,
        `holds more than ${CSV_MAX_ROW_CHARS.toLocaleString('en-GB')} characters in one row, the most Cairn reads (is a quote left open?)`,
        (e.records ?? 0) + 1,
        headerAt(bytes, e.column),
      );
    }
    throw new ImportError(
      source.name,
      `is not valid CSV: ${e.message.replace(/^Invalid Record Length: /, '')}`,
      e.lines,
    );
  }
  if (misencoded) locateEncodingFault(source.name, records);
  const [header, ...all] = records;
  if (!header) throw new ImportError(source.name, 'is empty');
  // Row numbers in messages must stay true to the file, so blank rows are only dropped at the end.
  let end = all.length;
  while (end > 0 && all[end - 1]!.every((c) => c.trim() === '')) end--;
  const table = {
    file: source.name,
    header: header.map((h) => h.trim()),
    rows: all.slice(0, end),
    blankRows: all.length - end,
    checksum: checksum(source.content),
    bytes: source.content.length,
  };
  checkHeader(table, 1);
  table.rows = table.rows.map((cells, i) => fitRow(table, cells, rowNumber(i)));
  return table;
}

/** The name of column `index` of the file's header (which fits the limits when a later row does not). */
function headerAt(bytes: Buffer, index: number | undefined): string | undefined {
  if (index === undefined) return undefined;
  try {
    const [header] = parse(bytes, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      to: 1,
      max_record_size: CSV_MAX_ROW_CHARS,
    }) as string[][];
    return header?.[index]?.trim() || `${index + 1}`;
  } catch {
    return `${index + 1}`;
  }
}

/** Text that could be Windows-1252: name the row and column of the first character that is not UTF-8. */
function locateEncodingFault(file: string, records: string[][]): void {
  const header = records[0] ?? [];
  for (let r = 0; r < records.length; r++) {
    const c = records[r]!.findIndex((cell) => cell.includes('\uFFFD'));
    if (c < 0) continue;
    throw new ImportError(
      file,
      `is not UTF-8 text: “${shown(records[r]![c]!.trim())}” has a character saved in another encoding (Windows-1252 or Latin-1?); save the file as UTF-8 CSV`,
      r + 1,
      r === 0 ? undefined : header[c]?.trim() || `${c + 1}`,
    );
  }
  throw new ImportError(file, 'is not UTF-8 text (it looks like Windows-1252 or Latin-1): save it as UTF-8 CSV');
}

/**
 * A header names each column once. Two columns with one name (compared as `headerKey` does, so
 * "Area code" and "area_code" are one name) are refused: an importer would silently read the first.
 * Blank headings may repeat: such columns have no name, so nothing reads them.
 */
export function checkHeader(table: Pick<CsvTable, 'file' | 'header'>, headerRow: number): void {
  const first = new Map<string, number>();
  table.header.forEach((h, i) => {
    const key = headerKey(h);
    if (key === '') return;
    const earlier = first.get(key);
    if (earlier !== undefined) {
      throw new ImportError(
        table.file,
        `has two columns headed “${shown(table.header[earlier]!)}” (columns ${earlier + 1} and ${i + 1}): rename or remove one`,
        headerRow,
        shown(h),
      );
    }
    first.set(key, i);
  });
}

/**
 * A row has one cell for each column of the header. A CSV row with fewer is cut short and refused,
 * naming the first missing column; a worksheet row with fewer (`short: 'pad'`) is padded with blanks, as
 * a workbook does not store the empty cells at the end of a row. Cells past the last column are dropped
 * when blank — spreadsheets export trailing empty cells (the NPF database's CSV export has 54 rows with
 * one) — and refused when they hold anything, which no importer would read.
 */
export function fitRow(
  table: Pick<CsvTable, 'file' | 'header'>,
  cells: string[],
  row: number,
  short: 'refuse' | 'pad' = 'refuse',
): string[] {
  const width = table.header.length;
  if (cells.length < width) {
    if (short === 'pad') return [...cells, ...Array<string>(width - cells.length).fill('')];
    throw new ImportError(
      table.file,
      `has ${cells.length} cell${cells.length === 1 ? '' : 's'} where the header has ${width}: is the row cut short?`,
      row,
      shown(table.header[cells.length]!) || `${cells.length + 1}`,
    );
  }
  if (cells.length === width) return cells;
  const extra = cells.findIndex((c, j) => j >= width && c.trim() !== '');
  if (extra >= 0)
    throw new ImportError(
      table.file,
      `“${shown(cells[extra]!.trim())}” is beyond the last column`,
      row,
      `${extra + 1} (no heading)`,
    );
  return cells.slice(0, width);
}

/** A column heading as importers compare them: trimmed, lower case, spaces, hyphens and underscores as one "_". */
export const headerKey = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');

/** Markers publishers put where a value is missing (CPOP, SIMD, LGBF, NPF): read as "no value". */
export const MISSING_MARKERS: ReadonlySet<string> = new Set(['', 'NA', 'N/A', 'n/a', '#N/A', '*', '..', 'dna']);

export const rowNumber = (index: number): number => index + 2;

/** Count one more row skipped for a reason, in an import's summary. */
export function countReason(counts: Record<string, number>, reason: string): void {
  counts[reason] = (counts[reason] ?? 0) + 1;
}

/** The header's names for a message, cut short when there are many. */
export function headerList(header: readonly string[], most = 20): string {
  const named = header.map((h) => shown(h, 60));
  return named.length > most ? `${named.slice(0, most).join(', ')} and ${named.length - most} more` : named.join(', ');
}

/** Find the named columns, or fail naming every one that is missing. */
export function requireColumns<K extends string>(table: CsvTable, names: readonly K[]): Record<K, number> {
  const missing = names.filter((n) => !table.header.includes(n));
  if (missing.length) {
    throw new ImportError(
      table.file,
      `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${headerList(table.header)})`,
      1,
    );
  }
  return Object.fromEntries(names.map((n) => [n, table.header.indexOf(n)])) as Record<K, number>;
}
