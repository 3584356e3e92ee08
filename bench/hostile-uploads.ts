/**
 * Hostile workbooks (issue 14, defect 1): what each costs the process that receives it, now and before the
 * fix. For every workbook of test/helpers/hostile-xlsx.ts (and a large but lawful one) it reads the file
 * as an upload is read (readTable: CSV or workbook, in a worker thread, under config.imports' limits) and
 * reports the outcome, the time, the longest the event loop was blocked meanwhile (perf_hooks
 * monitorEventLoopDelay, 1 ms resolution) and the peak resident memory of the process (sampled every 5 ms;
 * the worker is a thread of this process, so its memory counts).
 *
 * "Before" runs the reader as it was at the commit checked out (`git show HEAD:…`, read only, into a
 * temporary folder under .tmp/) in a child process per workbook, with a 2 GB heap so that a dense grid fails fast
 * instead of taking the machine: its outcome, time, event-loop block and peak memory, or how it died.
 * Skip it with BENCH_HOSTILE_BEFORE=0 (or once HEAD has the fix: it then measures the same code twice).
 *
 *   npx tsx bench/hostile-uploads.ts
 *
 * Prints a table; writes nothing. No database: the upload routes add only the multipart parse to this.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../src/config.ts';
import { readTable } from '../src/modules/imports/table-reader.ts';
import {
  HEADER_ROW,
  hostileWorkbooks,
  repeatedPart,
  SHEET_HEAD,
  SHEET_TAIL,
  spreadBomb,
  workbook,
} from '../test/helpers/hostile-xlsx.ts';

const MB = 1024 * 1024;
const LIMITS = loadConfig({}).imports;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

interface Measured {
  outcome: string;
  ms: number;
  blockMs: number;
  peakMb: number;
}

/** Read one upload here, as the server does, measuring it. */
async function after(bytes: Buffer): Promise<Measured> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const t = performance.now();
  let outcome: string;
  try {
    const table = await readTable({ name: 'upload.xlsx', content: bytes }, LIMITS);
    outcome = `read: ${table.rows.length} rows`;
  } catch (error) {
    outcome = `refused: ${(error as Error).message.replace(/^upload\.xlsx: /, '')}`;
  }
  const ms = performance.now() - t;
  loop.disable();
  clearInterval(sampler);
  return { outcome, ms, blockMs: loop.max / 1e6, peakMb: peak / MB };
}

/** The reader as it was at HEAD, in a child process, on one workbook. */
function before(dir: string, bytes: Buffer): Measured {
  const file = path.join(dir, 'upload.xlsx');
  writeFileSync(file, bytes);
  const t = performance.now();
  const child = spawnSync(
    process.execPath,
    ['--max-old-space-size=2048', '--import', 'tsx', path.join(dir, 'run.ts'), file],
    { cwd: root, encoding: 'utf8', timeout: 300_000, maxBuffer: 16 * MB },
  );
  const ms = performance.now() - t;
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status === 0 && line.startsWith('{')) return JSON.parse(line) as Measured;
  const died = child.error
    ? `killed after ${Math.round(ms / 1000)} s (${(child.error as NodeJS.ErrnoException).code})`
    : /heap out of memory/.test(child.stderr)
      ? 'crashed: JavaScript heap out of memory'
      : `exit ${child.status}: ${child.stderr.trim().split('\n').at(-1)}`;
  return { outcome: died, ms, blockMs: NaN, peakMb: NaN };
}

/** The old reader's files from HEAD, and a runner that measures one read the way `after` does. */
function oldReader(): string {
  // Inside the project (.tmp/ is ignored by git) so that the old files find its node_modules.
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(root, '.tmp', 'old-reader-'));
  mkdirSync(path.join(dir, 'imports'));
  for (const f of ['xlsx.ts', 'unzip.ts', 'xlsx-reader.ts', 'csv-reader.ts', 'import-errors.ts']) {
    writeFileSync(
      path.join(dir, 'imports', f),
      execFileSync('git', ['show', `HEAD:src/modules/imports/${f}`], { cwd: root }),
    );
  }
  writeFileSync(
    path.join(dir, 'run.ts'),
    `import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readXlsx } from './imports/xlsx-reader.ts';
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
// Let the monitor and sampler start before the read takes the thread.
await new Promise((r) => setTimeout(r, 20));
const t = performance.now();
let outcome;
try {
  const table = readXlsx({ name: 'upload.xlsx', content: readFileSync(process.argv[2]) });
  outcome = 'read: ' + table.rows.length + ' rows';
} catch (error) {
  outcome = 'refused: ' + error.message.replace(/^upload\\.xlsx: /, '');
}
const ms = performance.now() - t;
await new Promise((r) => setTimeout(r, 20));
loop.disable();
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({ outcome, ms, blockMs: loop.max / 1e6, peakMb: peak / ${MB} }));
`,
  );
  return dir;
}

const cases: { title: string; bytes: Buffer }[] = (await hostileWorkbooks()).map((h) => ({
  title: h.title,
  bytes: h.make('Sheet1'),
}));
cases.push({ title: 'a bomb spread over three worksheets of 60 MB (each under the limit)', bytes: await spreadBomb() });
// A large lawful workbook: 100 MB of rows of three cells (under the inflated limit, 1.2 million cells).
const lawfulRows = Array.from(
  { length: 400 },
  (_, i) =>
    `<row r="${i + 2}"><c r="A${i + 2}"><v>${i}</v></c><c r="B${i + 2}"><v>1.5</v></c><c r="C${i + 2}"><v>2</v></c></row>`,
).join('');
const lawful = await repeatedPart(
  'xl/worksheets/sheet1.xml',
  SHEET_HEAD + HEADER_ROW,
  lawfulRows,
  Math.floor((100 * MB) / lawfulRows.length),
  SHEET_TAIL,
);
cases.push({
  title: `a lawful worksheet of 100 MB (${Math.round(lawful.compressed.length / 1024)} KB zipped; its rows repeat, so fewer cells than bytes)`,
  bytes: workbook([{ name: 'Sheet1', part: lawful }]),
});

const runBefore = process.env['BENCH_HOSTILE_BEFORE'] !== '0';
const dir = runBefore ? oldReader() : '';
const f = (n: number, unit: string) => (Number.isNaN(n) ? '—' : `${Math.round(n).toLocaleString('en-GB')} ${unit}`);
console.log(
  `Node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}; limits: ${LIMITS.maxCells.toLocaleString('en-GB')} cells, ${LIMITS.maxInflatedBytes / MB} MB inflated`,
);
console.log(`baseline RSS of this process ${f(process.memoryUsage().rss / MB, 'MB')}\n`);
for (const c of cases) {
  // The first read also starts tsx in a worker for the first time: warm it so each row measures the read.
  await after(c.bytes);
  const now = await after(c.bytes);
  console.log(`${c.title} (${f(c.bytes.length / 1024, 'KB')})`);
  console.log(
    `  after:  ${now.outcome.slice(0, 150)}\n          ${f(now.ms, 'ms')}, event loop blocked at most ${now.blockMs.toFixed(1)} ms, peak RSS ${f(now.peakMb, 'MB')}`,
  );
  if (runBefore) {
    const then = before(dir, c.bytes);
    console.log(
      `  before: ${then.outcome.slice(0, 150)}\n          ${f(then.ms, 'ms')}, event loop blocked at most ${Number.isNaN(then.blockMs) ? '—' : then.blockMs.toFixed(1)} ms, peak RSS ${f(then.peakMb, 'MB')}`,
    );
  }
}
if (dir) rmSync(dir, { recursive: true, force: true });
