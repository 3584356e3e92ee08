/**
 * The outcomes data engine's benchmarks (`npm run bench -- outcomes`, `tsx bench/outcomes.ts`, and the
 * second half of `npm run bench`): every figure beside a limit measured on the same engine in the same run.
 *
 *  1. import: `cairn import scotland`'s work (NATIONAL_IMPORTS through ImportsService, in process, on a fresh
 *     database), per kind, against `COPY observations FROM …` of the same rows into an empty copy of the table;
 *  2. recompute: every council's profile and inequality and all Duncan indexes, against a bare GROUP BY over the same rows;
 *  3. HTTP: the Scotland overview, a profile page and its API at 50 connections, against GET /health in interleaved slices;
 *  4. growth: a synthetic data-zone dataset at growing sizes (load, a per-council aggregate, a profile-like query).
 *
 * PGlite: temporary directories under the OS temp dir. PostgreSQL (DATABASE_URL, local only): databases
 * `cairn_bench_<pid>` and `cairn_bench_<pid>_growth`, created and dropped by the run.
 * Knobs: BENCH_DATA (/work/shared/data), BENCH_SECONDS (5), BENCH_ROUNDS (5), BENCH_OUTCOMES_CONNECTIONS (50),
 * BENCH_GROWTH_SIZES (100000,1000000,3000000,10000000), BENCH_GROWTH_MAX (10000000 on PostgreSQL, 3000000 on PGlite),
 * BENCH_OUTCOMES_PARTS=growth (only part 4), BENCH_OUTCOMES_PARTS=http (the import, then only part 3), BENCH_OUTCOMES_PARTS=data (parts 1 and 2), BENCH_GROWTH_BUDGET_SECONDS (600 on PostgreSQL, 300 on PGlite: no size is started that would, at the rate so far, end the growth part after this).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import { systemClock } from '../src/core/time.ts';
import { connect, migrateToLatest, type DatabaseHandle } from '../src/db/connect.ts';
import type { Database } from '../src/db/schema.ts';
import { DEFAULT_IMPORT_LIMITS, ImportsService, NATIONAL_IMPORTS, readSource } from '../src/modules/imports/index.ts';
import { WRITTEN_COLUMNS } from '../src/modules/imports/observations-writer.ts';
import { SCOTLAND } from '../src/modules/outcomes/codes.ts';
import { startServer, type Running } from '../src/server.ts';
import { copyFromStdin, csvOf } from '../src/db/copy.ts';
import { LoadClient, type SliceSpec } from './lib/load.ts';
import { addHistoryRow, machine, ratio, RESULTS_DIR, spreadOf, type Machine } from './lib/report.ts';
import { median, perSecondOf, round, summarise, type Measured, type Slice } from './lib/stats.ts';

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const DATA = process.env['BENCH_DATA'] ?? '/work/shared/data';
const SECONDS = num('BENCH_SECONDS', 5);
const ROUNDS = Math.round(num('BENCH_ROUNDS', 5));
const WARMUP_SECONDS = num('BENCH_WARMUP_SECONDS', 1);
const SLICE_WARMUP_SECONDS = 0.2;
const CONNECTIONS = Math.round(num('BENCH_OUTCOMES_CONNECTIONS', 50));
const COPY_REPEATS = 3;
const RECOMPUTE_ROUNDS = Math.round(num('BENCH_RECOMPUTE_ROUNDS', 7));
const YEARS = 10;
const GROWTH_SIZES = (process.env['BENCH_GROWTH_SIZES'] ?? '100000,1000000,3000000,10000000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const GROWTH_BUDGET_SECONDS = num('BENCH_GROWTH_BUDGET_SECONDS', process.env['DATABASE_URL'] ? 600 : 300);
/** BENCH_OUTCOMES_PARTS=growth: only part 4 (saved as <date>-<engine>-outcomes-growth.json, so as not to replace a full run). */
const GROWTH_ONLY = process.env['BENCH_OUTCOMES_PARTS'] === 'growth';
/** BENCH_OUTCOMES_PARTS=http: the national import, then only part 3 (saved as <date>-<engine>-outcomes-http.json). */
const HTTP_ONLY = process.env['BENCH_OUTCOMES_PARTS'] === 'http';
/** BENCH_OUTCOMES_PARTS=data: parts 1 and 2 only, the national import against COPY and the recompute (saved as <date>-<engine>-outcomes-data.json). */
const DATA_ONLY = process.env['BENCH_OUTCOMES_PARTS'] === 'data';

const log = (line: string) => process.stdout.write(`${line}\n`);
const now = () => performance.now();
const ms = (n: number) => Math.round(n);

// ---------------------------------------------------------------------------------------------------
// Where the data lives: throwaway directories (PGlite) or databases (PostgreSQL)

interface OutcomesEngine {
  engine: 'pglite' | 'postgres';
  /** Cairn configuration (environment) for a new, empty database. */
  fresh(label: string): Promise<Record<string, string>>;
  cleanup(): Promise<void>;
  /** PostgreSQL only: a plain client on that database (for COPY FROM STDIN). */
  client?(env: Record<string, string>): Promise<pg.Client>;
}

