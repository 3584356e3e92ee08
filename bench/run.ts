/**
 * `npm run bench`: Cairn's benchmark suite. Every figure is reported as a ratio against the engine's own
 * limit measured in the same run, on the same machine, plus the absolute numbers for context.
 * What is measured and how to read it: bench/README.md.
 *
 *   npm run bench                                                     # embedded PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench  # PostgreSQL (temporary schemas)
 *   npm run bench -- core | outcomes                                   # one of the two suites (outcomes: bench/outcomes.ts)
 *
 * Knobs (environment): BENCH_SECONDS (5), BENCH_ROUNDS (5), BENCH_WARMUP_SECONDS (1), BENCH_CONNECTIONS (10),
 * BENCH_STARTS (3).
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { serve } from '@hono/node-server';
import { verify } from '@node-rs/argon2';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { startServer, type Running } from '../src/server.ts';
import { DEMO_PARTNERSHIP, DEMO_PASSWORD, DEMO_USERS } from '../src/modules/demo/index.ts';
import { benchEngine } from './lib/engine.ts';
import { runOutcomes } from './outcomes.ts';
import { LoadClient, type SliceSpec } from './lib/load.ts';
import {
  latencyRatio,
  limitOf,
  machine,
  ratio,
  save,
  spreadOf,
  type BenchReport,
  type ScenarioResult,
} from './lib/report.ts';
import { loop, median, perSecondOf, round, summarise, type Measured, type Slice } from './lib/stats.ts';
import { timeProcessFloor, timeServeStart } from './lib/startup.ts';

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const SECONDS = num('BENCH_SECONDS', 5);
const WARMUP_SECONDS = num('BENCH_WARMUP_SECONDS', 1);
const CONNECTIONS = Math.round(num('BENCH_CONNECTIONS', 10));
const STARTS = Math.round(num('BENCH_STARTS', 3));
/** Each scenario's SECONDS are cut into ROUNDS slices, each next to a slice of its limit. */
const ROUNDS = Math.round(num('BENCH_ROUNDS', 5));
/** Discarded at the start of every slice, so that all connections are busy when measuring starts. */
const SLICE_WARMUP_SECONDS = 0.2;
/** The context limits (database round trip, bare Hono, one argon2 at a time): one window each. */
const CONTEXT_SECONDS = Math.min(SECONDS, 2);

const MANAGER =
  DEMO_USERS.find((u) => 'role' in u && u.role === 'partnership_manager')?.email ?? 'manager@glenlochy.example';
const DASHBOARD = `/partnerships/${DEMO_PARTNERSHIP.code}`;
const AUDIT_CSV = `/partnerships/${DEMO_PARTNERSHIP.code}/audit.csv`;
const REQUESTS = `/partnerships/${DEMO_PARTNERSHIP.code}/requests`;

const log = (line: string) => process.stdout.write(`${line}\n`);

function cookiesOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = (pair ?? '').indexOf('=');
    if (eq > 0) out[(pair ?? '').slice(0, eq).trim()] = (pair ?? '').slice(eq + 1);
  }
  return out;
}

/** A CSRF token (double-submit cookie) and a manager's session, obtained the way a browser does. */
async function signIn(base: string): Promise<{ csrf: string; session: string }> {
  const first = await fetch(`${base}/health`);
  await first.arrayBuffer();
  const csrf = cookiesOf(first)['cairn_csrf'];
  if (!csrf) throw new Error('GET /health set no cairn_csrf cookie');
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `cairn_csrf=${csrf}` },
    body: new URLSearchParams({ _csrf: csrf, email: MANAGER, password: DEMO_PASSWORD }).toString(),
  });
  await res.arrayBuffer();
  const session = cookiesOf(res)['cairn_session'];
  if (res.status !== 303 || !session) throw new Error(`signing in as ${MANAGER} failed: ${res.status}`);
  return { csrf, session };
}

interface Scenario {
  name: string;
  note: string;
  spec: Omit<SliceSpec, 'url' | 'connections' | 'warmupMs' | 'durationMs'> & { path: string };
  /** Checked once before the load: a scenario answering the wrong page would measure nothing useful. */
  check?: (body: string) => boolean;
  limit: 'http.health' | 'argon2.verify';
}

