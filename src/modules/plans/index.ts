export { PlansService, diffSnapshots, snapshotOf, type PlanTree, type MeasureView } from './plans.service.ts';
export { plansRoutes } from './plans.routes.tsx';
export { progressStatus, compoundAnnualGrowth, PROGRESS_LABELS, type ProgressStatus } from './progress-status.ts';
export { ResourcesService, parsePounds, parseFinancialYear } from './resources.service.ts';
export { resourcesRoutes } from './resources.routes.tsx';
