import { z } from 'zod';

/**
 * The parameters of Cairn's methods, as the `method_parameters` table holds them (one row per method and
 * name, each with what it means and its source), and what each method requires of them. Services read a
 * method's parameters only through `readMethodParameters` (method-parameters.repository.ts), which checks
 * the rows against the method's schema here: a missing, unknown or out-of-range row fails loudly, naming
 * the method and the parameter, instead of becoming a NaN deep inside a calculation.
 *
 * The bounds are what each method needs to mean anything (a significance level strictly between 0 and 1,
 * a count of zones a whole number); the values themselves are the table's, and an analyst may change them.
 */

const number = () => z.number({ error: 'must be a number' });
const wholeNumber = (min: number) =>
  number()
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be ${min} or more` });
const above = (low: number) => number().gt(low, { error: `must be above ${low}` });
/** A share of a whole. */
const share = number().min(0, { error: 'must be 0 or more' }).max(1, { error: 'must be 1 or less' });

export const METHOD_PARAMETER_SCHEMAS = {
  /** Open SDG's progress status of a plan's measures (plans/progress-status.ts; migration 0009). */
  open_sdg_progress: z
    .strictObject({
      on_track: above(0).max(1, { error: 'must be 1 or less' }),
      acceleration: above(0).max(1, { error: 'must be 1 or less' }),
      no_target_on_track: above(0),
      no_target_acceleration: above(0),
    })
    .refine((p) => p.acceleration <= p.on_track, { path: ['acceleration'], error: 'must not be above on_track' })
    .refine((p) => p.no_target_acceleration <= p.no_target_on_track, {
      path: ['no_target_acceleration'],
      error: 'must not be above no_target_on_track',
    }),
  /** When a plan's measure has no recent data (migration 0012). */
  plans: z.strictObject({ stale_after_years: wholeNumber(0) }),
  /** The s.8 annual report's band within which a measure is "maintained" (migration 0011). */
  annual_report: z.strictObject({ maintained_band: share }),
  /** CPOP's Duncan index (outcomes/duncan.ts; migration 0006). */
  duncan_index: z.strictObject({ max_missing_share: share }),
  /** The most and least income-deprived communities compared (outcomes/inequality-methods.ts; migration 0018). */
  deprivation_extremes: z.strictObject({ deprived_share: above(0).max(0.5, { error: 'must be 0.5 or less' }) }),
  /** The statutory locality test of s.10 of the 2015 Act (outcomes/locality-test.ts; migration 0018). */
  locality_test: z.strictObject({
    significance_level: above(0).lt(1, { error: 'must be below 1' }),
    min_zones: wholeNumber(1),
    min_expected_count: number().min(0, { error: 'must be 0 or more' }),
    min_poorer_indicators: wholeNumber(1),
  }),
  /** What the support portal counts as a partnership's need (migrations 0020, 0021). */
  support_needs: z.strictObject({
    weak_score: wholeNumber(1),
    inequality_ratio: number().min(1, { error: 'must be 1 or more' }),
  }),
  /** When the national view counts an annual progress report as on time (migration 0022). */
  national_view: z.strictObject({ annual_report_months: wholeNumber(0) }),
} as const;

export type MethodName = keyof typeof METHOD_PARAMETER_SCHEMAS;
export const METHOD_NAMES = Object.keys(METHOD_PARAMETER_SCHEMAS) as MethodName[];
export type MethodValues<M extends MethodName> = z.output<(typeof METHOD_PARAMETER_SCHEMAS)[M]>;

/** One row of `method_parameters` as the database returns it (numeric values come back as strings). */
export interface MethodParameterRow {
  name: string;
  value: string | number;
  description: string;
  source: string;
}

/** A method's parameters, checked: their values, and each one as the table states it, with its source. */
export interface MethodParameters<M extends MethodName> {
  method: M;
  values: MethodValues<M>;
  parameters: { [K in keyof MethodValues<M>]: { value: MethodValues<M>[K]; description: string; source: string } };
}

/** The table holds something a method cannot use: a fault of the deployment (so a 500), naming each row. */
export class MethodParameterError extends Error {
  constructor(
    readonly method: string,
    readonly problems: string[],
  ) {
    super(`method_parameters for ${method}: ${problems.join('; ')}`);
    this.name = 'MethodParameterError';
  }
}

/**
 * Check a method's rows against its schema: every parameter the method needs is there, none it does not
 * know, each with a description and a source, each value in range. Otherwise a MethodParameterError
 * names the method and every parameter at fault ("locality_test.min_zones is missing").
 */
export function parseMethodParameters<M extends MethodName>(
  method: M,
  rows: readonly MethodParameterRow[],
): MethodParameters<M> {
  const schema = METHOD_PARAMETER_SCHEMAS[method];
  if (!schema) throw new MethodParameterError(method, ['Cairn has no such method']);
  const problems: string[] = [];
  const values: Record<string, number> = {};
  for (const row of rows) {
    if (!row.description.trim()) problems.push(`${method}.${row.name} has no description`);
    if (!row.source.trim()) problems.push(`${method}.${row.name} has no source`);
    // Number('') is 0: an empty value is refused rather than read as zero.
    values[row.name] = String(row.value).trim() === '' ? Number.NaN : Number(row.value);
  }
  const parsed = schema.safeParse(values);
  for (const issue of parsed.error?.issues ?? []) {
    if (issue.code === 'unrecognized_keys') {
      const known = Object.keys(schema.shape).join(', ');
      for (const key of issue.keys) problems.push(`${method}.${key} is not one of its parameters (${known})`);
      continue;
    }
    const name = String(issue.path[0]);
    const row = rows.find((r) => r.name === name);
    problems.push(
      row
        ? `${method}.${name} is ${JSON.stringify(String(row.value))}: ${issue.message}`
        : `${method}.${name} is missing`,
    );
  }
  if (problems.length || !parsed.success) throw new MethodParameterError(method, problems);
  const checked = parsed.data as MethodValues<M>;
  const parameters = Object.fromEntries(
    rows.map((r) => [
      r.name,
      { value: (checked as Record<string, number>)[r.name], description: r.description, source: r.source },
    ]),
  ) as MethodParameters<M>['parameters'];
  return { method, values: checked, parameters };
}
