import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * The import service's queries: its own table (import_runs), and the reference data an import is
 * checked against before anything is written (areas and their aliases and name variants, of the areas
 * module; indicators and their frameworks, of the outcomes module; the SIMD edition). What each importer
 * writes is in `<importer>.repository.ts` beside it.
 */

/** The database, as the import service holds it. */
export type ImportsDb = Kysely<Database>;

/** An import's open transaction: what an importer's write step runs in. */
export type ImportTrx = Transaction<Database>;

/** Run `fn` in one new transaction (an import writes its run, its rows and its audit row as one). */
export function importTransaction<T>(db: ImportsDb, fn: (trx: ImportTrx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

/** The current (not fictional) council areas' codes. */
export function councilAreaCodes(db: ImportsDb) {
  return db
    .selectFrom('areas')
    .select('code')
    .where('level', '=', 'council_area')
    .where('fictional', '=', false)
    .execute();
}

/** Every old area code with the current code it stands for. */
export function areaCodeAliases(db: ImportsDb) {
  return db.selectFrom('area_code_aliases').select(['old_code', 'area_code']).execute();
}

/** The official names of the (not fictional) areas of these levels. */
export function areaNames(db: ImportsDb, levels: ('country' | 'council_area')[]) {
  return db
    .selectFrom('areas')
    .select(['code', 'name'])
    .where('level', 'in', levels)
    .where('fictional', '=', false)
    .execute();
}

/** Every other spelling of an area's name. */
export function areaNameVariants(db: ImportsDb) {
  return db.selectFrom('area_name_variants').select(['area_code', 'name']).execute();
}

/** Scotland: the (not fictional) country. */
export function scotlandArea(db: ImportsDb) {
  return db
    .selectFrom('areas')
    .select('code')
    .where('level', '=', 'country')
    .where('fictional', '=', false)
    .executeTakeFirstOrThrow();
}

/** The indicators filed under CPOP, by name. */
export function cpopIndicators(db: ImportsDb) {
  return db
    .selectFrom('indicators')
    .innerJoin('indicator_frameworks', 'indicator_frameworks.indicator_code', 'indicators.code')
    .select(['indicators.code', 'indicators.name'])
    .where('indicator_frameworks.framework', '=', 'CPOP')
    .execute();
}

/** The indicators filed under LGBF, with the Improvement Service's codes for them. */
export function lgbfIndicators(db: ImportsDb) {
  return db
    .selectFrom('indicators')
    .innerJoin('indicator_frameworks', 'indicator_frameworks.indicator_code', 'indicators.code')
    .select(['indicators.code', 'indicators.external_code'])
    .where('indicator_frameworks.framework', '=', 'LGBF')
    .execute();
}

/** A SIMD edition (it must be there: a migration puts it). */
export function simdEdition(db: ImportsDb, code: string) {
  return db
    .selectFrom('simd_editions')
    .select(['code', 'data_zones'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
}

/** Every data zone with the council its intermediate zone is in. */
export function dataZoneCouncils(db: ImportsDb) {
  return db
    .selectFrom('areas as dz')
    .innerJoin('areas as iz', 'iz.code', 'dz.parent_code')
    .select(['dz.code', 'iz.parent_code as council'])
    .where('dz.level', '=', 'data_zone')
    .execute();
}

/** Every intermediate zone's code. */
export function intermediateZoneCodes(db: ImportsDb) {
  return db.selectFrom('areas').select('code').where('level', '=', 'intermediate_zone').execute();
}

/** The (not fictional) intermediate zones, each with its council. */
export function intermediateZoneCouncils(db: ImportsDb) {
  return db
    .selectFrom('areas')
    .select(['code', 'parent_code'])
    .where('level', '=', 'intermediate_zone')
    .where('fictional', '=', false)
    .execute();
}

/** The indicators a partnership's own data may name: the national ones and its own. */
export function indicatorsOpenTo(db: ImportsDb, partnershipId: number) {
  return db
    .selectFrom('indicators')
    .select(['code', 'name', 'partnership_id'])
    .where((eb) => eb.or([eb('partnership_id', 'is', null), eb('partnership_id', '=', partnershipId)]))
    .execute();
}

/** The codes of the areas inside a partnership: its council area and every area under it, and its own areas. */
export async function areaCodesInside(
  db: ImportsDb,
  partnership: { id: number; councilAreaCode: string },
): Promise<string[]> {
  const areas = await sql<{ code: string }>`
    WITH RECURSIVE inside(code) AS (
      SELECT code FROM areas WHERE code = ${partnership.councilAreaCode}
      UNION SELECT a.code FROM areas a JOIN inside i ON a.parent_code = i.code
    )
    SELECT code FROM inside UNION SELECT code FROM areas WHERE partnership_id = ${partnership.id}`.execute(db);
  return areas.rows.map((a) => a.code);
}

/** Record an import as it starts (its counts follow, finishRun); the id its rows point at. */
export async function insertRun(
  trx: ImportTrx,
  run: {
    kind: string;
    file_name: string;
    checksum: string;
    bytes: number;
    partnership_id: number | null;
    actor_user_id: number | null;
    actor_label: string;
    started_at: Date;
  },
): Promise<number> {
  const inserted = await trx
    .insertInto('import_runs')
    .values({
      kind: run.kind,
      file_name: run.file_name,
      checksum: run.checksum,
      bytes: run.bytes,
      rows_read: 0,
      rows_loaded: 0,
      rows_skipped: 0,
      summary: null,
      partnership_id: run.partnership_id,
      actor_user_id: run.actor_user_id,
      actor_label: run.actor_label,
      started_at: run.started_at,
      finished_at: run.started_at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** A whole import run, as another module records one it has made: what import_runs holds of it. */
export type ImportRunRecord = Insertable<Database['import_runs']>;

/** Record a finished import run in one go (counts and all); its id. */
export async function insertFinishedRun(trx: ImportsDb | ImportTrx, run: ImportRunRecord): Promise<number> {
  const { id } = await trx.insertInto('import_runs').values(run).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** An import's counts and summary, once its rows are written. */
export async function finishRun(
  trx: ImportTrx,
  runId: number,
  done: { rows_read: number; rows_loaded: number; rows_skipped: number; summary: string; finished_at: Date },
): Promise<void> {
  await trx.updateTable('import_runs').set(done).where('id', '=', runId).execute();
}

/** The national import runs (those of no partnership), newest first. */
export function nationalRuns(db: ImportsDb, limit: number) {
  return db
    .selectFrom('import_runs')
    .selectAll()
    .where('partnership_id', 'is', null)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Every national import run, in the order they were made: the `imports` national export. */
export function nationalRunsInOrder(db: ImportsDb) {
  return db
    .selectFrom('import_runs')
    .select([
      'id',
      'kind',
      'file_name',
      'checksum',
      'bytes',
      'rows_read',
      'rows_loaded',
      'rows_skipped',
      'actor_label',
      'finished_at',
    ])
    .where('partnership_id', 'is', null)
    .orderBy('id')
    .execute();
}

/** One partnership's import runs, newest first. */
export function partnershipRuns(db: ImportsDb, partnershipId: number, limit: number) {
  return db
    .selectFrom('import_runs')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** A partnership's own indicators, each with how many values it holds and its latest period. */
export function ownIndicators(db: ImportsDb, partnershipId: number) {
  return db
    .selectFrom('indicators as i')
    .leftJoin('observations as o', 'o.indicator_code', 'i.code')
    .select((eb) => [
      'i.code',
      'i.name',
      'i.unit',
      'i.higher_is_better',
      eb.fn.count<string>('o.area_code').as('values'),
      eb.fn.max('o.period_label').as('latest'),
    ])
    .where('i.partnership_id', '=', partnershipId)
    .groupBy(['i.code', 'i.name', 'i.unit', 'i.higher_is_better'])
    .orderBy('i.name')
    .execute();
}

/** Every value of a partnership's own indicators, in the order of the tidy CSV export. */
export function ownValues(db: ImportsDb, partnershipId: number) {
  return db
    .selectFrom('observations as o')
    .innerJoin('indicators as i', 'i.code', 'o.indicator_code')
    .select([
      'o.area_code',
      'i.name',
      'o.period_label',
      'o.value',
      'o.lower_bound',
      'o.upper_bound',
      'o.numerator',
      'o.denominator',
    ])
    .where('i.partnership_id', '=', partnershipId)
    .orderBy('i.name')
    .orderBy('o.area_code')
    .orderBy('o.period_start')
    .execute();
}
