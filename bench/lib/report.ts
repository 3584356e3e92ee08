import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, round, summarise, type Measured, type Slice } from './stats.ts';

export const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results');

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  arch: string;
  /** 1-minute load average when the run started: above `cores`, something else was competing for the CPU. */
  loadAverageAtStart: number;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: (cpus[0]?.model ?? 'unknown').trim(),
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    loadAverageAtStart: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}

/** A limit: every slice of it measured in the run, summed; `spread` tells how steady the machine was. */
export interface Limit extends Measured {
  note: string;
  /** (fastest − slowest) / median of the slices' throughput. */
  spread: number;
}

export function spreadOf(values: number[]): number {
  const m = median(values);
  return values.length > 1 && m > 0 ? round((Math.max(...values) - Math.min(...values)) / m, 3) : 0;
}

export function limitOf(note: string, slices: Slice[]): Limit {
  const measured = summarise(slices);
  return { note, ...measured, spread: spreadOf(measured.slicesPerSecond) };
}

export interface ScenarioResult {
  name: string;
  method: string;
  path: string;
  note: string;
  result: Measured;
  /** The limit this scenario is divided by, by name (a key of `limits`). */
  limit: string;
  /** That limit, from its slices interleaved with this scenario's (the divisor of the ratios). */
  limitAround: { perSecond: number; latencyP50: number };
  ratio: {
    /** Throughput divided by the limit's throughput (the headline figure). */
    throughput: number;
    /** The same ratio round by round (scenario slice ÷ limit slice next to it), and its spread. */
    rounds: number[];
    roundsSpread: number;
    /** Median latency divided by the limit's median latency (> 1: slower). */
    latencyP50: number;
    /** Throughput divided by the raw database round trip (SELECT 1) at the same concurrency. */
    ofDbRoundTrip: number;
    /** Throughput divided by a bare Hono JSON route in the same process (no middleware, no database). */
    ofBareHono: number;
  };
}

export interface BenchReport {
  date: string;
  startedAt: string;
  finishedAt: string;
  engine: 'pglite' | 'postgres';
  engineVersion: string;
  machine: Machine;
  settings: {
    connections: number;
    warmupSeconds: number;
    durationSeconds: number;
    rounds: number;
    sliceWarmupSeconds: number;
    startRepeats: number;
  };
  limits: Record<string, Limit>;
  scenarios: ScenarioResult[];
  startup: {
    note: string;
    processFloor: { medianMs: number; runsMs: number[] };
    cold: { medianMs: number; runsMs: number[]; reportedReadyMs: (number | null)[]; ratioToFloor: number };
    warm: { medianMs: number; runsMs: number[]; reportedReadyMs: (number | null)[]; ratioToFloor: number };
  };
  problems: string[];
}

/** A table of bench/results/HISTORY.md: the lines written above it when it is created, and its header row. */
export interface HistoryTable {
  intro: string[];
  header: string[];
}

const MAIN_TABLE: HistoryTable = {
  intro: [
    '# Benchmark history',
    '',
    'One line per `npm run bench`. Each cell: throughput as a ratio of the engine limit measured in the same run',
    '(GET /health for HTTP scenarios, raw argon2id verify for POST /login, measured in slices interleaved with it), then the absolute figure.',
    'Start-up: milliseconds until GET /health answers, then the ratio to the process floor (`cairn --version`). Load: 1-minute load average at the start.',
    'Compare ratios between runs; absolute numbers only between runs on the same machine. Details: bench/README.md.',
  ],
  header: [
    'started (UTC)',
    'engine',
    'machine',
    'load',
    'GET /health',
    'GET /',
    'dashboard',
    'audit.csv',
    'API partnerships',
    'POST /login',
    'cold start',
    'warm start',
  ],
};

/**
 * Add one row at the end of its own table in HISTORY.md (never replacing a line), creating the table,
 * with its intro, at the end of the file the first time. Several tables live in the file; each keeps its rows.
 */
export function addHistoryRow(file: string, table: HistoryTable, cells: string[]): void {
  const headerLine = `| ${table.header.join(' | ')} |`;
  const row = `| ${cells.join(' | ')} |`;
  const lines = existsSync(file) ? readFileSync(file, 'utf8').replace(/\n+$/, '').split('\n') : [];
  const at = lines.indexOf(headerLine);
  if (at < 0) {
    if (lines.length) lines.push('');
    lines.push(...table.intro, '', headerLine, `|${table.header.map(() => '---').join('|')}|`, row);
  } else {
    let end = at + 1;
    while (end < lines.length && (lines[end] ?? '').startsWith('|')) end++;
    lines.splice(end, 0, row);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

const r2 = (n: number) => Math.round(n * 100) / 100;

export function ratio(value: number, limit: number): number {
  return limit > 0 ? Math.round((value / limit) * 1000) / 1000 : 0;
}

export function latencyRatio(p50: number, limitP50: number): number {
  return limitP50 > 0 ? r2(p50 / limitP50) : 0;
}

/** Write bench/results/<date>-<engine>.json (a second run on the same day replaces it) and add a HISTORY.md line. */
export function save(report: BenchReport): { json: string; history: string } {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = path.join(RESULTS_DIR, `${report.date}-${report.engine}.json`);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  const history = path.join(RESULTS_DIR, 'HISTORY.md');
  const cell = (name: string) => {
    const s = report.scenarios.find((x) => x.name === name);
    return s ? `${s.ratio.throughput.toFixed(3)} (${Math.round(s.result.perSecond)}/s)` : '—';
  };
  const health = report.limits['http.health'];
  const m = report.machine;
  const line = [
    report.startedAt.slice(0, 16).replace('T', ' '),
    report.engine,
    `${m.cpu} ×${m.cores}, ${m.memoryGiB} GiB, node ${m.node}`,
    String(m.loadAverageAtStart),
    health ? `1 (${Math.round(health.perSecond)}/s)` : '—',
    cell('anonymous GET /'),
    cell('manager GET /partnerships/glenlochy-demo'),
    cell('manager GET /partnerships/glenlochy-demo/audit.csv'),
    cell('anonymous GET /api/v1/partnerships'),
    cell('POST /login'),
    `${report.startup.cold.medianMs} ms (×${report.startup.cold.ratioToFloor})`,
    `${report.startup.warm.medianMs} ms (×${report.startup.warm.ratioToFloor})`,
  ];
  addHistoryRow(history, MAIN_TABLE, line);
  return { json, history };
}
