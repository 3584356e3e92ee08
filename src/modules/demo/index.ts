export { seedDemo, describeDemoLogins, type DemoOutcome } from './demo.seed.ts';
export { DEMO_PASSWORD, DEMO_PARTNERSHIP, DEMO_USERS, DEMO_AREA, DEMO_ZONES } from './demo.data.ts';
