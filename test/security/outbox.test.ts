import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { repeatWithoutOverlap } from '../../src/core/repeat.ts';
import { buildDeps } from '../../src/deps.ts';
import { OUTBOX_MAX_ATTEMPTS } from '../../src/modules/community/reminders.service.ts';
import { createWorld, type TestWorld } from '../helpers/app.ts';
import { childDatabaseUrl, secondConnection } from '../helpers/db.ts';
import { startFakeSmtp, type FakeSmtp } from '../helpers/smtp.ts';

/**
 * Issue 14, defect 7: two `cairn serve` processes on one PostgreSQL sent every outbox message twice, and
 * the outbox showed attempts = 1; the reminder timer could overlap itself. Each message is now claimed
 * before it is sent (RemindersService.sendOutbox: one UPDATE over a row locked FOR UPDATE SKIP LOCKED, a
 * lease of OUTBOX_CLAIM_MINUTES), the reminder run holds an advisory lock, and the timer never overlaps
 * itself (core/repeat.ts). The limits are named in reminders.service.ts (OUTBOX_CLAIM_MINUTES = 10,
 * OUTBOX_MAX_ATTEMPTS = 5); the interval is CAIRN_REMINDER_INTERVAL_MINUTES.
 */

const MESSAGES = 40;
let smtp: FakeSmtp;
let world: TestWorld;

beforeAll(async () => {
  smtp = await startFakeSmtp();
  world = await createWorld({ demo: false, env: { CAIRN_SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await world.close();
  await smtp.close();
});

beforeEach(async () => {
  await world.handle.db.deleteFrom('outbox').execute();
  await world.handle.db
    .insertInto('outbox')
    .values(
      Array.from({ length: MESSAGES }, (_, i) => ({
        to_address: `officer-${i}@example.org`,
        subject: `Cairn: reminder ${i}`,
        body: `Reminder ${i}\n`,
        dedupe_key: `test:${i}:${Math.random()}`,
        created_at: world.clock.now(),
      })),
    )
    .execute();
});

async function outboxState() {
  const rows = await world.handle.db.selectFrom('outbox').select(['sent_at', 'attempts', 'claimed_until']).execute();
  return {
    sent: rows.filter((r) => r.sent_at !== null).length,
    attempts: [...new Set(rows.map((r) => r.attempts))],
    claimed: rows.filter((r) => r.claimed_until !== null).length,
  };
}

describe('the outbox with several senders', () => {
  it('sends each message once when two senders run at once (two pools on PostgreSQL: two processes’ connections)', async () => {
    const second = await secondConnection(world.handle);
    try {
      const a = world.deps.reminders;
      const b = second
        ? buildDeps(second, world.config, world.clock).reminders
        : buildDeps(world.handle, world.config, world.clock).reminders;
      const before = smtp.messages();
      const [ra, rb] = await Promise.all([a.sendOutbox(), b.sendOutbox()]);
      expect(ra.sent + rb.sent).toBe(MESSAGES);
      expect(smtp.messages() - before).toBe(MESSAGES);
      expect(await outboxState()).toEqual({ sent: MESSAGES, attempts: [1], claimed: 0 });
    } finally {
      await second?.close();
    }
  });

  it('sends each message once with two real `cairn reminders` processes on one PostgreSQL (PostgreSQL only)', async (ctx) => {
    const url = childDatabaseUrl(world.handle);
    if (!url) return ctx.skip();
    const env = {
      PATH: process.env['PATH'] ?? '',
      HOME: os.homedir(),
      TZ: 'UTC',
      CAIRN_LOG: 'silent',
      DATABASE_URL: url,
      CAIRN_SMTP_URL: smtp.url,
    };
    const run = promisify(execFile);
    const bin = path.resolve('bin/cairn.js');
    const before = smtp.messages();
    const outputs = await Promise.all([
      run(process.execPath, [bin, 'reminders'], { env }),
      run(process.execPath, [bin, 'reminders'], { env }),
    ]);
    const sent = outputs.map((o) => Number(/e-mail: (\d+) sent/.exec(o.stdout)?.[1] ?? NaN));
    expect(sent[0]! + sent[1]!).toBe(MESSAGES);
    expect(smtp.messages() - before).toBe(MESSAGES);
    expect(await outboxState()).toEqual({ sent: MESSAGES, attempts: [1], claimed: 0 });
  });

  it('takes up a message whose sender died mid-send once its claim has lapsed, and gives up after OUTBOX_MAX_ATTEMPTS', async () => {
    const db = world.handle.db;
    const lapsed = new Date(world.clock.now().getTime() - 60_000);
    const future = new Date(world.clock.now().getTime() + 600_000);
    const ids = (await db.selectFrom('outbox').select('id').orderBy('id').limit(3).execute()).map((r) => r.id);
    await db.updateTable('outbox').set({ claimed_until: lapsed, attempts: 1 }).where('id', '=', ids[0]!).execute(); // died: try again
    await db.updateTable('outbox').set({ claimed_until: future, attempts: 1 }).where('id', '=', ids[1]!).execute(); // another sender has it now
    await db.updateTable('outbox').set({ attempts: OUTBOX_MAX_ATTEMPTS }).where('id', '=', ids[2]!).execute(); // given up
    const before = smtp.messages();
    const r = await world.deps.reminders.sendOutbox();
    expect(r.sent).toBe(MESSAGES - 2);
    expect(smtp.messages() - before).toBe(MESSAGES - 2);
    const left = await db
      .selectFrom('outbox')
      .select(['id', 'attempts'])
      .where('sent_at', 'is', null)
      .orderBy('id')
      .execute();
    expect(left).toEqual([
      { id: ids[1], attempts: 1 },
      { id: ids[2], attempts: OUTBOX_MAX_ATTEMPTS },
    ]);
  });
});

describe('the reminder timer', () => {
  it('never starts a run while the one before is under way, and stop() waits for it', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const repeating = repeatWithoutOverlap(async () => {
      active++;
      most = Math.max(most, active);
      runs++;
      await gate; // the first run lasts until released, over many intervals
      active--;
    }, 5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runs).toBe(1);
    const stopped = repeating.stop();
    release();
    await stopped;
    expect(active).toBe(0);
    expect(most).toBe(1);
  });
});
