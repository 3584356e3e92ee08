/**
 * Open SDG's progress status for a measure, from compound annual growth since a base year (Open SDG
 * "progress status" method, as DOMAIN.md section 5 summarises it):
 *
 * - with a target: the growth achieved as a share of the growth needed to reach the target by its year;
 *   ≥ on_track (0.95) "on track", ≥ acceleration (0.60) "acceleration needed", ≥ 0 "limited progress",
 *   below 0 "deterioration";
 * - without a target: the growth itself, in the measure's good direction; ≥ 1.5% a year "on track",
 *   ≥ 0.5% "acceleration needed", ≥ 0% "limited progress", below 0 "deterioration".
 *
 * The thresholds are parameters (kept in `method_parameters`), not literals here.
 */
export type ProgressStatus = 'on_track' | 'acceleration_needed' | 'limited_progress' | 'deterioration';

export const PROGRESS_LABELS: Record<ProgressStatus, string> = {
  on_track: 'On track',
  acceleration_needed: 'Acceleration needed',
  limited_progress: 'Limited progress',
  deterioration: 'Deterioration',
};

/** How a RAG rating is shown: the design system's tag colour and its word. */
export const RAG_COLOUR = { green: 'green', amber: 'orange', red: 'red' } as const;
export const RAG_LABEL = { green: 'Green', amber: 'Amber', red: 'Red' } as const;

/** The RAG an officer would give for each data status: where the officer's own RAG differs, Cairn says so. */
export const RAG_OF_STATUS: Record<ProgressStatus, 'green' | 'amber' | 'red'> = {
  on_track: 'green',
  acceleration_needed: 'amber',
  limited_progress: 'red',
  deterioration: 'red',
};

export interface ProgressParameters {
  /** Share of the needed growth that counts as on track (0.95). */
  onTrack: number;
  /** Share of the needed growth below which progress is limited (0.60). */
  acceleration: number;
  /** Without a target: yearly growth (as a fraction) for on track (0.015) and acceleration needed (0.005). */
  noTargetOnTrack: number;
  noTargetAcceleration: number;
}

export interface ProgressInput {
  baseYear: number;
  baseValue: number;
  latestYear: number;
  latestValue: number;
  higherIsBetter: boolean;
  target?: { year: number; value: number } | null;
}

export type ProgressResult =
  | { status: ProgressStatus; growth: number; needed: number | null; ratio: number | null }
  | { status: null; reason: string };

/** Compound annual growth between two values `years` apart, as a fraction (0.02 = 2% a year). */
export function compoundAnnualGrowth(from: number, to: number, years: number): number {
  return Math.pow(to / from, 1 / years) - 1;
}

/** Thresholds compare with a little room for floating point: a ratio of exactly 0.95 is on track. */
const atLeast = (x: number, threshold: number) => x >= threshold - 1e-9;

export function progressStatus(input: ProgressInput, p: ProgressParameters): ProgressResult {
  const years = input.latestYear - input.baseYear;
  if (years <= 0) return { status: null, reason: 'There is no value after the base year yet.' };
  if (!(input.baseValue > 0) || !(input.latestValue > 0))
    return { status: null, reason: 'Growth rates need values above zero.' };
  const growth = compoundAnnualGrowth(input.baseValue, input.latestValue, years);
  const t = input.target;
  if (t) {
    if (!(t.value > 0)) return { status: null, reason: 'Growth rates need a target above zero.' };
    if (t.year <= input.baseYear) return { status: null, reason: 'The target year must be after the base year.' };
    const reached = input.higherIsBetter ? input.latestValue >= t.value : input.latestValue <= t.value;
    const needed = compoundAnnualGrowth(input.baseValue, t.value, t.year - input.baseYear);
    if (reached) return { status: 'on_track', growth, needed, ratio: needed === 0 ? null : growth / needed };
    if (needed === 0) return { status: null, reason: 'The target equals the base value.' };
    const ratio = growth / needed;
    const status: ProgressStatus = atLeast(ratio, p.onTrack)
      ? 'on_track'
      : atLeast(ratio, p.acceleration)
        ? 'acceleration_needed'
        : atLeast(ratio, 0)
          ? 'limited_progress'
          : 'deterioration';
    return { status, growth, needed, ratio };
  }
  const good = input.higherIsBetter ? growth : -growth;
  const status: ProgressStatus = atLeast(good, p.noTargetOnTrack)
    ? 'on_track'
    : atLeast(good, p.noTargetAcceleration)
      ? 'acceleration_needed'
      : atLeast(good, 0)
        ? 'limited_progress'
        : 'deterioration';
  return { status, growth, needed: null, ratio: null };
}
