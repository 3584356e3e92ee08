import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataVersion } from '../../src/db/data-version.ts';
import { Client, createWorld, type TestWorld } from '../helpers/app.ts';
import { secondConnection } from '../helpers/db.ts';

/**
 * Issue 14, defect 10 (the response cache's version): it was `max(audit_events.id)`, which on PostgreSQL
 * can be stale when a transaction holding a lower id commits after one holding a higher id; a remembered
 * page then outlives the change. The versions are now rows of `data_versions`, bumped at commit by a
 * deferred trigger (migration 0025, core/data-version.ts), so they move forward in commit order.
 */

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const auditRow = (label: string) =>
  sql`INSERT INTO audit_events (at, actor_label, action, resource_type) VALUES (now(), ${label}, 'test.write', 'test')`;

describe('the data version', () => {
  it('moves at every commit of an audited write, and not before it commits', async () => {
    const v0 = await dataVersion(world.handle.db, 'audit');
    await world.handle.db.transaction().execute(async (trx) => {
      await auditRow('one').execute(trx);
      await auditRow('two').execute(trx);
      // Inside the transaction, uncommitted: readers elsewhere still see v0.
    });
    const v1 = await dataVersion(world.handle.db, 'audit');
    expect(BigInt(v1)).toBeGreaterThan(BigInt(v0));
    await expect(
      world.handle.db.transaction().execute(async (trx) => {
        await auditRow('rolled back').execute(trx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await dataVersion(world.handle.db, 'audit')).toBe(v1);
  });

  it('moves when a transaction holding a lower audit id commits after one holding a higher id (PostgreSQL only: PGlite runs one transaction at a time)', async (ctx) => {
    const other = await secondConnection(world.handle);
    if (!other) return ctx.skip();
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let lowerId = 0;
      let reserved!: () => void;
      const hasId = new Promise<void>((resolve) => (reserved = resolve));
      // T1 takes the lower id and waits; T2 takes a higher one and commits first.
      const t1 = world.handle.db.transaction().execute(async (trx) => {
        const r = await sql<{
          id: string;
        }>`INSERT INTO audit_events (at, actor_label, action, resource_type) VALUES (now(), 'T1', 'test.write', 'test') RETURNING id`.execute(
          trx,
        );
        lowerId = Number(r.rows[0]!.id);
        reserved();
        await held;
      });
      await hasId;
      const higher = await other.db.transaction().execute(async (trx) => {
        const r = await sql<{
          id: string;
        }>`INSERT INTO audit_events (at, actor_label, action, resource_type) VALUES (now(), 'T2', 'test.write', 'test') RETURNING id`.execute(
          trx,
        );
        return Number(r.rows[0]!.id);
      });
      expect(higher).toBeGreaterThan(lowerId);
      const seen = await dataVersion(world.handle.db, 'audit');
      release();
      await t1;
      expect(BigInt(await dataVersion(world.handle.db, 'audit'))).toBeGreaterThan(BigInt(seen));
    } finally {
      await other.close();
    }
  });

  it('keeps a remembered public page no longer than the next commit', async () => {
    const visitor = new Client(world);
    await visitor.get('/health');
    const first = await visitor.get('/partnerships');
    expect(first.status).toBe(200);
    await world.handle.db.transaction().execute(async (trx) => {
      await sql`UPDATE partnerships SET name = 'Renamed In Test' WHERE code = 'fife'`.execute(trx);
      await auditRow('rename').execute(trx);
    });
    const second = await visitor.get('/partnerships');
    expect(second.text).toContain('Renamed In Test');
  });
});
