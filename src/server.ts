import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.tsx';
import type { Config } from './config.ts';
import { systemActor } from './core/access/actor.ts';
import { cliContext } from './core/context.ts';
import { repeatWithoutOverlap, type Repeating } from './core/repeat.ts';
import { systemClock, type Clock } from './core/time.ts';
import { connect, migrateToLatest, type DatabaseHandle } from './db/connect.ts';
import { buildDeps, type Deps } from './deps.ts';
import { describeDemoLogins } from './modules/demo/index.ts';

export interface Running {
  server: ServerType;
  deps: Deps;
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Seed the demo partnership when the embedded database has no accounts yet (`npm start`). */
  demo?: boolean;
  clock?: Clock;
  log?: (line: string) => void;
}

export async function openDatabase(config: Config): Promise<DatabaseHandle> {
  return connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<Running> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const handle = await openDatabase(config);
  const applied = await migrateToLatest(handle.db);
  for (const line of applied) log(`migrations: ${line}`);
  const deps = buildDeps(handle, config, options.clock ?? systemClock);
  if (options.demo) {
    const hasUsers = await handle.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (handle.engine !== 'pglite') {
      log('demo: not seeded automatically into PostgreSQL; run `cairn demo` to add it to an unused database.');
    } else if (!hasUsers) {
      const outcome = await deps.demo.seed();
      log(outcome.seeded ? describeDemoLogins(outcome, config.baseUrl) : `demo: ${outcome.reason}`);
    }
  }
  const { app } = createApp(deps);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // Reminders of statutory deadlines: once at start, then on a timer (CAIRN_REMINDER_INTERVAL_MINUTES; 0
  // turns it off), never overlapping itself; across processes RemindersService claims its work.
  let reminders: Repeating | null = null;
  if (config.reminderIntervalMinutes > 0) {
    reminders = repeatWithoutOverlap(async () => {
      try {
        const run = await deps.reminders.run(cliContext(systemActor('reminders')));
        const mail = await deps.reminders.sendOutbox();
        if (run.notifications || mail.sent || mail.failed)
          log(`reminders: ${run.notifications} new, ${mail.sent} e-mails sent, ${mail.failed} failed`);
      } catch (e) {
        log(`reminders: failed: ${(e as Error).message}`);
      }
    }, config.reminderIntervalMinutes * 60_000);
  }
  log(
    `Cairn is serving on ${url} (database: ${handle.engine} at ${handle.location}; ready in ${Date.now() - started} ms)`,
  );
  return {
    server,
    deps,
    url,
    close: async () => {
      await reminders?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await handle.close();
    },
  };
}
