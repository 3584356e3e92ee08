/**
 * Every table has one owning module (src/db/table-owners.ts), and only the owner names it in a query (issue
 * #15, item 4): another module reaches the owner's rows through the owner's service.
 *
 * The check reads the source of every module under src/modules/ as text and finds the tables its queries name:
 * Kysely's builders (`selectFrom('plans as pl')`, `innerJoin('plan_actions as a', …)`, `insertInto`,
 * `updateTable`, `deleteFrom`, …) and raw SQL in `sql` templates and COPY (`FROM plans`, `JOIN …`,
 * `INTO …`, `UPDATE …`), keeping only names that are tables. A module naming a table it does not own fails the
 * test, unless it is one of the loads listed below (a listed load that no longer occurs fails too).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { TABLE_OWNERS } from '../src/db/table-owners.ts';
import { createTestDatabase } from './helpers/db.ts';

const MODULES = path.resolve(import.meta.dirname, '..', 'src', 'modules');

/**
 * Loads, which stay: the importers' job is to write the national data other modules own (areas' geography,
 * outcomes' indicators and observations); the demo seeder writes the labelled fictional rows no service makes and
 * looks up its fictional people; a backup reads and writes every table by name (these two by name in its
 * checks).
 */
const LOADS: Readonly<Record<string, readonly string[]>> = {
  backup: ['audit_events', 'users'],
  demo: [
    'areas',
    'community_bodies',
    'community_body_members',
    'evaluation_criteria',
    'evaluation_frameworks',
    'indicators',
    'observations',
    'organisations',
    'partnership_organisations',
    'partnership_roles',
    'partnerships',
    'users',
  ],
  imports: [
    'area_boundaries',
    'area_classifications',
    'area_code_aliases',
    'area_links',
    'area_name_variants',
    'areas',
    'family_groups',
    'indicator_frameworks',
    'indicators',
    'inequality_zone_values',
    'inequality_zones',
    'observations',
    'population_estimates',
    'simd_data_zones',
    'simd_editions',
  ],
};

const BUILDER =
  /\b(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|mergeInto)\(\s*['"`]([a-z_]+)/g;
const RAW = /\b(?:FROM|JOIN|INTO|UPDATE|COPY|TABLE)\s+"?([a-z_]+)"?/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** module → the tables of other modules it names, each with the first file that names it. */
function foreignTables(): Map<string, Map<string, string>> {
  const found = new Map<string, Map<string, string>>();
  for (const module of readdirSync(MODULES)) {
    const foreign = new Map<string, string>();
    for (const file of sourceFiles(path.join(MODULES, module))) {
      const text = readFileSync(file, 'utf8');
      for (const re of [BUILDER, RAW]) {
        for (const m of text.matchAll(re)) {
          const table = m[1]!;
          const owner = TABLE_OWNERS[table];
          if (owner === undefined || owner === module || owner === 'db') continue;
          if (!foreign.has(table)) foreign.set(table, path.relative(MODULES, file));
        }
      }
    }
    if (foreign.size) found.set(module, foreign);
  }
  return found;
}

describe('table ownership', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('names an owning module for every table the migrations make, and no table they do not make', async () => {
    const result = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
        AND table_name NOT IN ('kysely_migration', 'kysely_migration_lock')`.execute(handle.db);
    const tables = result.rows.map((r) => r.table_name).sort();
    expect(tables.filter((t) => !(t in TABLE_OWNERS))).toEqual([]);
    expect(Object.keys(TABLE_OWNERS).filter((t) => !tables.includes(t))).toEqual([]);
  });

  it('has no module naming another module’s table, apart from the listed loads', () => {
    const allowed = (module: string, table: string) => (LOADS[module] ?? []).includes(table);
    const found = foreignTables();
    const unlisted: string[] = [];
    for (const [module, tables] of found)
      for (const [table, file] of tables)
        if (!allowed(module, table))
          unlisted.push(`${module} names ${table} (owned by ${TABLE_OWNERS[table]}) in ${file}`);
    expect(unlisted).toEqual([]);
    const stale: string[] = [];
    for (const [module, tables] of Object.entries(LOADS))
      for (const table of tables) if (!found.get(module)?.has(table)) stale.push(`${module} → ${table}`);
    expect(stale, 'listed but no longer named: take them off the list').toEqual([]);
  });
});
