import { trafficLight, type TrafficLight } from './cpop-methods.ts';

/**
 * Family-group comparisons. CPOP puts the 32 partnerships in four family groups by deprivation (the FG
 * column of CPPcleandata.csv; DOMAIN.md §5) and its "Compare Similar CPPs" page shows the members side
 * by side (server.R, "P3"). Cairn adds a family-group average so that CPOP's traffic light can be read
 * against "partnerships like us" as well as against Scotland or one other partnership.
 *
 * The average is the simple mean over the *other* members of the group — the partnership itself is left
 * out, so that it is not compared partly with itself (in a group of eight, including it would pull the
 * average an eighth of the way towards its own value and damp every difference). Each partnership counts
 * once, whatever its population, as each is one bar on CPOP's page. Members without a value (or without
 * an improvement rate) are left out of that mean only.
 */
export interface FamilyMember {
  /** The partnership's council area code. */
  code: string;
  latest: number | null;
  /** CPOP improvement rate (cpop-methods.ts `improvementRate`). */
  rate: number | null;
}

export interface FamilyGroupAverage {
  /** Mean latest value of the other members; null when none has one. */
  latest: number | null;
  /** Mean improvement rate of the other members; null when none has one. */
  rate: number | null;
  /** The other members whose values went into each mean. */
  latestFrom: string[];
  rateFrom: string[];
}

const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);

/** The family-group average for `selfCode`, from the members of its group (which may include it). */
export function familyGroupAverage(selfCode: string, members: readonly FamilyMember[]): FamilyGroupAverage {
  const others = members.filter((m) => m.code !== selfCode);
  const withLatest = others.filter((m) => finite(m.latest));
  const withRate = others.filter((m) => finite(m.rate));
  const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((s, v) => s + v, 0) / xs.length);
  return {
    latest: mean(withLatest.map((m) => m.latest as number)),
    rate: mean(withRate.map((m) => m.rate as number)),
    latestFrom: withLatest.map((m) => m.code),
    rateFrom: withRate.map((m) => m.code),
  };
}

/** The members of `selfCode`'s family group, from rows of a family-group scheme; empty when it has none. */
export function familyGroupMembers<T extends { councilCode: string; groupNumber: number }>(
  selfCode: string,
  groups: readonly T[],
): T[] {
  const own = groups.find((g) => g.councilCode === selfCode);
  return own ? groups.filter((g) => g.groupNumber === own.groupNumber) : [];
}

/**
 * CPOP's traffic light for a partnership against its family-group average (trafficLight in
 * cpop-methods.ts, unchanged); null when the partnership or the average lacks a value or a rate.
 */
export function familyGroupTrafficLight(
  selfCode: string,
  members: readonly FamilyMember[],
  higherIsBetter: boolean,
): { light: TrafficLight | null; average: FamilyGroupAverage } {
  const average = familyGroupAverage(selfCode, members);
  const self = members.find((m) => m.code === selfCode);
  if (!self || !finite(self.latest) || !finite(self.rate) || average.latest === null || average.rate === null)
    return { light: null, average };
  return { light: trafficLight(self.latest, self.rate, average.latest, average.rate, higherIsBetter), average };
}
