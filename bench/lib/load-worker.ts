/**
 * The HTTP load client, run in a worker thread so that it does not share the server's event loop. For
 * each slice it is asked for: `connections` keep-alive connections, each sending its next request as soon
 * as the last one answered (closed loop), for a warm-up (discarded) and then the measured window.
 * Connections are kept between slices of the same origin.
 */
import http from 'node:http';
import { parentPort } from 'node:worker_threads';
import type { Slice } from './stats.ts';
import type { SliceSpec } from './load.ts';

const agents = new Map<string, http.Agent>();

function agentFor(url: URL, connections: number): http.Agent {
  const key = `${url.origin} ${connections}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
    agents.set(key, agent);
  }
  return agent;
}

function send(
  target: URL,
  spec: SliceSpec,
  agent: http.Agent,
  body: string | undefined,
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...spec.headers };
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const req = http.request(target, { method: spec.method, headers, agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function slice(spec: SliceSpec): Promise<Slice> {
  const target = new URL(spec.url);
  if (target.hostname !== '127.0.0.1')
    throw new Error(`the load client only targets 127.0.0.1, not ${target.hostname}`);
  const agent = agentFor(target, spec.connections);
  const from = performance.now() + spec.warmupMs;
  const until = from + spec.durationMs;
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let bytes = 0;
  let firstError: string | null = null;
  let lastEnd = until;
  let next = 0;
  const connection = async () => {
    while (performance.now() < until) {
      const body = spec.bodies.length ? spec.bodies[next++ % spec.bodies.length] : undefined;
      const t0 = performance.now();
      let status = 0;
      let size = 0;
      try {
        ({ status, bytes: size } = await send(target, spec, agent, body));
      } catch (error) {
        firstError ??= (error as Error).message;
      }
      const t1 = performance.now();
      if (spec.countCompleted ? t1 < from || t1 > until : t0 < from) continue;
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (t1 > lastEnd) lastEnd = t1;
      if (status === spec.expectStatus) {
        samples.push(t1 - t0);
        bytes += size;
      } else {
        errors += 1;
        firstError ??= `status ${status}`;
        if (status === 0) await new Promise((r) => setTimeout(r, 5));
      }
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, connection));
  return {
    samples,
    errors,
    seconds: ((spec.countCompleted ? until : lastEnd) - from) / 1000,
    bytes,
    statuses,
    firstError,
  };
}

parentPort?.on('message', (message: { id: number; spec: SliceSpec } | { id: number; close: true }) => {
  if ('close' in message) {
    for (const agent of agents.values()) agent.destroy();
    agents.clear();
    parentPort?.postMessage({ id: message.id, ok: true, slice: null });
    return;
  }
  slice(message.spec).then(
    (result) => parentPort?.postMessage({ id: message.id, ok: true, slice: result }),
    (error: unknown) =>
      parentPort?.postMessage({
        id: message.id,
        ok: false,
        error: error instanceof Error ? error.stack : String(error),
      }),
  );
});