function outcomesEngine(): OutcomesEngine {
  const url = process.env['DATABASE_URL'];
  if (!url) {
    const root = mkdtempSync(path.join(os.tmpdir(), 'cairn-bench-outcomes-'));
    return {
      engine: 'pglite',
      fresh: async (label) => ({ CAIRN_DATA_DIR: path.join(root, label) }),
      cleanup: async () => rmSync(root, { recursive: true, force: true }),
    };
  }
  const parsed = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname))
    throw new Error(`the outcomes bench only runs against a local PostgreSQL, not ${parsed.hostname}`);
  const created: string[] = [];
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  return {
    engine: 'postgres',
    fresh: async (label) => {
      const name = `cairn_bench_${process.pid}${label === 'main' ? '' : `_${label.replace(/\W/g, '_')}`}`;
      await admin(`DROP DATABASE IF EXISTS ${name}`);
      await admin(`CREATE DATABASE ${name}`);
      created.push(name);
      const u = new URL(url);
      u.pathname = `/${name}`;
      return { DATABASE_URL: u.toString() };
    },
    cleanup: async () => {
      for (const name of created.splice(0)) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
    client: async (env) => {
      const c = new pg.Client({ connectionString: env['DATABASE_URL'] });
      await c.connect();
      return c;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Results

interface ImportKindResult {
  kind: string;
  file: string;
  rowsRead: number;
  rowsLoaded: number;
  ms: number;
  /** Reading the file from disk (readSource). */
  readFileMs: number;
  /** From the start of the import to its first write (parsing, checking, lookups): told by its first progress call. Null when the kind reports no progress. */
  planMs: number | null;
  /** From its first to its last progress call: the INSERT statements. */
  writeMs: number | null;
  rowsPerSecond: number;
}

interface CopyResult {
  kind: string;
  rows: number;
  /** The whole import of the kind (read, parse, check, write, commit). */
  import: { ms: number; rowsPerSecond: number };
  /** Only its INSERT statements (between its first and last progress call). */
  importWrite: { ms: number | null; rowsPerSecond: number | null };
  copy: { runsMs: number[]; medianMs: number; rowsPerSecond: number; method: string };
  ratio: { import: number; importWrite: number | null };
  /** The same rows COPYed into observations itself, the import's rows deleted and vacuumed away first: the table as the import found it. */
  copyInPlace: { runsMs: number[]; medianMs: number; rowsPerSecond: number };
  ratioInPlace: { import: number; importWrite: number | null };
}

interface TimedRounds {
  runsMs: number[];
  medianMs: number;
}

interface HttpScenario {
  name: string;
  path: string;
  note: string;
  /** How it was sliced: slow scenarios get longer slices and fewer rounds (see httpComparison). */
  slices: { rounds: number; seconds: number; probePerSecond: number };
  /** connections ÷ throughput: the mean latency a closed loop of this many connections must see (Little's law). */
  littleLatencyMs: number | null;
  result: Measured;
  limit: string;
  limitAround: { perSecond: number; latencyP50: number; latencyP99: number };
  ratio: { throughput: number; rounds: number[]; roundsSpread: number; latencyP99: number; ofIndexedSelect: number };
}

interface PagePart {
  name: string;
  runsMs: number[];
  medianMs: number;
}

interface GrowthStep {
  targetRows: number;
  indicators: number;
  years: number;
  dataZones: number;
  rows: number;
  load: { rowsAdded: number; ms: number; rowsPerSecond: number; analyzeMs: number };
  tableMiB: number;
  /** Per-council aggregate over every synthetic observation (data zone → intermediate zone → council). */
  councilAggregate: TimedRounds & { resultRows: number };
  /** Limit: count(*) over the same rows, no joins, no grouping. */
  bareScan: TimedRounds;
  ratioToBareScan: number;
  /** Profile-like: every observation of one data zone and Scotland, ordered by period (profile()'s query shape). */
  profileLike: TimedRounds & { resultRows: number };
  /** Map-like: one indicator for every data zone of one council, through the join to areas. */
  councilMap: TimedRounds & { resultRows: number };
}

export interface OutcomesReport {
  date: string;
  startedAt: string;
  finishedAt: string;
  engine: 'pglite' | 'postgres';
  engineVersion: string;
  machine: Machine;
  settings: Record<string, number | string>;
  import: { totalMs: number; rowsLoaded: number; rowsPerSecond: number; kinds: ImportKindResult[] } | null;
  copy: CopyResult[];
  recompute: {
    note: string;
    councils: number;
    recompute: TimedRounds & { parts: { profilesMs: number[]; inequalityMs: number[]; duncanMs: number[] } };
    aggregate: TimedRounds & { observationRows: number; inequalityRows: number };
    ratio: number;
    rounds: number[];
  } | null;
  /** What the pages cost one request at a time, service call by service call. */
  pageParts: PagePart[];
  http: {
    connections: number;
    limits: Record<string, Measured & { note: string; spread: number }>;
    scenarios: HttpScenario[];
  } | null;
  growth: {
    note: string;
    engineVersion: string;
    steps: GrowthStep[];
    stoppedAt: string | null;
    geographyMs: number;
  } | null;
  targets: { what: string; target: string; value: number | null; met: boolean | null }[];
  problems: string[];
}

// ---------------------------------------------------------------------------------------------------
// 1. The national import, and COPY of the same rows

/** The columns the imports write, in their CSV order. */
const OBS_COLUMNS = WRITTEN_COLUMNS;

async function nationalImport(
  handle: DatabaseHandle,
): Promise<{ kinds: ImportKindResult[]; runIds: Map<string, number> }> {
  const imports = new ImportsService(handle.db, systemClock, DEFAULT_IMPORT_LIMITS);
  const ctx = cliContext(systemActor('bench'));
  const kinds: ImportKindResult[] = [];
  const runIds = new Map<string, number>();
  for (const kind of NATIONAL_IMPORTS) {
    const files = kind.layout(DATA).map((f) => path.join(DATA, f));
    const batches = kind.multiple ? [files] : files.map((f) => [f]);
    for (const batch of batches) {
      const t0 = now();
      const sources = batch.map(readSource);
      const t1 = now();
      let first: number | null = null;
      let last: number | null = null;
      const summary = await kind.run(imports, ctx, sources, {
        onProgress: () => {
          const t = now();
          first ??= t;
          last = t;
        },
      });
      const t2 = now();
      const r = summary.result;
      const entry: ImportKindResult = {
        kind: kind.kind,
        file: summary.file,
        rowsRead: r.rowsRead,
        rowsLoaded: r.rowsLoaded,
        ms: ms(t2 - t0),
        readFileMs: ms(t1 - t0),
        planMs: first === null ? null : ms((first as number) - t1),
        writeMs: first === null || last === null ? null : ms((last as number) - (first as number)),
        rowsPerSecond: Math.round(r.rowsLoaded / ((t2 - t0) / 1000)),
      };
      kinds.push(entry);
      if (summary.runId !== null) runIds.set(kind.kind, summary.runId);
      log(
        `import ${kind.kind.padEnd(18)} ${String(r.rowsLoaded).padStart(7)} rows ${String(entry.ms).padStart(7)} ms ${String(entry.rowsPerSecond).padStart(8)} rows/s` +
          `  (read ${entry.readFileMs} ms, plan ${entry.planMs ?? '—'} ms, write ${entry.writeMs ?? '—'} ms)`,
      );
    }
  }
  return { kinds, runIds };
}

async function copyComparison(
  engine: OutcomesEngine,
  env: Record<string, string>,
  handle: DatabaseHandle,
  kinds: ImportKindResult[],
  runIds: Map<string, number>,
): Promise<CopyResult[]> {
  const db = handle.db;
  const out: CopyResult[] = [];
  // An empty copy of the table: same columns, checks, primary key and index, and the same foreign keys.
  await sql`DROP TABLE IF EXISTS bench_copy_observations`.execute(db);
  await sql`CREATE TABLE bench_copy_observations (LIKE observations INCLUDING ALL)`.execute(db);
  await sql`ALTER TABLE bench_copy_observations
              ADD FOREIGN KEY (indicator_code) REFERENCES indicators(code),
              ADD FOREIGN KEY (area_code) REFERENCES areas(code),
              ADD FOREIGN KEY (import_run_id) REFERENCES import_runs(id)`.execute(db);
  const client = engine.client ? await engine.client(env) : null;
  try {
    for (const kindName of ['cpop-communities', 'lgbf']) {
      const runId = runIds.get(kindName);
      const imported = kinds.find((k) => k.kind === kindName);
      if (runId === undefined || !imported) continue;
      const rows = await sql<Record<string, string | null>>`
        SELECT indicator_code, area_code, period_label, period_kind, period_start::text AS period_start, period_end::text AS period_end,
               value_type, value::text AS value, real_terms_value::text AS real_terms_value, numerator::text AS numerator,
               denominator::text AS denominator, import_run_id::text AS import_run_id
        FROM observations WHERE import_run_id = ${runId}`.execute(db);
      const csv = csvOf(rows.rows.map((r) => OBS_COLUMNS.map((c) => r[c] ?? null)));
      const blob = client ? null : new Blob([new Uint8Array(csv)]);
      /** COPY the rows into a table COPY_REPEATS times, `before` each; the times of the COPYs alone. */
      const copyTimes = async (table: string, before: () => Promise<void>): Promise<number[]> => {
        const statement = `COPY ${table} (${OBS_COLUMNS.join(', ')}) FROM ${client ? 'STDIN' : "'/dev/blob'"} WITH (FORMAT csv)`;
        const times: number[] = [];
        for (let i = 0; i < COPY_REPEATS; i++) {
          await before();
          const t0 = now();
          const copied = client
            ? await copyFromStdin(client, statement, csv)
            : ((await handle.pglite!.query(statement, [], { blob: blob! })).affectedRows ?? 0);
          times.push(now() - t0);
          if (copied !== rows.rows.length) throw new Error(`COPY loaded ${copied} rows of ${rows.rows.length}`);
        }
        return times;
      };
      const runs = await copyTimes('bench_copy_observations', async () => {
        await sql`TRUNCATE bench_copy_observations`.execute(db);
      });
      await sql`TRUNCATE bench_copy_observations`.execute(db);
      // The same rows COPYed back into observations itself, in the state the import found it (the kinds
      // before it loaded): the imported rows deleted and vacuumed away before each COPY. This is the
      // engine's limit for this load; the empty copy above is the limit for a table that holds nothing.
      const inPlaceRuns = await copyTimes('observations', async () => {
        await sql`DELETE FROM observations WHERE import_run_id = ${runId}`.execute(db);
        await sql`VACUUM observations`.execute(db);
      });
      const inPlaceMs = median(inPlaceRuns);
      const inPlaceRate = rows.rows.length / (inPlaceMs / 1000);
      const medianMs = median(runs);
      const copyRate = rows.rows.length / (medianMs / 1000);
      const importRate = imported.rowsLoaded / (imported.ms / 1000);
      const writeRate = imported.writeMs ? imported.rowsLoaded / (imported.writeMs / 1000) : null;
      const entry: CopyResult = {
        kind: kindName,
        rows: rows.rows.length,
        import: { ms: imported.ms, rowsPerSecond: Math.round(importRate) },
        importWrite: { ms: imported.writeMs, rowsPerSecond: writeRate === null ? null : Math.round(writeRate) },
        copy: {
          runsMs: runs.map(ms),
          medianMs: ms(medianMs),
          rowsPerSecond: Math.round(copyRate),
          method: client
            ? 'COPY … FROM STDIN (CSV) through the pg client'
            : "COPY … FROM '/dev/blob' (CSV) through PGlite",
        },
        ratio: {
          import: ratio(importRate, copyRate),
          importWrite: writeRate === null ? null : ratio(writeRate, copyRate),
        },
        copyInPlace: { runsMs: inPlaceRuns.map(ms), medianMs: ms(inPlaceMs), rowsPerSecond: Math.round(inPlaceRate) },
        ratioInPlace: {
          import: ratio(importRate, inPlaceRate),
          importWrite: writeRate === null ? null : ratio(writeRate, inPlaceRate),
        },
      };
      out.push(entry);
      log(
        `copy   ${kindName.padEnd(18)} ${String(entry.rows).padStart(7)} rows ${String(entry.copy.medianMs).padStart(7)} ms ${String(entry.copy.rowsPerSecond).padStart(8)} rows/s` +
          `  import ×${entry.ratio.import} of COPY (its INSERT alone ×${entry.ratio.importWrite ?? '—'})`,
      );
      log(
        `copy   ${kindName.padEnd(18)} into observations itself ${String(entry.copyInPlace.medianMs).padStart(7)} ms ${String(entry.copyInPlace.rowsPerSecond).padStart(8)} rows/s` +
          `  import ×${entry.ratioInPlace.import} of COPY (its write alone ×${entry.ratioInPlace.importWrite ?? '—'})`,
      );
    }
  } finally {
    await client?.end();
    await sql`DROP TABLE IF EXISTS bench_copy_observations`.execute(db);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// 2. Recompute every profile and inequality measure against a bare aggregate over the same rows

async function recomputeComparison(running: Running): Promise<NonNullable<OutcomesReport['recompute']>> {
  const db = running.deps.handle.db;
  const outcomes = running.deps.outcomes;
  const ctx = cliContext(systemActor('bench'));
  const councils = (
    await db
      .selectFrom('areas')
      .select('code')
      .where('level', '=', 'council_area')
      .where('fictional', '=', false)
      .orderBy('code')
      .execute()
  ).map((a) => a.code);
  const parts = { profilesMs: [] as number[], inequalityMs: [] as number[], duncanMs: [] as number[] };
  const recompute = async () => {
    // From scratch: nothing remembered from the previous round or from the pages.
    outcomes.forget();
    const t0 = now();
    const duncan = await outcomes.duncanIndexes(ctx);
    const t1 = now();
    const profiles = await outcomes.profiles(ctx, councils);
    const t2 = now();
    const inequality = await outcomes.inequalities(ctx, councils);
    const t3 = now();
    if (!duncan.length || profiles.size !== councils.length || inequality.size !== councils.length)
      throw new Error('recompute returned less than every council');
    parts.duncanMs.push(ms(t1 - t0));
    parts.profilesMs.push(ms(t2 - t1));
    parts.inequalityMs.push(ms(t3 - t2));
    return t3 - t0;
  };
  let observationRows = 0;
  let inequalityRows = 0;
  const aggregate = async () => {
    const t0 = now();
    const a = await sql<{ n: string }>`
      SELECT indicator_code, area_code, count(*) AS n, min(value), max(value) FROM observations
      WHERE area_code IN (SELECT code FROM areas WHERE level IN ('council_area', 'country') AND fictional = false)
      GROUP BY indicator_code, area_code`.execute(db);
    const b = await sql<{ n: string }>`
      SELECT council_code, indicator_code, year, count(*) AS n, min(value), max(value) FROM inequality_zone_values
      GROUP BY council_code, indicator_code, year`.execute(db);
    observationRows = a.rows.reduce((s, r) => s + Number(r.n), 0);
    inequalityRows = b.rows.reduce((s, r) => s + Number(r.n), 0);
    return now() - t0;
  };
  // The database settled first, as it is once autovacuum has been by after an import: fresh statistics
  // and no vacuum running during the rounds (on a 2-core machine it took one of them at random).
  await sql`VACUUM ANALYZE`.execute(db);
  // Warm-up (discarded), then rounds taking turns at going first.
  await aggregate();
  await recompute();
  parts.duncanMs.length = parts.profilesMs.length = parts.inequalityMs.length = 0;
  const mine: number[] = [];
  const theirs: number[] = [];
  for (let r = 0; r < RECOMPUTE_ROUNDS; r++) {
    if (r % 2 === 0) theirs.push(await aggregate());
    mine.push(await recompute());
    if (r % 2 === 1) theirs.push(await aggregate());
  }
  const rounds = mine.map((m, i) => round(m / (theirs[i] ?? 1), 2));
  const result = {
    note: 'recompute, from scratch (OutcomesService.forget() first): duncanIndexes() for every council, indicator and year, then profiles() and inequalities() for all 32 council areas (the batch forms the national view uses); aggregate: GROUP BY indicator and area over the observations of council areas and Scotland (the rows profile() reads), and GROUP BY council, indicator and year over inequality_zone_values',
    councils: councils.length,
    recompute: { runsMs: mine.map(ms), medianMs: ms(median(mine)), parts },
    aggregate: {
      runsMs: theirs.map((x) => round(x, 1)),
      medianMs: round(median(theirs), 1),
      observationRows,
      inequalityRows,
    },
    ratio: round(median(mine) / median(theirs), 2),
    rounds,
  };
  log(
    `recompute all 32 councils: ${result.recompute.medianMs} ms (Duncan ${median(parts.duncanMs)} ms, profiles ${median(parts.profilesMs)} ms, inequality ${median(parts.inequalityMs)} ms)` +
      `  bare aggregate ${result.aggregate.medianMs} ms  → ×${result.ratio} (rounds ${rounds.join(' ')})`,
  );
  return result;
}

// ---------------------------------------------------------------------------------------------------
// 3. Pages and API under load

async function httpComparison(running: Running, problems: string[]): Promise<NonNullable<OutcomesReport['http']>> {
  const db = running.deps.handle.db;
  const { port } = running.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const client = LoadClient.start();
  const limits: NonNullable<OutcomesReport['http']>['limits'] = {};
  const scenarios: HttpScenario[] = [];
  // Context: a bare Hono route (no middleware) doing one indexed SELECT of a few observations on the same handle.
  const raw = new Hono();
  const glasgow = await db
    .selectFrom('areas')
    .select('code')
    .where('name', '=', 'Glasgow City')
    .where('level', '=', 'council_area')
    .executeTakeFirstOrThrow();
  raw.get('/', async (c) =>
    c.json(
      await db
        .selectFrom('observations')
        .select(['period_label', 'value'])
        .where('indicator_code', '=', 'cpop-child-poverty')
        .where('area_code', '=', glasgow.code)
        .orderBy('period_start')
        .execute(),
    ),
  );
  const rawServer = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: raw.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const rawBase = `http://127.0.0.1:${(rawServer.address() as AddressInfo).port}`;
  const spec = (url: string, seconds: number, warmup: number): SliceSpec => ({
    url,
    method: 'GET',
    headers: {},
    bodies: [],
    expectStatus: 200,
    connections: CONNECTIONS,
    warmupMs: warmup * 1000,
    durationMs: seconds * 1000,
    countCompleted: true,
  });
  try {
    const rawSlice = await client.run(spec(`${rawBase}/`, Math.min(SECONDS, 2), WARMUP_SECONDS));
    const rawMeasured = summarise([rawSlice]);
    limits['http.indexed-select'] = {
      note: `A bare Hono route (no middleware) doing one indexed SELECT of Glasgow's child poverty series (${rawMeasured.bytesPerResponse} B of JSON) on the server's own database handle; measured once, for context`,
      ...rawMeasured,
      spread: 0,
    };
    log(
      `limit  indexed SELECT, bare Hono route            ${rawMeasured.perSecond.toFixed(1).padStart(8)}/s  p50 ${rawMeasured.latency.p50.toFixed(1)} ms  p99 ${rawMeasured.latency.p99.toFixed(1)} ms`,
    );
    const health: Slice[] = [];
    const list = [
      {
        name: 'GET /scotland?indicator=cpop-child-poverty',
        path: '/scotland?indicator=cpop-child-poverty',
        note: 'All 32 partnerships on child poverty: indicator choices, overview (series of 33 areas, Duncan indexes for the indicator), council boundaries, map and table rendered',
        check: (b: string) => b.includes('Glasgow City'),
      },
      {
        name: 'GET /partnerships/glasgow-city/outcomes',
        path: '/partnerships/glasgow-city/outcomes',
        note: 'Glasgow’s outcomes profile page: every CPOP indicator beside Scotland, a chart per indicator',
        check: (b: string) => b.includes('Outcomes profile') && b.includes('Child Poverty'),
      },
      {
        name: 'GET /api/v1/partnerships/glasgow-city/outcomes',
        path: '/api/v1/partnerships/glasgow-city/outcomes',
        note: 'The same profile as JSON',
        check: (b: string) => b.includes('"cpop-child-poverty"'),
      },
    ];
    for (const s of list) {
      const res = await fetch(`${base}${s.path}`);
      const body = await res.text();
      if (res.status !== 200 || !s.check(body)) {
        problems.push(`${s.name}: expected the page, got ${res.status} (${body.slice(0, 200).replace(/\s+/g, ' ')})`);
        log(`skip   ${s.name}: ${res.status}`);
        continue;
      }
      await client.run(spec(`${base}/health`, 0, WARMUP_SECONDS));
      // A probe (discarded) tells how slow the scenario is: a slice must hold enough completions (about 25)
      // to count, and after each one its 50 requests in flight drain (about connections ÷ rate) before the
      // next slice starts. Slow pages get longer slices and fewer rounds (at least 2), about 100 s in all.
      const probeSlice = await client.run(spec(`${base}${s.path}`, 3, 0));
      const rate0 = Math.max(perSecondOf(probeSlice), 1 / 3);
      const sliceSeconds = Math.min(20, Math.max(SECONDS / ROUNDS, 25 / rate0));
      const drain = CONNECTIONS / rate0;
      const roundCount = Math.max(2, Math.min(ROUNDS, Math.floor(100 / (sliceSeconds + drain + 1.5))));
      const mine: Slice[] = [];
      const theirs: Slice[] = [];
      for (let r = 0; r < roundCount; r++) {
        if (r % 2 === 0) theirs.push(await client.run(spec(`${base}/health`, SECONDS / ROUNDS, SLICE_WARMUP_SECONDS)));
        mine.push(await client.run(spec(`${base}${s.path}`, sliceSeconds, SLICE_WARMUP_SECONDS)));
        if (r % 2 === 1) theirs.push(await client.run(spec(`${base}/health`, SECONDS / ROUNDS, SLICE_WARMUP_SECONDS)));
      }
      health.push(...theirs);
      const result = summarise(mine);
      const around = summarise(theirs);
      const rounds = mine.map((m, i) => ratio(perSecondOf(m), perSecondOf(theirs[i] as Slice)));
      const entry: HttpScenario = {
        name: s.name,
        path: s.path,
        note: s.note,
        slices: {
          rounds: roundCount,
          seconds: round(sliceSeconds, 1),
          probePerSecond: round(perSecondOf(probeSlice), 2),
        },
        littleLatencyMs: result.perSecond > 0 ? round((CONNECTIONS / result.perSecond) * 1000, 0) : null,
        result,
        limit: 'http.health',
        limitAround: { perSecond: around.perSecond, latencyP50: around.latency.p50, latencyP99: around.latency.p99 },
        ratio: {
          throughput: ratio(result.perSecond, around.perSecond),
          rounds,
          roundsSpread: spreadOf(rounds),
          latencyP99: around.latency.p99 > 0 ? round(result.latency.p99 / around.latency.p99, 2) : 0,
          ofIndexedSelect: ratio(result.perSecond, rawMeasured.perSecond),
        },
      };
      if (result.errors)
        problems.push(
          `${s.name}: ${result.errors} unexpected answers ${JSON.stringify(result.statuses)}; first: ${result.firstError}`,
        );
      scenarios.push(entry);
      log(
        `       ${s.name.padEnd(46)} ${result.perSecond.toFixed(1).padStart(8)}/s  p50 ${result.latency.p50.toFixed(1)} ms  p99 ${result.latency.p99.toFixed(1)} ms  ${result.bytesPerResponse} B` +
          ` (${roundCount}×${round(sliceSeconds, 1)} s)  ×${entry.ratio.throughput} of /health (${Math.round(around.perSecond)}/s, p99 ${around.latency.p99.toFixed(1)} ms)  rounds ${rounds.join(' ')}`,
      );
    }
    const h = summarise(health);
    limits['http.health'] = {
      note: `GET /health (middleware and one trivial query) at ${CONNECTIONS} connections, in slices interleaved with every scenario`,
      ...h,
      spread: spreadOf(h.slicesPerSecond),
    };
  } finally {
    await client.close();
    await new Promise<void>((resolve) => rawServer.close(() => resolve()));
  }
  return { connections: CONNECTIONS, limits, scenarios };
}

/**
 * What a page costs, one at a time (no concurrency): each service call it makes, alone, and the whole
 * request over HTTP; median of 3 after one discarded run. The difference is middleware, rendering and sending.
 */
async function pageParts(running: Running): Promise<PagePart[]> {
  const o = running.deps.outcomes;
  const db = running.deps.handle.db;
  const ctx = cliContext(systemActor('bench'));
  const { port } = running.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const glasgow = await db
    .selectFrom('areas')
    .select('code')
    .where('name', '=', 'Glasgow City')
    .where('level', '=', 'council_area')
    .executeTakeFirstOrThrow();
  const parts: [string, () => Promise<unknown>][] = [
    ['indicatorChoices() (twice per /scotland: the page, then overview)', () => o.indicatorChoices(ctx)],
    ['overview(cpop-child-poverty)', () => o.overview(ctx, 'cpop-child-poverty')],
    [
      'duncanIndexes({ indicator: cpop-child-poverty }) (inside overview)',
      () => o.duncanIndexes(ctx, { indicator: 'cpop-child-poverty' }),
    ],
    ['boundaries(council_area)', () => o.boundaries(ctx, { level: 'council_area' })],
    [
      'HTTP GET /scotland?indicator=cpop-child-poverty, 1 connection',
      () => fetch(`${base}/scotland?indicator=cpop-child-poverty`).then((r) => r.text()),
    ],
    ['profile(Glasgow)', () => o.profile(ctx, glasgow.code)],
    [
      'HTTP GET /partnerships/glasgow-city/outcomes, 1 connection',
      () => fetch(`${base}/partnerships/glasgow-city/outcomes`).then((r) => r.text()),
    ],
    [
      'HTTP GET /api/v1/partnerships/glasgow-city/outcomes, 1 connection',
      () => fetch(`${base}/api/v1/partnerships/glasgow-city/outcomes`).then((r) => r.text()),
    ],
    ['HTTP GET /health, 1 connection', () => fetch(`${base}/health`).then((r) => r.text())],
  ];
  const out: PagePart[] = [];
  for (const [name, op] of parts) {
    await op();
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = now();
      await op();
      runs.push(now() - t0);
    }
    out.push({ name, runsMs: runs.map((x) => round(x, 1)), medianMs: round(median(runs), 1) });
    log(`part   ${name.padEnd(70)} ${round(median(runs), 1)} ms`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// 4. Growth with data: a synthetic data-zone dataset

async function timed(op: () => Promise<number>, budgetMs: number): Promise<TimedRounds & { resultRows: number }> {
  const runs: number[] = [];
  let resultRows = 0;
  const started = now();
  // At least two runs (the first also warms the cache); a third while the budget allows.
  for (let i = 0; i < 3 && (i < 2 || now() - started < budgetMs); i++) {
    const t0 = now();
    resultRows = await op();
    runs.push(now() - t0);
  }
  const counted = runs.length > 2 ? runs.slice(1) : runs;
  return { runsMs: runs.map((x) => round(x, 1)), medianMs: round(median(counted), 1), resultRows };
}

async function growth(engine: OutcomesEngine, problems: string[]): Promise<NonNullable<OutcomesReport['growth']>> {
  const max = num('BENCH_GROWTH_MAX', engine.engine === 'postgres' ? 10_000_000 : 3_000_000);
  const env = await engine.fresh('growth');
  const handle = await connect({ databaseUrl: env['DATABASE_URL'], dataDir: env['CAIRN_DATA_DIR'] });
  const db: Kysely<Database> = handle.db;
  const steps: GrowthStep[] = [];
  let stoppedAt: string | null = null;
  let geographyMs = 0;
  let engineVersion = 'unknown';
  try {
    await migrateToLatest(db);
    engineVersion =
      (await sql<{ version: string }>`SELECT version() AS version`.execute(db)).rows[0]?.version ?? 'unknown';
    const g0 = now();
    const geography = NATIONAL_IMPORTS.find((k) => k.kind === 'geography')!;
    await geography.run(
      new ImportsService(db, systemClock, DEFAULT_IMPORT_LIMITS),
      cliContext(systemActor('bench')),
      [readSource(path.join(DATA, geography.layout(DATA)[0]!))],
      {},
    );
    geographyMs = ms(now() - g0);
    const zones = await db
      .selectFrom('areas')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('level', '=', 'data_zone')
      .where('fictional', '=', false)
      .executeTakeFirstOrThrow();
    const dataZones = Number(zones.n);
    // One data zone of Glasgow for the profile-like query, and Glasgow for the map-like one.
    const glasgow = await db
      .selectFrom('areas')
      .select('code')
      .where('name', '=', 'Glasgow City')
      .where('level', '=', 'council_area')
      .executeTakeFirstOrThrow();
    const zone = await sql<{ code: string }>`
      SELECT dz.code FROM areas dz JOIN areas iz ON iz.code = dz.parent_code
      WHERE dz.level = 'data_zone' AND iz.parent_code = ${glasgow.code} ORDER BY dz.code LIMIT 1`.execute(db);
    const dz = zone.rows[0]!.code;
    log(
      `growth: ${dataZones} data zones (geography import ${geographyMs} ms), ${YEARS} years per indicator; up to ${max.toLocaleString('en-GB')} rows`,
    );
    const perIndicator = dataZones * YEARS;
    const targets = GROWTH_SIZES.filter((s) => s <= max);
    const totalIndicators = Math.max(...targets.map((t) => Math.max(1, Math.round(t / perIndicator))));
    await sql`
      INSERT INTO indicators (code, name, unit, higher_is_better, source)
      SELECT 'synthetic-' || lpad(i::text, 4, '0'), 'Synthetic indicator ' || i, '%', true, 'Cairn benchmark (synthetic, removed after the run)'
      FROM generate_series(1, ${totalIndicators}::int) AS i`.execute(db);
    const started = now();
    let loaded = 0;
    let rows = 0;
    let loadRate = 0;
    for (const target of targets) {
      const want = Math.max(1, Math.round(target / perIndicator));
      if (want <= loaded) continue;
      const adding = (want - loaded) * perIndicator;
      const elapsed = (now() - started) / 1000;
      if (loadRate > 0) {
        // Load, plus about as long again for ANALYZE and the queries (measured so far: well under that).
        const projected = elapsed + (2 * adding) / loadRate;
        if (projected > GROWTH_BUDGET_SECONDS) {
          stoppedAt = `${target.toLocaleString('en-GB')} rows not attempted: at ${Math.round(loadRate)} rows/s it would take the growth part to about ${Math.round(projected)} s, over the ${GROWTH_BUDGET_SECONDS} s budget (BENCH_GROWTH_BUDGET_SECONDS)`;
          log(`growth: stop: ${stoppedAt}`);
          break;
        }
      }
      // One statement per indicator (about 70,000 rows): keeps each statement's foreign-key work small, as a real load in batches would.
      const t0 = now();
      for (let i = loaded + 1; i <= want; i++) {
        await sql`
          INSERT INTO observations (indicator_code, area_code, period_label, period_kind, period_start, period_end, value_type, value)
          SELECT ${`synthetic-${String(i).padStart(4, '0')}`}, dz.code, y::text, 'year', make_date(y, 1, 1), make_date(y, 12, 31), 'raw', round((random() * 100)::numeric, 2)
          FROM areas dz CROSS JOIN generate_series(${2024 - YEARS + 1}::int, 2024) AS y
          WHERE dz.level = 'data_zone' AND dz.fictional = false`.execute(db);
      }
      const loadMs = now() - t0;
      const a0 = now();
      await sql`ANALYZE observations`.execute(db);
      const analyzeMs = now() - a0;
      loaded = want;
      rows += adding;
      loadRate = adding / (loadMs / 1000);
      const size = await sql<{ bytes: string }>`SELECT pg_total_relation_size('observations')::text AS bytes`.execute(
        db,
      );
      const queryBudget = engine.engine === 'pglite' ? 20_000 : 15_000;
      const councilAggregate = await timed(async () => {
        const r = await sql`
          SELECT iz.parent_code AS council, o.indicator_code, o.period_label, count(*) AS n, avg(o.value) AS mean, min(o.value), max(o.value)
          FROM observations o JOIN areas dz ON dz.code = o.area_code JOIN areas iz ON iz.code = dz.parent_code
          WHERE o.indicator_code LIKE 'synthetic-%'
          GROUP BY iz.parent_code, o.indicator_code, o.period_label`.execute(db);
        return r.rows.length;
      }, queryBudget);
      const bareScan = await timed(async () => {
        const r = await sql`SELECT count(*) FROM observations WHERE indicator_code LIKE 'synthetic-%'`.execute(db);
        return r.rows.length;
      }, queryBudget);
      const profileLike = await timed(async () => {
        const r = await db
          .selectFrom('observations')
          .select(['indicator_code', 'area_code', 'period_label', 'period_start', 'value_type', 'value'])
          .where('area_code', 'in', [dz, SCOTLAND])
          .orderBy('period_start')
          .execute();
        return r.length;
      }, queryBudget);
      const councilMap = await timed(async () => {
        const r = await sql`
          SELECT o.area_code, o.period_label, o.value FROM observations o
          JOIN areas dz ON dz.code = o.area_code JOIN areas iz ON iz.code = dz.parent_code
          WHERE o.indicator_code = 'synthetic-0001' AND iz.parent_code = ${glasgow.code}`.execute(db);
        return r.rows.length;
      }, queryBudget);
      const step: GrowthStep = {
        targetRows: target,
        indicators: want,
        years: YEARS,
        dataZones,
        rows,
        load: { rowsAdded: adding, ms: ms(loadMs), rowsPerSecond: Math.round(loadRate), analyzeMs: ms(analyzeMs) },
        tableMiB: round(Number(size.rows[0]?.bytes ?? 0) / 1024 ** 2, 1),
        councilAggregate,
        bareScan: { runsMs: bareScan.runsMs, medianMs: bareScan.medianMs },
        ratioToBareScan: bareScan.medianMs > 0 ? round(councilAggregate.medianMs / bareScan.medianMs, 2) : 0,
        profileLike,
        councilMap,
      };
      steps.push(step);
      log(
        `growth ${rows.toLocaleString('en-GB').padStart(11)} rows: +${adding.toLocaleString('en-GB')} in ${step.load.ms} ms (${step.load.rowsPerSecond} rows/s, ANALYZE ${step.load.analyzeMs} ms), ${step.tableMiB} MiB;` +
          ` council aggregate ${councilAggregate.medianMs} ms (×${step.ratioToBareScan} of count(*) ${bareScan.medianMs} ms); profile-like ${profileLike.medianMs} ms (${profileLike.resultRows} rows); council map ${councilMap.medianMs} ms`,
      );
    }
    if (!stoppedAt && targets.length < GROWTH_SIZES.length) {
      stoppedAt = `sizes above ${max.toLocaleString('en-GB')} rows not attempted on ${engine.engine} (BENCH_GROWTH_MAX)`;
    }
  } catch (error) {
    problems.push(`growth: ${(error as Error).message}`);
    stoppedAt = `failed after ${steps.at(-1)?.rows ?? 0} rows: ${(error as Error).message}`;
    log(`growth: ${stoppedAt}`);
  } finally {
    await handle.close();
  }
  return {
    note: `Synthetic indicators synthetic-0001… (inserted into indicators first), one value per real data zone and year for ${YEARS} years, generated inside the database (INSERT … SELECT FROM areas × generate_series, one statement per indicator, foreign keys and both indexes in place), ANALYZE after each size; the database is thrown away afterwards.`,
    engineVersion,
    steps,
    stoppedAt,
    geographyMs,
  };
}

// ---------------------------------------------------------------------------------------------------

const HISTORY_TABLE = {
  intro: [
    '## Outcomes data engine',
    '',
    'One line per run of `bench/outcomes.ts` (part of `npm run bench`; alone with `npm run bench -- outcomes`). Import: the national import’s rows/s',
    'as a ratio of COPY of the same rows on the same engine (CPOP communities; LGBF). Recompute: all profiles and inequality measures ÷ a bare',
    'GROUP BY over the same rows (lower is better). Pages: req/s at 50 connections as a ratio of GET /health in interleaved slices, p99 in brackets.',
    'Growth: the largest size loaded, its load rate and the per-council aggregate there.',
  ],
  header: [
    'started (UTC)',
    'engine',
    'machine',
    'load',
    'import all',
    'import ÷ COPY (communities; LGBF)',
    'recompute ÷ aggregate',
    '/scotland',
    'profile page',
    'profile API',
    'growth',
  ],
};

function saveOutcomes(report: OutcomesReport): { json: string; history: string } {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = path.join(
    RESULTS_DIR,
    `${report.date}-${report.engine}-outcomes${GROWTH_ONLY ? '-growth' : HTTP_ONLY ? '-http' : DATA_ONLY ? '-data' : ''}.json`,
  );
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  const history = path.join(RESULTS_DIR, 'HISTORY.md');
  const m = report.machine;
  const page = (name: string) => {
    const s = report.http?.scenarios.find((x) => x.name === name);
    return s
      ? `${s.ratio.throughput.toFixed(3)} (${Math.round(s.result.perSecond)}/s, p99 ${Math.round(s.result.latency.p99)} ms)`
      : '—';
  };
  const last = report.growth?.steps.at(-1);
  addHistoryRow(history, HISTORY_TABLE, [
    report.startedAt.slice(0, 16).replace('T', ' '),
    report.engine,
    `${m.cpu} ×${m.cores}, ${m.memoryGiB} GiB, node ${m.node}`,
    String(m.loadAverageAtStart),
    report.import ? `${(report.import.totalMs / 1000).toFixed(1)} s (${report.import.rowsPerSecond} rows/s)` : '—',
    report.copy.length
      ? report.copy.map((c) => `${c.ratio.import.toFixed(2)} (in place ${c.ratioInPlace.import.toFixed(2)})`).join('; ')
      : '—',
    report.recompute ? `×${report.recompute.ratio} (${report.recompute.recompute.medianMs} ms)` : '—',
    page('GET /scotland?indicator=cpop-child-poverty'),
    page('GET /partnerships/glasgow-city/outcomes'),
    page('GET /api/v1/partnerships/glasgow-city/outcomes'),
    last
      ? `${(last.rows / 1e6).toFixed(2)} M rows, ${last.load.rowsPerSecond} rows/s, aggregate ${Math.round(last.councilAggregate.medianMs)} ms`
      : '—',
  ]);
  return { json, history };
}

export async function runOutcomes(): Promise<{ problems: string[] }> {
  const startedAt = new Date();
  const engine = outcomesEngine();
  const problems: string[] = [];
  const m = machine();
  log(
    `\nCairn outcomes benchmark: ${engine.engine}; ${m.cpu} ×${m.cores}, ${m.memoryGiB} GiB, node ${m.node}, load average ${m.loadAverageAtStart}`,
  );
  let running: Running | null = null;
  const report: OutcomesReport = {
    date: startedAt.toISOString().slice(0, 10),
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    engine: engine.engine,
    engineVersion: '',
    machine: m,
    settings: {
      data: DATA,
      connections: CONNECTIONS,
      durationSeconds: SECONDS,
      rounds: ROUNDS,
      recomputeRounds: RECOMPUTE_ROUNDS,
      warmupSeconds: WARMUP_SECONDS,
      sliceWarmupSeconds: SLICE_WARMUP_SECONDS,
      copyRepeats: COPY_REPEATS,
      growthSizes: GROWTH_SIZES.join(','),
      growthBudgetSeconds: GROWTH_BUDGET_SECONDS,
    },
    import: null,
    copy: [],
    recompute: null,
    pageParts: [],
    http: null,
    growth: null,
    targets: [],
    problems,
  };
  const full = async () => {
    const env = await engine.fresh('main');
    const config = loadConfig({
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      CAIRN_LOG: 'silent',
      CAIRN_REMINDER_INTERVAL_MINUTES: '0',
    });
    running = await startServer(config, { log: () => undefined });
    const handle = running.deps.handle;
    const version = await sql<{ version: string }>`SELECT version() AS version`.execute(handle.db);
    report.engineVersion = version.rows[0]?.version ?? 'unknown';
    log(`Database: ${report.engineVersion.split(',')[0]}`);

    const { kinds, runIds } = await nationalImport(handle);
    const totalMs = kinds.reduce((s, k) => s + k.ms, 0);
    const rowsLoaded = kinds.reduce((s, k) => s + k.rowsLoaded, 0);
    report.import = { totalMs, rowsLoaded, rowsPerSecond: Math.round(rowsLoaded / (totalMs / 1000)), kinds };
    log(`import all: ${rowsLoaded} rows in ${(totalMs / 1000).toFixed(1)} s (${report.import.rowsPerSecond} rows/s)`);
    if (!HTTP_ONLY) {
      report.copy = await copyComparison(engine, env, handle, kinds, runIds);
      report.recompute = await recomputeComparison(running);
    }
    if (!DATA_ONLY) {
      report.pageParts = await pageParts(running);
      report.http = await httpComparison(running, problems);
    }
    await running.close();
    running = null;
    if (!HTTP_ONLY && !DATA_ONLY) report.growth = await growth(engine, problems);
  };
  try {
    if (!existsSync(path.join(DATA, 'geography'))) throw new Error(`no national data in ${DATA} (BENCH_DATA)`);
    if (GROWTH_ONLY) {
      report.growth = await growth(engine, problems);
      report.engineVersion = report.growth.engineVersion;
    } else await full();
  } catch (error) {
    problems.push(`outcomes: ${(error as Error).stack ?? String(error)}`);
    log(`problem: ${(error as Error).message}`);
  } finally {
    if (running) await (running as Running).close().catch(() => undefined);
    await engine.cleanup().catch((e: unknown) => problems.push(`cleanup: ${(e as Error).message}`));
  }
  // Against COPY into an empty copy of observations, the stricter limit; COPY into observations as the
  // import found it is kept beside it in the results (copyInPlace, ratioInPlace).
  for (const c of report.copy)
    report.targets.push({
      what: `import ÷ COPY rows/s, ${c.kind}`,
      target: '≥ 0.5',
      value: c.ratio.import,
      met: c.ratio.import >= 0.5,
    });
  if (report.recompute)
    report.targets.push({
      what: 'recompute ÷ bare aggregate, time',
      target: '≤ 2',
      value: report.recompute.ratio,
      met: report.recompute.ratio <= 2,
    });
  for (const s of report.http?.scenarios ?? [])
    report.targets.push({
      what: `${s.name} ÷ GET /health req/s at ${CONNECTIONS} connections`,
      target: '≥ 0.6',
      value: s.ratio.throughput,
      met: s.ratio.throughput >= 0.6,
    });
  const finishedAt = new Date();
  report.finishedAt = finishedAt.toISOString();
  const files = saveOutcomes(report);
  log('');
  for (const t of report.targets) log(`target ${t.met ? 'met    ' : 'not met'} ${t.what}: ${t.value} (${t.target})`);
  for (const p of problems) log(`problem: ${p}`);
  log(
    `Saved ${files.json} and a line in ${files.history} (${Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000)} s).`,
  );
  return { problems };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runOutcomes().then(
    ({ problems }) => {
      if (problems.length) process.exitCode = 1;
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
