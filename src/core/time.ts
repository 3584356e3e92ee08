/** Time is an input: services ask the clock, tests give a fixed one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (d) => {
      current = new Date(d);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Today's date in Scotland (YYYY-MM-DD): statutory days and reporting years run on local dates. */
export function todayIn(clock: Clock): string {
  return clock.now().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
}
