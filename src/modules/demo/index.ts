import { seedDemo, type DemoModuleDeps, type DemoOutcome } from './demo.seed.ts';

export { describeDemoLogins, type DemoOutcome, type DemoModuleDeps } from './demo.seed.ts';
export type { DemoServices } from './demo.time.ts';
export { DEMO_PASSWORD, DEMO_PARTNERSHIP, DEMO_USERS, DEMO_AREA, DEMO_ZONES } from './demo.data.ts';

export interface DemoModule {
  /** Add the fictional Glenlochy partnership, unless the database is in real use or has it already. */
  seed(): Promise<DemoOutcome>;
}

/** The demo content: a seeder given the database, the clock and a builder of Cairn's services (no routes). */
export function demoModule(deps: DemoModuleDeps): DemoModule {
  return { seed: () => seedDemo(deps) };
}
