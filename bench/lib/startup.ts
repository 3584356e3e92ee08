import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin', 'cairn.js');
const POLL_MS = 5;
const GIVE_UP_MS = 120_000;

export interface StartTiming {
  /** From spawn to the first 200 from GET /health, in milliseconds. */
  ms: number;
  /** What the server itself reported ("ready in … ms": database, migrations, demo seed, listen), if it did. */
  reportedReadyMs: number | null;
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/health', timeout: 1000, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/** Cairn's configuration for a child process: the bench's own variables, never the caller's database. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env))
    if (key === 'DATABASE_URL' || key.startsWith('CAIRN_') || key === 'PORT' || key === 'HOST') delete env[key];
  return { ...env, CAIRN_LOG: 'error', ...extra };
}

/**
 * Spawn `node bin/cairn.js serve --demo` and time it until GET /health answers 200 (polled every few
 * milliseconds), then stop it with SIGTERM and wait for it to exit.
 */
export async function timeServeStart(env: Record<string, string>): Promise<StartTiming> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve', '--demo'], {
    cwd: ROOT,
    env: childEnv({ ...env, PORT: String(port), HOST: '127.0.0.1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited: number | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = code ?? (signal ? 128 : 0);
      resolve();
    }),
  );
  try {
    for (;;) {
      if (exited !== null) throw new Error(`cairn serve exited (${exited}) before answering:\n${output}`);
      if (await healthy(port)) break;
      if (performance.now() - t0 > GIVE_UP_MS)
        throw new Error(`cairn serve did not answer within ${GIVE_UP_MS} ms:\n${output}`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const ms = performance.now() - t0;
    const ready = /ready in (\d+) ms/.exec(output);
    return { ms: Math.round(ms), reportedReadyMs: ready ? Number(ready[1]) : null };
  } finally {
    if (exited === null) child.kill('SIGTERM');
    await exit;
  }
}

/**
 * The floor under any start: spawn node, register tsx and load every module of the CLI (`--version`
 * imports the whole application before it prints), without opening a database. Timed to the version
 * appearing on stdout.
 */
export async function timeProcessFloor(): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, '--version'], {
    cwd: ROOT,
    env: childEnv({}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let printed = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    printed ||= performance.now() - t0;
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  if (code !== 0 || !printed) throw new Error(`cairn --version failed (${code}):\n${output}`);
  return Math.round(printed);
}
