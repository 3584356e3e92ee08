import { sql, type Kysely } from 'kysely';

/** Run SQL statements one at a time (both engines' drivers take one statement per query). */
export async function runStatements(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
