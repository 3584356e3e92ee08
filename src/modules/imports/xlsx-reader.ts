import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
// Types only from the CSV reader: this module is also the worker's, which should load no more than it uses.
import type { CsvTable, SourceFile } from './csv-reader.ts';
import { ImportError } from './import-errors.ts';
import { readWorksheets, XlsxLimitError, type CellValue, type Worksheet, type XlsxLimits } from './xlsx.ts';

export { columnLetter } from './xlsx.ts';
export type { XlsxLimits } from './xlsx.ts';

/** A table read from an upload, CSV or worksheet (table-reader.ts), with the spreadsheet row each data row came from. */
export interface ImportTable extends CsvTable {
  /** The spreadsheet row of the header (1-based). */
  headerRow: number;
  /** rows[i] is on spreadsheet row rowNumbers[i]. */
  rowNumbers: number[];
}

/**
 * A worksheet read as a table of text, like a CSV file. The header is the first row with two or more cells
 * filled (titles and notes above it have one). Rows with nothing in them are left out wherever they are,
 * so a gap of a million rows costs nothing; rowNumbers keeps each row's true number for messages, and
 * blankRows counts the rows left out between the header and the last row.
 */
export interface SheetTable extends ImportTable {
  sheet: string;
}

/** The file's SHA-256, as csv-reader's checksum gives it. */
const checksum = (content: Buffer) => createHash('sha256').update(content).digest('hex');

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

/** A worksheet as a table of text (every row as wide as the widest); undefined for an empty worksheet. */
export function sheetTable(
  source: SourceFile,
  worksheet: Worksheet,
  sum: string = checksum(source.content),
): SheetTable | undefined {
  const { rows, width } = worksheet;
  const text = (cells: CellValue[]) => Array.from({ length: width }, (_, j) => cellText(cells[j]));
  // Every row kept has a value, and no value reads as blank (strings are trimmed, empty ones dropped).
  let h = rows.findIndex((r) => r.cells.filter((c) => c !== null).length >= 2);
  if (h < 0) h = 0;
  const header = rows[h];
  if (!header) return undefined;
  const data = rows.slice(h + 1);
  const last = data.at(-1)?.row ?? header.row;
  return {
    file: `${source.name} (worksheet “${worksheet.sheet.trim()}”)`,
    sheet: worksheet.sheet,
    header: text(header.cells).map((c) => c.trim()),
    rows: data.map((r) => text(r.cells)),
    rowNumbers: data.map((r) => r.row),
    blankRows: last - header.row - data.length,
    headerRow: header.row,
    checksum: sum,
    bytes: source.content.length,
  };
}

/** The worksheets of a workbook (all, or the one named, in any case), as an ImportError naming the file if it cannot be read. */
function worksheetsOf(
  source: SourceFile,
  limits: XlsxLimits,
  sheetName?: string,
): { names: string[]; worksheets: Worksheet[] } {
  const wanted = sheetName?.toLowerCase();
  try {
    return readWorksheets(
      source.content,
      limits,
      wanted === undefined ? undefined : (name) => name.toLowerCase() === wanted,
    );
  } catch (error) {
    // Reading touches nothing but the file's bytes, so whatever goes wrong is the file's to report.
    if (error instanceof XlsxLimitError)
      throw new ImportError(source.name, `is too large to read: it ${error.message}`);
    throw new ImportError(source.name, `is not an Excel workbook that can be read (${(error as Error).message})`);
  }
}

/**
 * One worksheet as a table: the one named (in any case), or else the first with a header row. Numbers come
 * back as JavaScript writes the double the workbook stores (79.290000000000006 is 79.29, the same number),
 * dates as YYYY-MM-DD. Runs in the calling thread: readXlsx runs it in a worker.
 */
export function worksheetTable(source: SourceFile, limits: XlsxLimits, sheetName?: string): SheetTable {
  const { names, worksheets } = worksheetsOf(source, limits, sheetName);
  if (sheetName) {
    const [named] = worksheets;
    if (!named)
      throw new ImportError(source.name, `has no worksheet named “${sheetName}” (it has: ${names.join(', ')})`);
    const table = sheetTable(source, named);
    if (!table) throw new ImportError(source.name, `worksheet “${named.sheet}” is empty`);
    return table;
  }
  const sum = checksum(source.content);
  for (const worksheet of worksheets) {
    const table = sheetTable(source, worksheet, sum);
    if (table && table.header.filter((c) => c !== '').length >= 2) return table;
  }
  throw new ImportError(source.name, 'has no worksheet with anything in it');
}

/** Every worksheet with something in it, as tables; the workbook is read once. Runs in the calling thread: readWorkbook runs it in a worker. */
export function workbookTables(source: SourceFile, limits: XlsxLimits): SheetTable[] {
  const sum = checksum(source.content);
  const tables = worksheetsOf(source, limits)
    .worksheets.map((w) => sheetTable(source, w, sum))
    .filter((t) => t !== undefined); // an empty worksheet holds nothing to load
  if (tables.length === 0) throw new ImportError(source.name, 'has no worksheet with anything in it');
  return tables;
}