async function probe(base: string, s: Scenario): Promise<string | null> {
  const res = await fetch(`${base}${s.spec.path}`, {
    method: s.spec.method,
    redirect: 'manual',
    headers: s.spec.headers,
    ...(s.spec.bodies[0] !== undefined ? { body: s.spec.bodies[0] } : {}),
  });
  const body = await res.text();
  if (res.status !== s.spec.expectStatus)
    return `${s.name}: expected ${s.spec.expectStatus}, got ${res.status} (${body.slice(0, 200).replace(/\s+/g, ' ')})`;
  if (s.check && !s.check(body))
    return `${s.name}: the answer is not the expected page (${body.slice(0, 200).replace(/\s+/g, ' ')})`;
  return null;
}

function describe(t: Measured): string {
  return `${t.perSecond.toFixed(1).padStart(9)}/s  p50 ${t.latency.p50.toFixed(2).padStart(7)} ms  p99 ${t.latency.p99.toFixed(2).padStart(7)} ms${t.errors ? `  errors ${t.errors}` : ''}`;
}

/** A Hono app with one JSON route and nothing else, served from this process: the HTTP floor, for context. */
async function bareHono(): Promise<{ base: string; close(): Promise<void> }> {
  const app = new Hono();
  app.get('/', (c) => c.json({ status: 'ok' }));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function main() {
  const startedAt = new Date();
  const engine = benchEngine();
  const problems: string[] = [];
  const limits: BenchReport['limits'] = {};
  const scenarios: ScenarioResult[] = [];
  const m = machine();
  log(`Cairn benchmark: ${engine.engine}; ${m.cpu} ×${m.cores}, ${m.memoryGiB} GiB, node ${m.node}`);
  if (m.loadAverageAtStart > m.cores)
    log(
      `warning: load average ${m.loadAverageAtStart} on ${m.cores} cores: other work is running, expect noisy numbers`,
    );
  log(
    `HTTP: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s per scenario in ${ROUNDS} slices, each next to a slice of its limit; client in a worker thread`,
  );
  let running: Running | null = null;
  try {
    // ---- The server under test: in this process, on a fresh demo database ----
    const env = await engine.freshDatabase('server');
    const config = loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1', CAIRN_LOG: 'silent' });
    const serverLog: string[] = [];
    running = await startServer(config, { demo: true, log: (line) => serverLog.push(line) });
    if (running.deps.handle.engine === 'postgres') {
      // startServer never seeds PostgreSQL by itself (by design); the bench's schema is new and empty.
      const outcome = await running.deps.demo.seed();
      if (!outcome.seeded) throw new Error(`demo seed failed: ${outcome.reason}`);
    }
    const db = running.deps.handle.db;
    const { port } = running.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    const version = await sql<{ version: string }>`SELECT version() AS version`.execute(db);
    const engineVersion = version.rows[0]?.version ?? 'unknown';
    log(`Server: ${base} on ${engineVersion.split(',')[0]}\n`);

    const { csrf, session } = await signIn(base);
    const manager = { cookie: `cairn_csrf=${csrf}; cairn_session=${session}` };
    const hashRow = await db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', MANAGER)
      .executeTakeFirstOrThrow();

    // ---- Limits: what this engine, this process and this machine can do at best ----
    const client = LoadClient.start();
    const http = (url: string, spec: Scenario['spec'], seconds: number, warmupSeconds: number): Promise<Slice> => {
      const { path, ...rest } = spec;
      return client.run({
        ...rest,
        url: `${url}${path}`,
        connections: CONNECTIONS,
        warmupMs: warmupSeconds * 1000,
        durationMs: seconds * 1000,
      });
    };
    const slices: Record<string, Slice[]> = {};
    const notes: Record<string, string> = {};
    const context = async (key: string, note: string, run: () => Promise<Slice>) => {
      const slice = await run();
      slices[key] = [slice];
      notes[key] = note;
      const measured = summarise([slice]);
      log(`limit  ${key.padEnd(44)} ${describe(measured)}`);
      return measured;
    };
    const dbKey = `db.select1.c${CONNECTIONS}`;
    const loopOptions = (concurrency: number, seconds: number, warmupSeconds: number) => ({
      concurrency,
      warmupMs: warmupSeconds * 1000,
      durationMs: seconds * 1000,
    });
    await context('db.select1.c1', 'SELECT 1 through Kysely on the server’s own database handle, one at a time', () =>
      loop(() => sql`SELECT 1`.execute(db), loopOptions(1, CONTEXT_SECONDS, 0.5)),
    );
    const dbLimit = await context(
      dbKey,
      `SELECT 1 through Kysely on the server’s own database handle, ${CONNECTIONS} in flight`,
      () => loop(() => sql`SELECT 1`.execute(db), loopOptions(CONNECTIONS, CONTEXT_SECONDS, 0.5)),
    );
    const bare = await bareHono();
    let bareLimit: Measured;
    try {
      bareLimit = await context(
        'http.bare-hono',
        'A bare Hono JSON route in this process, no middleware, no database (context only)',
        () =>
          http(
            bare.base,
            { path: '/', method: 'GET', headers: {}, bodies: [], expectStatus: 200 },
            CONTEXT_SECONDS,
            WARMUP_SECONDS,
          ),
      );
    } finally {
      await bare.close();
    }
    await context(
      'argon2.verify.c1',
      'argon2id verify of a demo password hash in this process, one at a time (context only)',
      () => loop(() => verify(hashRow.password_hash, DEMO_PASSWORD), loopOptions(1, CONTEXT_SECONDS, 0.5)),
    );

    // The limits scenarios are divided by: measured in slices interleaved with each scenario's slices,
    // so that a machine whose speed changes during the run (other work on it, throttling) moves the
    // numerator and the denominator together.
    const healthSpec: Scenario['spec'] = { path: '/health', method: 'GET', headers: {}, bodies: [], expectStatus: 200 };
    notes['http.health'] =
      'GET /health: the whole middleware stack and one tiny query (the HTTP limit), in slices interleaved with every HTTP scenario';
    notes['argon2.verify'] =
      `argon2id verify of a demo password hash in this process, ${CONNECTIONS} in flight (the POST /login limit), in slices interleaved with it`;
    const limitSlice: Record<Scenario['limit'], (warmupSeconds: number) => Promise<Slice>> = {
      'http.health': (w) => http(base, healthSpec, SECONDS / ROUNDS, w),
      'argon2.verify': (w) =>
        loop(() => verify(hashRow.password_hash, DEMO_PASSWORD), loopOptions(CONNECTIONS, SECONDS / ROUNDS, w)),
    };
    log('');

    // ---- Scenarios ----
    const list: Scenario[] = [
      {
        name: 'anonymous GET /',
        note: 'Start page, signed out: middleware, no session and no query, render',
        spec: { path: '/', method: 'GET', headers: {}, bodies: [], expectStatus: 200 },
        check: (b) => b.includes('Community planning'),
        limit: 'http.health',
      },
      {
        name: `manager GET ${DASHBOARD}`,
        note: 'Partnership dashboard, signed in as the demo partnership manager: session and roles lookup, partnership lookup, four queries in parallel, recent audit events, render',
        spec: { path: DASHBOARD, method: 'GET', headers: manager, bodies: [], expectStatus: 200 },
        check: (b) => b.includes(DEMO_PARTNERSHIP.name) && b.includes('Recent changes'),
        limit: 'http.health',
      },
      {
        name: `manager GET ${AUDIT_CSV}`,
        note: 'The demo partnership’s whole audit trail as CSV, signed in as its manager',
        spec: { path: AUDIT_CSV, method: 'GET', headers: manager, bodies: [], expectStatus: 200 },
        check: (b) => b.startsWith('id,at,actor'),
        limit: 'http.health',
      },
      {
        name: 'anonymous GET /api/v1/partnerships',
        note: 'Every partnership as JSON, signed out',
        spec: {
          path: '/api/v1/partnerships',
          method: 'GET',
          headers: { accept: 'application/json' },
          bodies: [],
          expectStatus: 200,
        },
        check: (b) => b.includes(DEMO_PARTNERSHIP.code),
        limit: 'http.health',
      },
      {
        name: `manager GET ${REQUESTS}`,
        note: 'Participation and asset transfer requests of the demo partnership, signed in as its manager: overdue and due deadlines, by officer, every request with its next deadline',
        spec: { path: REQUESTS, method: 'GET', headers: manager, bodies: [], expectStatus: 200 },
        check: (b) => b.includes('deadlines overdue') && b.includes('Winter gritting'),
        limit: 'http.health',
      },
      {
        name: 'anonymous GET /registers/requests',
        note: 'The public register of requests across partnerships, signed out',
        spec: { path: '/registers/requests', method: 'GET', headers: {}, bodies: [], expectStatus: 200 },
        check: (b) => b.includes('Requests in the register'),
        limit: 'http.health',
      },
      {
        name: 'anonymous GET /api/v1/deadlines',
        note: 'One statutory deadline (45 working days across Christmas and New Year) from the rule table, as JSON',
        spec: {
          path: '/api/v1/deadlines?rule=pr-decision-joint&start=2026-12-21',
          method: 'GET',
          headers: { accept: 'application/json' },
          bodies: [],
          expectStatus: 200,
        },
        check: (b) => b.includes('"due":"2027-02-23"'),
        limit: 'http.health',
      },
      {
        name: 'POST /login',
        note: 'Sign in (303), the five demo accounts in turn: argon2id verify plus a write transaction (attempt, session, audit)',
        spec: {
          path: '/login',
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `cairn_csrf=${csrf}` },
          bodies: DEMO_USERS.map((u) =>
            new URLSearchParams({ _csrf: csrf, email: u.email, password: DEMO_PASSWORD }).toString(),
          ),
          expectStatus: 303,
        },
        limit: 'argon2.verify',
      },
    ];
    for (const s of list) {
      const wrong = await probe(base, s);
      if (wrong) {
        problems.push(wrong);
        log(`skip   ${s.name}: ${wrong}`);
        continue;
      }
      // Warm-up (discarded), then ROUNDS rounds of one limit slice and one scenario slice, taking turns
      // at going first.
      await limitSlice[s.limit](0);
      await http(base, s.spec, 0, WARMUP_SECONDS);
      const mine: Slice[] = [];
      const theirs: Slice[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const limitFirst = r % 2 === 0;
        if (limitFirst) theirs.push(await limitSlice[s.limit](SLICE_WARMUP_SECONDS));
        mine.push(await http(base, s.spec, SECONDS / ROUNDS, SLICE_WARMUP_SECONDS));
        if (!limitFirst) theirs.push(await limitSlice[s.limit](SLICE_WARMUP_SECONDS));
      }
      (slices[s.limit] ??= []).push(...theirs);
      const result = summarise(mine);
      const around = summarise(theirs);
      const rounds = mine.map((slice, i) => ratio(perSecondOf(slice), perSecondOf(theirs[i] as Slice)));
      const entry: ScenarioResult = {
        name: s.name,
        method: s.spec.method,
        path: s.spec.path,
        note: s.note,
        result,
        limit: s.limit,
        limitAround: { perSecond: around.perSecond, latencyP50: around.latency.p50 },
        ratio: {
          throughput: ratio(result.perSecond, around.perSecond),
          rounds,
          roundsSpread: spreadOf(rounds),
          latencyP50: latencyRatio(result.latency.p50, around.latency.p50),
          ofDbRoundTrip: ratio(result.perSecond, dbLimit.perSecond),
          ofBareHono: ratio(result.perSecond, bareLimit.perSecond),
        },
      };
      scenarios.push(entry);
      if (result.errors)
        problems.push(
          `${s.name}: ${result.errors} unexpected answers ${JSON.stringify(result.statuses)}; first: ${result.firstError}`,
        );
      log(`       ${s.name.padEnd(44)} ${describe(result)}  ${result.bytesPerResponse} B`);
      log(
        `         ×${entry.ratio.throughput.toFixed(3)} of ${s.limit} (${Math.round(around.perSecond)}/s, p50 ${around.latency.p50.toFixed(2)} ms in between)` +
          `  rounds ${rounds.map((x) => x.toFixed(3)).join(' ')}  p50 ×${entry.ratio.latencyP50}`,
      );
    }
    await client.close();
    for (const [key, list] of Object.entries(slices)) {
      const limit = limitOf(notes[key] ?? '', list);
      limits[key] = limit;
      if (limit.spread > 0.3) {
        problems.push(
          `noisy machine: ${key} varied by ${Math.round(limit.spread * 100)}% between slices (load average ${os.loadavg()[0]?.toFixed(2)} on ${m.cores} cores); ` +
            'trust the ratios (see ratio.rounds), not the absolute numbers',
        );
      }
    }

    await running.close();
    running = null;

    // ---- Start-up: a child process, as an operator starts Cairn ----
    log('');
    await timeProcessFloor(); // the first run fills tsx's compile cache: not counted
    const floors: number[] = [];
    const cold: number[] = [];
    const warm: number[] = [];
    const coldReported: (number | null)[] = [];
    const warmReported: (number | null)[] = [];
    for (let i = 0; i < STARTS; i++) {
      // Interleaved, so that a change in the machine's speed touches floor, cold and warm alike.
      floors.push(await timeProcessFloor());
      const target = await engine.freshDatabase('start');
      const c = await timeServeStart(target);
      const w = await timeServeStart(target);
      cold.push(c.ms);
      coldReported.push(c.reportedReadyMs);
      warm.push(w.ms);
      warmReported.push(w.reportedReadyMs);
    }
    const floor = median(floors);
    log(`limit  ${'process floor (cairn --version)'.padEnd(44)} ${floor} ms (runs ${floors.join(', ')})`);
    const startup: BenchReport['startup'] = {
      note:
        engine.engine === 'pglite'
          ? 'node bin/cairn.js serve --demo with an empty CAIRN_DATA_DIR (cold: create the database, migrate, seed the demo) and again on the same directory (warm)'
          : 'node bin/cairn.js serve --demo on an empty PostgreSQL schema (cold: migrate; PostgreSQL is never seeded automatically) and again on the same schema (warm)',
      processFloor: { medianMs: floor, runsMs: floors },
      cold: {
        medianMs: median(cold),
        runsMs: cold,
        reportedReadyMs: coldReported,
        ratioToFloor: round(median(cold) / floor, 2),
      },
      warm: {
        medianMs: median(warm),
        runsMs: warm,
        reportedReadyMs: warmReported,
        ratioToFloor: round(median(warm) / floor, 2),
      },
    };
    log(
      `       ${'cold start (spawn → /health 200)'.padEnd(44)} ${startup.cold.medianMs} ms  ×${startup.cold.ratioToFloor} of floor (runs ${cold.join(', ')})`,
    );
    log(
      `       ${'warm start (spawn → /health 200)'.padEnd(44)} ${startup.warm.medianMs} ms  ×${startup.warm.ratioToFloor} of floor (runs ${warm.join(', ')})`,
    );

    const finishedAt = new Date();
    const report: BenchReport = {
      date: startedAt.toISOString().slice(0, 10),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      engine: engine.engine,
      engineVersion,
      machine: m,
      settings: {
        connections: CONNECTIONS,
        warmupSeconds: WARMUP_SECONDS,
        durationSeconds: SECONDS,
        rounds: ROUNDS,
        sliceWarmupSeconds: SLICE_WARMUP_SECONDS,
        startRepeats: STARTS,
      },
      limits,
      scenarios,
      startup,
      problems,
    };
    const files = save(report);
    log('');
    for (const p of problems) log(`problem: ${p}`);
    log(
      `Saved ${files.json} and a line in ${files.history} (${Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000)} s).`,
    );
    if (problems.some((p) => !p.startsWith('noisy machine'))) process.exitCode = 1;
  } finally {
    if (running) await running.close().catch(() => undefined);
    await engine.cleanup();
  }
}

// `npm run bench` runs both suites; `npm run bench -- core` or `npm run bench -- outcomes` only one.
const only = process.argv.slice(2);
const suites = {
  core: only.length === 0 || only.includes('core'),
  outcomes: only.length === 0 || only.includes('outcomes'),
};
(async () => {
  if (suites.core) await main();
  if (suites.outcomes) {
    const { problems } = await runOutcomes();
    if (problems.length) process.exitCode = 1;
  }
})().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
