import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ImportError } from './import-errors.ts';

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

export function readSource(filePath: string): SourceFile {
  try {
    return { name: path.basename(filePath), content: readFileSync(filePath) };
  } catch (error) {
    throw new ImportError(path.basename(filePath), `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export function checksum(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Parse a CSV file as published: UTF-8 (with or without a byte-order mark), comma-separated, a header row. */
export function readCsv(source: SourceFile): CsvTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(source.content);
  } catch {
    const bad = source.content.findIndex((b) => b >= 0x80);
    throw new ImportError(source.name, `is not UTF-8 text (the first byte that is not, at offset ${bad}, suggests Windows-1252 or Latin-1: save it as UTF-8 CSV)`);
  }
  if (text.includes('\u0000')) throw new ImportError(source.name, 'is not a text file (is it an Excel workbook saved with a .csv name?)');
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_quotes: false, relax_column_count: true, trim: false }) as string[][];
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new ImportError(source.name, `is not valid CSV: ${e.message.replace(/^Invalid Record Length: /, '')}`, e.lines);
  }
  const [header, ...all] = records;
  if (!header) throw new ImportError(source.name, 'is empty');
  // Row numbers in messages must stay true to the file, so blank rows are only dropped at the end.
  let end = all.length;
  while (end > 0 && all[end - 1]!.every((c) => c.trim() === '')) end--;
  const rows = all.slice(0, end);
  return { file: source.name, header: header.map((h) => h.trim()), rows, blankRows: all.length - end, checksum: checksum(source.content), bytes: source.content.length };
}

/** Markers publishers put where a value is missing (CPOP, SIMD, LGBF, NPF): read as "no value". */
export const MISSING_MARKERS: ReadonlySet<string> = new Set(['', 'NA', 'N/A', 'n/a', '#N/A', '*', '..', 'dna']);

export const rowNumber = (index: number): number => index + 2;

/** Count one more row skipped for a reason, in an import's summary. */
export function countReason(counts: Record<string, number>, reason: string): void {
  counts[reason] = (counts[reason] ?? 0) + 1;
}

/** Find the named columns, or fail naming every one that is missing. */
export function requireColumns<K extends string>(table: CsvTable, names: readonly K[]): Record<K, number> {
  const missing = names.filter((n) => !table.header.includes(n));
  if (missing.length) {
    throw new ImportError(table.file, `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${table.header.join(', ')})`, 1);
  }
  return Object.fromEntries(names.map((n) => [n, table.header.indexOf(n)])) as Record<K, number>;
}