// --- Off the request thread ------------------------------------------------------------------------
//
// Reading a workbook is CPU work proportional to what it unpacks to (up to CAIRN_XLSX_MAX_INFLATED_MB),
// so it runs in a worker thread: the server goes on answering while it reads, and a worker has a heap
// limit of its own, so a workbook that gets past the limits above still cannot take the process down
// (ADR 0012). One worker per workbook: it starts in about 0.1 s, small beside reading a real one.

/** What a worker is asked to read: one worksheet (named, or the first with a header) or all of them. */
export interface XlsxJob {
  source: SourceFile;
  limits: XlsxLimits;
  all: boolean;
  sheetName?: string;
}

/** A worker's answer: the tables, or the ImportError that refused the file. */
export type XlsxAnswer = { tables: SheetTable[] } | { refused: { file: string; problem: string } };

/** The worker's side: do the job, and answer with tables or with the refusal (any other error is a fault, thrown). */
export function answerJob(job: XlsxJob): XlsxAnswer {
  // A Buffer arrives in a worker as a plain Uint8Array.
  const source = {
    name: job.source.name,
    content: Buffer.from(job.source.content.buffer, job.source.content.byteOffset, job.source.content.byteLength),
  };
  try {
    return {
      tables: job.all ? workbookTables(source, job.limits) : [worksheetTable(source, job.limits, job.sheetName)],
    };
  } catch (error) {
    if (error instanceof ImportError) return { refused: { file: error.file, problem: error.problem } };
    throw error;
  }
}

const WORKER = new URL('./xlsx-worker.mjs', import.meta.url);

/**
 * The longest one workbook may take to read. The largest real one takes under a second, and one at the
 * inflated-byte limit a few; a worker still busy after this is reading something no limit foresaw, and is
 * stopped rather than left to hold a CPU.
 */
const MAX_READ_MS = 60_000;

/** Workbooks read at once: each worker may hold its limits' worth of memory, so further uploads wait their turn rather than multiply it. */
const READERS_AT_ONCE = 2;
let reading = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (reading < READERS_AT_ONCE) reading++;
  else await new Promise<void>((resolve) => waiting.push(resolve)); // the finishing reader hands its turn over
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else reading--;
  }
}

/**
 * The heap a worker may use (MB): a worksheet's XML as a string (up to twice its bytes, in UTF-16), the
 * shared strings and cells the limits allow (about 200 bytes each, value and text), and V8's own needs.
 * The limits stop a hostile workbook long before this; it is the backstop if some structure gets past them.
 */
export function workerHeapMb(limits: XlsxLimits): number {
  return Math.ceil(256 + (3 * limits.maxInflatedBytes + 200 * limits.maxCells) / (1024 * 1024));
}

function runInWorker(job: XlsxJob): Promise<SheetTable[]> {
  return inTurn(
    () =>
      new Promise<SheetTable[]>((resolve, reject) => {
        const heapMb = workerHeapMb(job.limits);
        const worker = new Worker(WORKER, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
        let answered = false;
        const answer = (settle: () => void) => {
          answered = true;
          clearTimeout(timer);
          settle();
        };
        const timer = setTimeout(() => {
          answer(() =>
            reject(
              new ImportError(
                job.source.name,
                `could not be read in ${MAX_READ_MS / 1000} seconds, the longest Cairn gives one workbook`,
              ),
            ),
          );
          void worker.terminate();
        }, MAX_READ_MS);
        worker.once('message', (reply: XlsxAnswer) =>
          answer(() =>
            'refused' in reply
              ? reject(new ImportError(reply.refused.file, reply.refused.problem))
              : resolve(reply.tables),
          ),
        );
        worker.once('error', (error: Error & { code?: string }) =>
          answer(() =>
            reject(
              error.code === 'ERR_WORKER_OUT_OF_MEMORY'
                ? new ImportError(
                    job.source.name,
                    `is too large to read: reading it needed more than the ${heapMb} MB of memory Cairn gives one workbook`,
                  )
                : error,
            ),
          ),
        );
        worker.once('exit', (code) => {
          if (!answered)
            answer(() => reject(new Error(`the workbook reader stopped without an answer (exit code ${code})`)));
        });
      }),
  );
}

/** One worksheet of an .xlsx workbook as a table (see worksheetTable), read in a worker thread under `limits`. */
export async function readXlsx(source: SourceFile, limits: XlsxLimits, sheetName?: string): Promise<SheetTable> {
  const [table] = await runInWorker({ source, limits, all: false, ...(sheetName === undefined ? {} : { sheetName }) });
  return table!;
}

/** Every worksheet of an .xlsx workbook with something in it (see workbookTables), read in a worker thread under `limits`. */
export function readWorkbook(source: SourceFile, limits: XlsxLimits): Promise<SheetTable[]> {
  return runInWorker({ source, limits, all: true });
}
