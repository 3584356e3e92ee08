import { Worker } from 'node:worker_threads';
import type { Slice } from './stats.ts';

export interface SliceSpec {
  /** Must be on 127.0.0.1: the client refuses anything else. */
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Request bodies, used in turn (POST); empty for GET. */
  bodies: string[];
  /** The status a successful answer has; anything else counts as an error and is left out of the numbers. */
  expectStatus: number;
  connections: number;
  warmupMs: number;
  durationMs: number;
  /**
   * Count the requests that *complete* inside the window, over the window's length (default: those that
   * start inside it, over the time to the last completion). Completions are the unbiased measure when a
   * request takes longer than a small part of the window (slow pages at many connections); the default
   * is kept for the core suite, whose requests take milliseconds.
   */
  countCompleted?: boolean;
}

type Reply = { id: number; ok: true; slice: Slice | null } | { id: number; ok: false; error: string };

// tsx does not hand its loader to worker threads by itself: the worker registers it, then loads the client.
const TSX_API = import.meta.resolve('tsx/esm/api');
const WORKER = new URL('./load-worker.ts', import.meta.url).href;
const BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER)}); });`;

/** The HTTP load client: one worker thread (its own event loop), asked for one measured slice at a time. */
export class LoadClient {
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (slice: Slice | null) => void; reject: (error: Error) => void }
  >();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!waiting) return;
      if (reply.ok) waiting.resolve(reply.slice);
      else waiting.reject(new Error(`load client failed: ${reply.error}`));
    });
    const failAll = (error: Error) => {
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`load client exited (${code})`)));
  }

  static start(): LoadClient {
    return new LoadClient(new Worker(BOOTSTRAP, { eval: true }));
  }

  private ask(message: object): Promise<Slice | null> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...message });
    });
  }

  async run(spec: SliceSpec): Promise<Slice> {
    const slice = await this.ask({ spec });
    if (!slice) throw new Error('load client answered nothing');
    return slice;
  }

  async close(): Promise<void> {
    await this.ask({ close: true });
    await this.worker.terminate();
  }
}
