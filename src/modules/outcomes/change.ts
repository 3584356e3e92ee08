/**
 * Improving, maintaining or worsening: the rating the National Performance Framework gives each national
 * indicator by its own "criteria for change" between data points (DOMAIN.md section 4; SPICe, "How is
 * Scotland performing?", 2021–23: e.g. economic growth improves when 0.1 percentage points or more above
 * its comparator). Cairn keeps a criterion per indicator in the `change_criteria` table, with a default
 * row for indicator '*'; these functions receive the criterion as an argument.
 *
 * A criterion is either
 * - relative: the change as a share of the earlier value, (to − from) ÷ |from| (0.01 = 1%), or
 * - absolute: the change in the indicator's own units, to − from (percentage points for a percentage);
 * and a change whose size is below the threshold is "maintaining"; at or above it the change is
 * "improving" or "worsening" according to the indicator's polarity. This is the same rule as the annual
 * report's `maintained_band` (reports.service.ts), whose 0.01 is the default criterion's threshold.
 * A change of exactly zero is always "maintaining", even with a threshold of zero.
 */
export type ChangeKind = 'relative' | 'absolute';
export type ChangeDirection = 'improving' | 'maintaining' | 'worsening';

export interface ChangeCriterion {
  kind: ChangeKind;
  /** Smallest change that counts as improving or worsening (a share for relative, units for absolute). */
  threshold: number;
  /** For a series: compare the latest value with the one this many years before. */
  yearsBack: number;
}

/** A `change_criteria` row as the service reads it. */
export interface ChangeCriterionRow extends ChangeCriterion {
  /** The indicator, or '*' for the default. */
  indicatorCode: string;
  source: string;
}

/** The indicator code of the default criterion. */
export const DEFAULT_CRITERION = '*';

/** The indicator's own criterion, else the default ('*'); null when there is neither. */
export function criterionFor<T extends { indicatorCode: string }>(indicatorCode: string, rows: readonly T[]): T | null {
  return (
    rows.find((r) => r.indicatorCode === indicatorCode) ??
    rows.find((r) => r.indicatorCode === DEFAULT_CRITERION) ??
    null
  );
}

export type ChangeResult =
  | {
      direction: ChangeDirection;
      /** The change as the criterion measures it: a share (relative) or units (absolute); positive = the value rose. */
      change: number;
      from: number;
      to: number;
    }
  | { direction: null; reason: string };

/** Comparisons leave a little room for floating point: 0.3 − 0.2 against a threshold of 0.1 is a change of 0.1. */
const TOLERANCE = 1e-9;

/** Classify the change from `from` to `to` under a criterion, following the indicator's polarity. */
export function classifyChange(
  from: number,
  to: number,
  criterion: Pick<ChangeCriterion, 'kind' | 'threshold'>,
  higherIsBetter: boolean,
): ChangeResult {
  if (!Number.isFinite(from) || !Number.isFinite(to)) return { direction: null, reason: 'a value is missing' };
  if (!(criterion.threshold >= 0))
    throw new RangeError(`A change threshold must be zero or more, not ${criterion.threshold}`);
  let change: number;
  if (criterion.kind === 'relative') {
    if (from === 0) return { direction: null, reason: 'a relative change from zero cannot be measured' };
    change = (to - from) / Math.abs(from);
  } else {
    change = to - from;
  }
  if (change === 0 || Math.abs(change) < criterion.threshold - TOLERANCE)
    return { direction: 'maintaining', change, from, to };
  return { direction: change > 0 === higherIsBetter ? 'improving' : 'worsening', change, from, to };
}

export interface ChangePoint {
  /** The year the data period starts (2021 for 2021/22). */
  year: number;
  value: number | null;
  /** CPOP's value types: projections are left out, as in the improvement rate. */
  valueType?: 'raw' | 'imputed' | 'projected';
}

export type SeriesChangeResult =
  (ChangeResult & { fromYear: number; toYear: number }) | { direction: null; reason: string };

/**
 * Classify a series: the latest value (projections and missing values left out) against the latest
 * value at least `yearsBack` years before it. With yearly data and yearsBack 1 that is the last two
 * data points, as the NPF compares; where a year is missing, the nearest earlier one is used, and the
 * years compared are returned so a page can say which they were.
 */
export function classifySeriesChange(
  series: readonly ChangePoint[],
  criterion: ChangeCriterion,
  higherIsBetter: boolean,
): SeriesChangeResult {
  if (!(Number.isInteger(criterion.yearsBack) && criterion.yearsBack >= 1))
    throw new RangeError(`yearsBack must be a whole number of years, 1 or more, not ${criterion.yearsBack}`);
  const used = series
    .filter(
      (p): p is ChangePoint & { value: number } =>
        p.valueType !== 'projected' && p.value !== null && Number.isFinite(p.value),
    )
    .sort((a, b) => a.year - b.year);
  const latest = used.at(-1);
  if (!latest) return { direction: null, reason: 'no values' };
  const earlier = used.filter((p) => p.year <= latest.year - criterion.yearsBack).at(-1);
  if (!earlier)
    return { direction: null, reason: `no value ${criterion.yearsBack} or more years before ${latest.year}` };
  const result = classifyChange(earlier.value, latest.value, criterion, higherIsBetter);
  if (result.direction === null) return result;
  return { ...result, fromYear: earlier.year, toYear: latest.year };
}
