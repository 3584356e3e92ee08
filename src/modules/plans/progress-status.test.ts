import { describe, expect, it } from 'vitest';
import { compoundAnnualGrowth, progressStatus, type ProgressInput } from './progress-status.ts';

const P = { onTrack: 0.95, acceleration: 0.6, noTargetOnTrack: 0.015, noTargetAcceleration: 0.005 };

describe('compound annual growth', () => {
  it('is the yearly rate that turns the first value into the second', () => {
    expect(compoundAnnualGrowth(100, 121, 2)).toBeCloseTo(0.1, 12);
    expect(compoundAnnualGrowth(100, 81, 2)).toBeCloseTo(-0.1, 12);
    expect(compoundAnnualGrowth(50, 50, 5)).toBe(0);
  });
});

describe('Open SDG progress status with a target', () => {
  // Base 100 in 2020, target 121 in 2022: 10% a year is needed.
  const base: Omit<ProgressInput, 'latestValue'> = {
    baseYear: 2020,
    baseValue: 100,
    latestYear: 2021,
    higherIsBetter: true,
    target: { year: 2022, value: 121 },
  };
  it.each([
    { latest: 110, status: 'on_track', why: '10% achieved of 10% needed: ratio 1' },
    { latest: 109.5, status: 'on_track', why: '9.5% of 10%: ratio 0.95, the threshold itself' },
    { latest: 109.4, status: 'acceleration_needed', why: 'ratio 0.94' },
    { latest: 106, status: 'acceleration_needed', why: 'ratio 0.60, the threshold itself' },
    { latest: 105.9, status: 'limited_progress', why: 'ratio 0.59' },
    { latest: 100, status: 'limited_progress', why: 'no growth: ratio 0' },
    { latest: 99, status: 'deterioration', why: 'moving away from the target' },
    { latest: 125, status: 'on_track', why: 'target already passed' },
  ])('$latest in 2021 → $status ($why)', ({ latest, status }) => {
    expect(progressStatus({ ...base, latestValue: latest }, P)).toMatchObject({ status });
  });

  it('works the same way for a measure where lower is better (both growths negative)', () => {
    // Base 200, target 162 two years on: −10% a year needed.
    const lower = {
      baseYear: 2020,
      baseValue: 200,
      latestYear: 2021,
      higherIsBetter: false,
      target: { year: 2022, value: 162 },
    };
    expect(progressStatus({ ...lower, latestValue: 180 }, P)).toMatchObject({ status: 'on_track' });
    expect(progressStatus({ ...lower, latestValue: 190 }, P)).toMatchObject({ status: 'limited_progress' });
    expect(progressStatus({ ...lower, latestValue: 205 }, P)).toMatchObject({ status: 'deterioration' });
    expect(progressStatus({ ...lower, latestValue: 150 }, P)).toMatchObject({ status: 'on_track' });
  });
});

describe('Open SDG progress status without a target', () => {
  const up = (latest: number, higherIsBetter = true) =>
    progressStatus({ baseYear: 2020, baseValue: 100, latestYear: 2021, latestValue: latest, higherIsBetter }, P);
  it.each([
    { latest: 101.5, status: 'on_track' },
    { latest: 101.4, status: 'acceleration_needed' },
    { latest: 100.5, status: 'acceleration_needed' },
    { latest: 100.4, status: 'limited_progress' },
    { latest: 100, status: 'limited_progress' },
    { latest: 99.9, status: 'deterioration' },
  ])('higher is better: 100 → $latest in a year is $status', ({ latest, status }) => {
    expect(up(latest)).toMatchObject({ status });
  });
  it('flips the bands when lower is better', () => {
    expect(up(98, false)).toMatchObject({ status: 'on_track' });
    expect(up(102, false)).toMatchObject({ status: 'deterioration' });
  });
});

describe('when there is no status', () => {
  it('says why', () => {
    expect(
      progressStatus({ baseYear: 2020, baseValue: 100, latestYear: 2020, latestValue: 100, higherIsBetter: true }, P),
    ).toEqual({ status: null, reason: 'There is no value after the base year yet.' });
    expect(
      progressStatus({ baseYear: 2020, baseValue: 0, latestYear: 2021, latestValue: 3, higherIsBetter: true }, P),
    ).toMatchObject({ status: null });
    expect(
      progressStatus(
        {
          baseYear: 2020,
          baseValue: 10,
          latestYear: 2021,
          latestValue: 12,
          higherIsBetter: true,
          target: { year: 2019, value: 20 },
        },
        P,
      ),
    ).toMatchObject({ status: null });
  });
});
