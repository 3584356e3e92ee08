import { sql, type Transaction } from 'kysely';
import type { Period } from '../../core/periods.ts';
import type { Database } from '../../db/schema.ts';

/**
 * What a partnership's own data import writes: its own indicators (indicators and indicator_frameworks)
 * and their observations (tables of the outcomes module; loading them is this importer's job). Every
 * indicator written carries the partnership's id; the plan has checked that every observation is of one.
 */

/** Create one of a partnership's own indicators, unless its code is taken; whether it was created. */
export async function insertOwnIndicator(
  trx: Transaction<Database>,
  indicator: {
    code: string;
    name: string;
    unit: string | null;
    higherIsBetter: boolean | null;
    source: string;
    partnershipId: number;
    createdAt: Date;
  },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('indicators')
    .values({
      code: indicator.code,
      name: indicator.name,
      unit: indicator.unit,
      higher_is_better: indicator.higherIsBetter,
      definition: null,
      source: indicator.source,
      partnership_id: indicator.partnershipId,
      created_at: indicator.createdAt,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** File an indicator under the framework 'local' (once). */
export async function fileUnderLocal(trx: Transaction<Database>, code: string): Promise<void> {
  await trx
    .insertInto('indicator_frameworks')
    .values({ indicator_code: code, framework: 'local' })
    .onConflict((oc) => oc.columns(['indicator_code', 'framework']).doNothing())
    .execute();
}

/** Insert or replace the observations (value type 'raw') in one statement. */
export async function upsertLocalObservations(
  trx: Transaction<Database>,
  r: readonly {
    indicator: string;
    area: string;
    period: Period;
    value: number;
    lower: number | null;
    upper: number | null;
    numerator: number | null;
    denominator: number | null;
  }[],
  runId: number,
): Promise<void> {
  const n = (xs: (number | null)[]) => xs.map((x) => (x === null ? null : String(x)));
  await sql`
      INSERT INTO observations (indicator_code, area_code, period_label, period_kind, period_start, period_end, value_type, value, lower_bound, upper_bound, numerator, denominator, import_run_id)
      SELECT t.i, t.a, t.l, t.k, t.s, t.e, 'raw', t.v, t.lo, t.up, t.nu, t.de, ${runId}
      FROM unnest(${r.map((x) => x.indicator)}::text[], ${r.map((x) => x.area)}::text[], ${r.map((x) => x.period.label)}::text[],
                  ${r.map((x) => x.period.kind)}::text[], ${r.map((x) => x.period.start)}::date[], ${r.map((x) => x.period.end)}::date[],
                  ${r.map((x) => x.value)}::numeric[], ${n(r.map((x) => x.lower))}::numeric[], ${n(r.map((x) => x.upper))}::numeric[],
                  ${n(r.map((x) => x.numerator))}::numeric[], ${n(r.map((x) => x.denominator))}::numeric[]) AS t(i, a, l, k, s, e, v, lo, up, nu, de)
      ON CONFLICT (indicator_code, area_code, period_label) DO UPDATE SET
        period_kind = EXCLUDED.period_kind, period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end, value_type = EXCLUDED.value_type,
        value = EXCLUDED.value, lower_bound = EXCLUDED.lower_bound, upper_bound = EXCLUDED.upper_bound, numerator = EXCLUDED.numerator,
        denominator = EXCLUDED.denominator, import_run_id = EXCLUDED.import_run_id`.execute(trx);
}
