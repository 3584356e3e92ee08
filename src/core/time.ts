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

/** A clock that tells another's time until it is set to a moment, and that moment from then until released. */
export interface SettableClock extends Clock {
  set(moment: Date | string): void;
  release(): void;
}

/**
 * A clock that can be moved, over `base`: services built once over it act at whatever moment it is set
 * to. The demo seed records years of fictional history through the real services this way.
 */
export function settableClock(base: Clock): SettableClock {
  let moment: Date | undefined;
  return {
    now: () => (moment ? new Date(moment) : base.now()),
    set: (d) => {
      moment = new Date(d);
    },
    release: () => {
      moment = undefined;
    },
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Today's date in Scotland (YYYY-MM-DD): statutory days and reporting years run on local dates. */
export function todayIn(clock: Clock): string {
  return clock.now().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
}
