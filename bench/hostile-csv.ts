/**
 * Hostile CSV files (issue 14, defects 9 and 10): what each costs the process that reads it, now and before
 * the fix. Each file is read as every CSV importer reads it (readCsv, under config.imports' default limits),
 * in a child process of its own, and the outcome, the time (readCsv is synchronous: the event loop is
 * blocked all that time) and the peak resident memory of that process are reported.
 *
 * "Before" runs readCsv as it was at the commit checked out (`git show HEAD:…`, read only, into .tmp/).
 * Skip it with BENCH_HOSTILE_BEFORE=0 (once HEAD has the fix it measures the same code twice).
 *
 *   npx tsx bench/hostile-csv.ts
 *
 * Prints a table; writes nothing but its temporary folder. No database: the routes add only the multipart
 * parse, and the importers' checks of each row, to this.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';

const MB = 1024 * 1024;
const LIMITS = loadConfig({}).imports;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

interface Measured {
  outcome: string;
  ms: number;
  peakMb: number;
}

/**
 * A runner that reads one file with the reader at `reader` (a path to a csv-reader.ts) and prints what it
 * did, how long readCsv took (it is synchronous: the event loop is blocked all that time) and the peak
 * resident memory of its process (getrusage's maxRSS).
 */
function runner(dir: string, name: string, reader: string): string {
  const file = path.join(dir, name);
  writeFileSync(
    file,
    `import { readFileSync } from 'node:fs';
import { readCsv } from ${JSON.stringify(reader)};
const content = readFileSync(process.argv[2]);
const t = performance.now();
let outcome;
try {
  const table = readCsv({ name: 'upload.csv', content });
  outcome = 'read: ' + table.rows.length.toLocaleString('en-GB') + ' rows';
} catch (error) {
  outcome = 'refused: ' + error.message.replace(/^upload\\.csv(: |, )/, '');
}
console.log(JSON.stringify({ outcome, ms: performance.now() - t, peakMb: process.resourceUsage().maxRSS / 1024 }));
`,
  );
  return file;
}

/** Read one file in a child process with a 4 GB heap, so that a file the reader cannot bound fails instead of taking the machine. */
function measure(dir: string, run: string, bytes: Buffer): Measured {
  const file = path.join(dir, 'upload.csv');
  writeFileSync(file, bytes);
  const t = performance.now();
  const child = spawnSync(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', run, file], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 16 * MB,
  });
  const ms = performance.now() - t;
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status === 0 && line.startsWith('{')) return JSON.parse(line) as Measured;
  const died = child.error
    ? `killed after ${Math.round(ms / 1000)} s (${(child.error as NodeJS.ErrnoException).code})`
    : /heap out of memory|Invalid array length/.test(child.stderr)
      ? 'crashed: out of memory'
      : `exit ${child.status}: ${child.stderr.trim().split('\n').at(-1)}`;
  return { outcome: died, ms, peakMb: NaN };
}

const sixtyFour = 64 * MB - 16;
const utf16 = Buffer.from(
  `area_code,indicator,period,value\r\n${'DEMO-GLENLOCHY,Residents who feel safe,2024,61.5\r\n'.repeat(100_000)}`,
  'utf16le',
);
const cases: { title: string; bytes: Buffer }[] = [
  {
    title: 'the largest real CSV (derived/cpop_intermediate_zone_timeseries.csv)',
    bytes: readFileSync(path.join(root, '..', 'shared', 'data', 'derived', 'cpop_intermediate_zone_timeseries.csv')),
  },
  {
    title: 'a lawful 2,000,000 cells (500,000 rows of 4), the most a file may hold',
    bytes: Buffer.from(`a,b,c,d\n${'DEMO-GLENLOCHY,Residents who feel safe,2024,61.5\n'.repeat(499_999)}`),
  },
  {
    title: 'a 2,000,000-character indicator name',
    bytes: Buffer.from(`area_code,indicator,period,value\nDEMO,${'n'.repeat(2_000_000)},2024,1\n`),
  },
  {
    title: '64 MB of commas: one row of 67 million empty cells',
    bytes: Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(sixtyFour, 0x2c)]),
  },
  { title: '64 MB in one field', bytes: Buffer.concat([Buffer.from('a,b\n1,'), Buffer.alloc(sixtyFour, 0x78)]) },
  {
    title: '64 MB of one-cell rows ("a\\n"): 33 million rows',
    bytes: Buffer.concat([Buffer.from('a\n'), Buffer.alloc(sixtyFour, 'a\n')]),
  },
  { title: `UTF-16 text without a byte-order mark (${Math.round(utf16.length / MB)} MB)`, bytes: utf16 },
];

mkdirSync(path.join(root, '.tmp'), { recursive: true });
const dir = mkdtempSync(path.join(root, '.tmp', 'hostile-csv-'));
const now = runner(dir, 'after.ts', path.join(root, 'src', 'modules', 'imports', 'csv-reader.ts'));
let then = '';
if (process.env['BENCH_HOSTILE_BEFORE'] !== '0') {
  // The reader as it was at HEAD, read only.
  mkdirSync(path.join(dir, 'imports'));
  for (const f of ['csv-reader.ts', 'import-errors.ts'])
    writeFileSync(
      path.join(dir, 'imports', f),
      execFileSync('git', ['show', `HEAD:src/modules/imports/${f}`], { cwd: root }),
    );
  then = runner(dir, 'before.ts', './imports/csv-reader.ts');
}
const f = (n: number, unit: string) => (Number.isNaN(n) ? '—' : `${Math.round(n).toLocaleString('en-GB')} ${unit}`);
console.log(
  `Node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}; limits: ${LIMITS.maxFileBytes / MB} MB a file, ${LIMITS.maxCells.toLocaleString('en-GB')} cells`,
);
console.log(
  `each read in a child process of its own (a 4 GB heap); such a process reading a two-line file peaks at ${f(measure(dir, now, Buffer.from('a,b\n1,2\n')).peakMb, 'MB')}\n`,
);
for (const c of cases) {
  const a = measure(dir, now, c.bytes);
  console.log(`${c.title} (${f(c.bytes.length / 1024, 'KB')})`);
  console.log(
    `  after:  ${a.outcome.slice(0, 150)}\n          ${f(a.ms, 'ms')} (the event loop blocked as long), peak RSS ${f(a.peakMb, 'MB')}`,
  );
  if (then) {
    const b = measure(dir, then, c.bytes);
    console.log(`  before: ${b.outcome.slice(0, 150)}\n          ${f(b.ms, 'ms')}, peak RSS ${f(b.peakMb, 'MB')}`);
  }
}
rmSync(dir, { recursive: true, force: true });
