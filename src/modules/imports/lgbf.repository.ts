import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * What the LGBF imports write besides observations (observations.repository.ts): indicators and
 * indicator_frameworks, and clearing observations the workbook marks as missing (tables of the outcomes
 * module; loading the national figures is these importers' job).
 */

/** Those of these indicator codes Cairn holds already. */
export function indicatorsHeld(trx: Transaction<Database>, codes: readonly string[]) {
  return trx.selectFrom('indicators').select('code').where('code', 'in', codes).execute();
}

/**
 * Insert or update the indicators in one statement (never their numerator and denominator labels); an
 * indicator that would not change is left alone. Returns how many were inserted or changed.
 */
export async function upsertLgbfIndicators(
  trx: Transaction<Database>,
  r: readonly {
    code: string;
    externalCode: string;
    name: string;
    higherIsBetter: boolean;
    category: string | null;
    definition: string | null;
    source: string;
  }[],
): Promise<number> {
  const written = await sql`
    INSERT INTO indicators (code, name, higher_is_better, definition, source, external_code, category)
    SELECT t.c, t.n, t.h::boolean, t.d, t.s, t.x, t.k
    FROM unnest(${r.map((x) => x.code)}::text[], ${r.map((x) => x.name)}::text[], ${r.map((x) => String(x.higherIsBetter))}::text[], ${r.map((x) => x.definition)}::text[],
                ${r.map((x) => x.source)}::text[], ${r.map((x) => x.externalCode)}::text[], ${r.map((x) => x.category)}::text[]) AS t(c, n, h, d, s, x, k)
    ON CONFLICT (code) DO UPDATE SET
      name = EXCLUDED.name, higher_is_better = EXCLUDED.higher_is_better, definition = EXCLUDED.definition,
      source = EXCLUDED.source, external_code = EXCLUDED.external_code, category = EXCLUDED.category
    WHERE (indicators.name, indicators.higher_is_better, indicators.definition, indicators.source, indicators.external_code, indicators.category)
      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.higher_is_better, EXCLUDED.definition, EXCLUDED.source, EXCLUDED.external_code, EXCLUDED.category)`.execute(
    trx,
  );
  return Number(written.numAffectedRows ?? 0n);
}

/** File these indicators under LGBF (those filed already stay so). */
export async function fileUnderLgbf(trx: Transaction<Database>, codes: readonly string[]): Promise<void> {
  await sql`
    INSERT INTO indicator_frameworks (indicator_code, framework)
    SELECT c, 'LGBF' FROM unnest(${codes}::text[]) AS t(c)
    ON CONFLICT DO NOTHING`.execute(trx);
}

/** Delete these observations (indicator, area, period label); how many there were. */
export async function deleteObservations(
  trx: Transaction<Database>,
  c: readonly { indicator: string; area: string; period: string }[],
): Promise<number> {
  const result = await sql`
      DELETE FROM observations o
      USING unnest(${c.map((x) => x.indicator)}::text[], ${c.map((x) => x.area)}::text[], ${c.map((x) => x.period)}::text[]) AS t(i, a, l)
      WHERE o.indicator_code = t.i AND o.area_code = t.a AND o.period_label = t.l`.execute(trx);
  return Number(result.numAffectedRows ?? 0n);
}

/** Set the indicators' numerator and denominator labels, where they differ. */
export async function updateIndicatorLabels(
  trx: Transaction<Database>,
  labels: readonly [string, { numerator: string | null; denominator: string | null }][],
): Promise<void> {
  await sql`
      UPDATE indicators SET numerator_label = t.n, denominator_label = t.d
      FROM unnest(${labels.map(([code]) => code)}::text[], ${labels.map(([, l]) => l.numerator)}::text[], ${labels.map(([, l]) => l.denominator)}::text[]) AS t(c, n, d)
      WHERE indicators.code = t.c AND (indicators.numerator_label, indicators.denominator_label) IS DISTINCT FROM (t.n, t.d)`.execute(
    trx,
  );
}
