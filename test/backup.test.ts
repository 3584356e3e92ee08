import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFingerprint, restoreBackup, writeBackup, BackupError } from '../src/modules/backup/index.ts';
import { createWorld, type TestWorld } from './helpers/app.ts';
import { createTestDatabase } from './helpers/db.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

async function backupLines(): Promise<string[]> {
  const lines: string[] = [];
  await writeBackup(world.handle.db, world.handle.engine, (line) => {
    lines.push(line);
  });
  return lines;
}

describe('backup and restore', () => {
  it('round-trips every table into an empty database', async () => {
    const lines = await backupLines();
    const header = JSON.parse(lines[0]!) as { tables: Record<string, number> };
    // Every table of the schema is in the backup, and the demo filled the ones that matter.
    expect(Object.keys(header.tables).sort()).toEqual(Object.keys(await databaseFingerprint(world.handle.db)).sort());
    for (const t of [
      'users',
      'partnerships',
      'organisations',
      'partnership_organisations',
      'partnership_roles',
      'areas',
      'locality_components',
      'audit_events',
      'user_national_roles',
    ]) {
      expect(header.tables[t], t).toBeGreaterThan(0);
    }
    const target = await createTestDatabase();
    try {
      const summary = await restoreBackup(target.db, lines, 'test backup');
      expect(summary.tables).toEqual(Object.fromEntries(Object.entries(header.tables).filter(([, n]) => n > 0)));
      expect(await databaseFingerprint(target.db)).toEqual(await databaseFingerprint(world.handle.db));
      // Sequences continue after the restored ids: a new row does not collide.
      const next = await target.db
        .insertInto('organisations')
        .values({ name: 'After Restore', type_code: 'business', owner_partnership_id: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const max = await world.handle.db
        .selectFrom('organisations')
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirstOrThrow();
      expect(next.id).toBe(Number(max.m) + 1);
    } finally {
      await target.close();
    }
  });

  it('refuses to restore over a database in use, and changes nothing there', async () => {
    const lines = await backupLines();
    const before = await databaseFingerprint(world.handle.db);
    await expect(restoreBackup(world.handle.db, lines)).rejects.toThrow(/empty database/);
    expect(await databaseFingerprint(world.handle.db)).toEqual(before);
  });

  it('names the line of a damaged file, and writes nothing', async () => {
    const lines = await backupLines();
    const target = await createTestDatabase();
    try {
      const before = await databaseFingerprint(target.db);
      const damaged = [...lines.slice(0, 5), '{"t": "users", "r": ', ...lines.slice(6)];
      await expect(restoreBackup(target.db, damaged, 'damaged.ndjson')).rejects.toThrow(
        'damaged.ndjson, line 6: not valid JSON',
      );
      const cut = lines.slice(0, lines.length - 3);
      await expect(restoreBackup(target.db, cut, 'cut.ndjson')).rejects.toThrow(
        /should have \d+ rows but the file holds/,
      );
      await expect(restoreBackup(target.db, ['not json'], 'x')).rejects.toThrow(BackupError);
      expect(await databaseFingerprint(target.db)).toEqual(before);
    } finally {
      await target.close();
    }
  });
});
