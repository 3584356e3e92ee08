/**
 * Kysely's table types (src/db/schema*.ts, written by hand) against the database the migrations build.
 *
 * The migrations are the source of truth; the `Database` interface mirrors them (ADR 0003). This test
 * migrates a fresh database on the engine under test, reads every table and column from
 * information_schema (the migrator's own kysely_migration* tables left out), reads the `Database`
 * interface with the TypeScript compiler's type checker, and says, one line each, where they differ:
 *
 *   - a table or column the database has and the type lacks, or the type has and the database lacks;
 *   - a column the database lets be NULL whose type has no `| null`, or the reverse.
 *
 * A column's type is read as Kysely reads it: `Generated<T>` and `ColumnType<Select, Insert, Update>`
 * stand for their select type (what a query returns), so `Generated<number>` is not nullable and
 * `ColumnType<Date | null, …>` is. `unknown` (JSON) accepts null and is not checked for it.
 *
 * Why the compiler rather than kysely-codegen: codegen talks to PostgreSQL only and writes a second set
 * of types that would still have to be compared with these, type by type; the checker answers the one
 * question asked here (which columns, nullable or not) straight from the interface the code uses, on
 * both engines, with nothing generated to keep. When this test fails, change the type in
 * src/db/schema*.ts to match the migration, or, if the type is right, write the migration.
 */
import path from 'node:path';
import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { createTestDatabase, engine } from './helpers/db.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SCHEMA_FILE = path.join(ROOT, 'src', 'db', 'schema.ts');
const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock'];

type Nullability = 'nullable' | 'not null' | 'unchecked';
type Tables = Map<string, Map<string, Nullability>>;

/** The `Database` interface of src/db/schema.ts: table → column → whether a select may return null. */
function typeTables(): Tables {
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const program = ts.createProgram({ rootNames: [SCHEMA_FILE], options: { ...options, noEmit: true } });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(SCHEMA_FILE);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  const database = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'Database');
  if (!database) throw new Error(`no exported Database interface in ${SCHEMA_FILE}`);

  // Kysely's SelectType<T>: a ColumnType (Generated is one) stands for its __select__ type; unions distribute.
  const selectTypes = (t: ts.Type): ts.Type[] => {
    if (t.isUnion()) return t.types.flatMap(selectTypes);
    const select = t.getProperty('__select__');
    return select ? selectTypes(checker.getTypeOfSymbol(select)) : [t];
  };
  const nullability = (t: ts.Type): Nullability => {
    const types = selectTypes(t);
    if (types.some((x) => x.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any))) return 'unchecked';
    return types.some((x) => x.flags & ts.TypeFlags.Null) ? 'nullable' : 'not null';
  };

  const tables: Tables = new Map();
  for (const table of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(database))) {
    const columns = new Map<string, Nullability>();
    for (const column of checker.getPropertiesOfType(checker.getTypeOfSymbol(table)))
      columns.set(column.name, nullability(checker.getTypeOfSymbol(column)));
    tables.set(table.name, columns);
  }
  return tables;
}

/** The migrated database's tables and views in the current schema: table → column → nullable or not. */
async function databaseTables(handle: DatabaseHandle): Promise<Tables> {
  const { rows } = await sql<{ table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }>`
    SELECT c.table_name, c.column_name, c.is_nullable
    FROM information_schema.columns c
    WHERE c.table_schema = current_schema()
    ORDER BY c.table_name, c.ordinal_position
  `.execute(handle.db);
  const tables: Tables = new Map();
  for (const r of rows) {
    if (MIGRATOR_TABLES.includes(r.table_name)) continue;
    if (!tables.has(r.table_name)) tables.set(r.table_name, new Map());
    tables.get(r.table_name)!.set(r.column_name, r.is_nullable === 'YES' ? 'nullable' : 'not null');
  }
  return tables;
}

/** Every difference, one readable line each, sorted; empty when the types mirror the database. */
export function compareTables(database: Tables, types: Tables): string[] {
  const out: string[] = [];
  for (const [table, columns] of database) {
    const typed = types.get(table);
    if (!typed) {
      out.push(`table ${table}: in the database, missing from the Database type`);
      continue;
    }
    for (const [column, dbNull] of columns) {
      const typeNull = typed.get(column);
      if (typeNull === undefined) out.push(`${table}.${column}: in the database, missing from the type`);
      else if (typeNull !== 'unchecked' && typeNull !== dbNull)
        out.push(
          dbNull === 'nullable'
            ? `${table}.${column}: nullable in the database, but its type has no | null`
            : `${table}.${column}: NOT NULL in the database, but its type allows null`,
        );
    }
    for (const column of typed.keys())
      if (!columns.has(column)) out.push(`${table}.${column}: in the type, but the database has no such column`);
  }
  for (const table of types.keys())
    if (!database.has(table)) out.push(`table ${table}: in the Database type, but the database has no such table`);
  return out.sort();
}

describe(`the Database type mirrors the migrated database (${engine()})`, () => {
  let handle: DatabaseHandle;
  let database: Tables;
  let types: Tables;
  beforeAll(async () => {
    handle = await createTestDatabase();
    database = await databaseTables(handle);
    types = typeTables();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('reads both sides (so an empty comparison means something)', () => {
    expect(database.size).toBeGreaterThan(80);
    expect(types.size).toBeGreaterThan(80);
    expect(database.get('users')?.get('email')).toBe('not null');
    expect(types.get('users')?.get('id')).toBe('not null'); // Generated<number>
    expect(types.get('areas')?.get('parent_code')).toBe('nullable');
  });

  it('has every table and column of the database, no other, and the same nullability', () => {
    expect(compareTables(database, types)).toEqual([]);
  });

  it('names each kind of difference', () => {
    const db: Tables = new Map([
      [
        't',
        new Map<string, Nullability>([
          ['a', 'nullable'],
          ['b', 'not null'],
          ['c', 'not null'],
          ['d', 'nullable'],
        ]),
      ],
      ['only_db', new Map()],
    ]);
    const ty: Tables = new Map([
      [
        't',
        new Map<string, Nullability>([
          ['a', 'not null'],
          ['b', 'nullable'],
          ['d', 'unchecked'],
          ['e', 'nullable'],
        ]),
      ],
      ['only_type', new Map()],
    ]);
    expect(compareTables(db, ty)).toEqual([
      't.a: nullable in the database, but its type has no | null',
      't.b: NOT NULL in the database, but its type allows null',
      't.c: in the database, missing from the type',
      't.e: in the type, but the database has no such column',
      'table only_db: in the database, missing from the Database type',
      'table only_type: in the Database type, but the database has no such table',
    ]);
  });
});
