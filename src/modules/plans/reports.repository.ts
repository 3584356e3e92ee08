import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PlansDb } from './plans.repository.ts';

/**
 * The queries of annual progress reports (table annual_reports), and the plan rows and figures a report is
 * built from. Plain functions taking the database or the caller's transaction, like plans.repository.ts.
 */
type Db = PlansDb;

/**
 * The partnership's published plans that cover the reporting year, with their locality's code (its name is
 * the geography's: ReportsService.build looks it up).
 */
export function plansCovering(db: Db, partnershipId: number, year: number) {
  return db
    .selectFrom('plans as pl')
    .select(['pl.id', 'pl.kind', 'pl.title', 'pl.locality_code'])
    .where('pl.partnership_id', '=', partnershipId)
    .where('pl.status', '=', 'published')
    .where('pl.start_year', '<=', year)
    .where('pl.end_year', '>=', year)
    .orderBy('pl.kind')
    .orderBy('pl.title')
    .execute();
}

/** The last version published of the partnership's report on a year (0 when none). */
export async function lastVersion(db: Db, partnershipId: number, year: number): Promise<number> {
  const last = await db
    .selectFrom('annual_reports')
    .select((eb) => eb.fn.max<number>('version').as('v'))
    .where('partnership_id', '=', partnershipId)
    .where('year', '=', year)
    .executeTakeFirst();
  return Number(last?.v ?? 0);
}

export function insertReport(db: Db, values: Insertable<Database['annual_reports']>) {
  return db
    .insertInto('annual_reports')
    .values(values)
    .returning(['id', 'year', 'version', 'published_at'])
    .executeTakeFirstOrThrow();
}

/** The partnership's published reports, newest year and version first. */
export function listReports(db: Db, partnershipId: number) {
  return db
    .selectFrom('annual_reports')
    .select(['year', 'version', 'published_at'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('year', 'desc')
    .orderBy('version', 'desc')
    .execute();
}

/** The first year of the partnership's earliest plan, if it has any. */
export async function firstPlanYear(db: Db, partnershipId: number) {
  const row = await db
    .selectFrom('plans')
    .select((eb) => eb.fn.min('start_year').as('first'))
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
  return row?.first;
}

/** One published version of the partnership's report on a year: this version, or the latest when none is named. */
export function findReport(db: Db, partnershipId: number, year: number, version?: number) {
  let q = db
    .selectFrom('annual_reports')
    .select(['content', 'version', 'published_at'])
    .where('partnership_id', '=', partnershipId)
    .where('year', '=', year);
  q = version === undefined ? q.orderBy('version', 'desc') : q.where('version', '=', version);
  return q.limit(1).executeTakeFirst();
}
