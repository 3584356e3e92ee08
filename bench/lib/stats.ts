/** Numbers shared by the HTTP load worker and the in-process loops. */

export interface Latency {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** One measured window: raw latencies (ms) of the operations that succeeded, and what went wrong. */
export interface Slice {
  samples: number[];
  errors: number;
  /** Length of the window, from its start to the last completion. */
  seconds: number;
  /** Bytes of the successful responses (HTTP only). */
  bytes: number;
  statuses: Record<string, number>;
  firstError: string | null;
}

/** One or more slices of the same measurement, summed. */
export interface Measured {
  count: number;
  errors: number;
  seconds: number;
  perSecond: number;
  /** Milliseconds. */
  latency: Latency;
  statuses: Record<string, number>;
  bytesPerResponse: number;
  firstError: string | null;
  /** Throughput of each slice, in order. */
  slicesPerSecond: number[];
}

export function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export function latencyOf(samples: number[]): Latency {
  if (samples.length === 0) return { mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    mean: round(sum / sorted.length),
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1] ?? 0),
  };
}

export function perSecondOf(slice: Slice): number {
  return slice.seconds > 0 ? slice.samples.length / slice.seconds : 0;
}

export function summarise(slices: Slice[]): Measured {
  const samples = slices.flatMap((s) => s.samples);
  const seconds = slices.reduce((n, s) => n + s.seconds, 0);
  const bytes = slices.reduce((n, s) => n + s.bytes, 0);
  const statuses: Record<string, number> = {};
  for (const s of slices) for (const [k, v] of Object.entries(s.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    count: samples.length,
    errors: slices.reduce((n, s) => n + s.errors, 0),
    seconds: round(seconds),
    perSecond: seconds > 0 ? round(samples.length / seconds, 1) : 0,
    latency: latencyOf(samples),
    statuses,
    bytesPerResponse: samples.length ? Math.round(bytes / samples.length) : 0,
    firstError: slices.find((s) => s.firstError)?.firstError ?? null,
    slicesPerSecond: slices.map((s) => round(perSecondOf(s), 1)),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Run `op` with `concurrency` callers in flight for `warmupMs` (discarded) then `durationMs` (measured).
 * An operation counts when it started inside the measured window.
 */
export async function loop(
  op: () => Promise<unknown>,
  options: { concurrency: number; warmupMs: number; durationMs: number },
): Promise<Slice> {
  const from = performance.now() + options.warmupMs;
  const until = from + options.durationMs;
  const samples: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let lastEnd = until;
  const caller = async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      let ok = true;
      try {
        await op();
      } catch (error) {
        ok = false;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      const t1 = performance.now();
      if (t0 >= from) {
        if (ok) samples.push(t1 - t0);
        else errors += 1;
        if (t1 > lastEnd) lastEnd = t1;
      }
      if (!ok) await sleep(1);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, caller));
  return { samples, errors, seconds: (lastEnd - from) / 1000, bytes: 0, statuses: {}, firstError };
}
