import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Router } from '../../core/http/router.ts';
import type { Clock } from '../../core/time.ts';
import type { Database } from '../../db/schema.ts';
import type { RegistersService } from '../community/index.ts';
import type { DeadlinesService } from '../deadlines/index.ts';
import type { PartnershipsService } from '../partnerships/index.ts';
import { PlanDirectoryRepository } from './directory.repository.ts';
import { PlanDirectory } from './directory.service.ts';
import { plansRoutes } from './plans.routes.tsx';
import { PlansService, type PlansReads } from './plans.service.ts';
import { progressRoutes } from './progress.routes.tsx';
import { reportsRoutes } from './reports.routes.tsx';
import { ReportsService, type ReportsReads } from './reports.service.ts';
import { resourcesRoutes } from './resources.routes.tsx';
import { ResourcesService, type ResourcesReads } from './resources.service.ts';

export { PlansService, diffSnapshots, snapshotOf, type PlanTree, type MeasureView } from './plans.service.ts';
export type { PlansDb } from './plans.repository.ts';
export { PlanDirectory, type PlanDirectoryDb } from './directory.service.ts';
export { plansRoutes, type PlansRoutesDeps } from './plans.routes.tsx';
export {
  progressStatus,
  compoundAnnualGrowth,
  PROGRESS_LABELS,
  RAG_COLOUR,
  RAG_LABEL,
  type ProgressStatus,
} from './progress-status.ts';
export { ACTION_STATUS_LABELS } from './plans.schemas.ts';
export { ResourcesService } from './resources.service.ts';
export { parsePounds, parseFinancialYear } from './resources.schemas.ts';
export { resourcesRoutes, type ResourcesRoutesDeps } from './resources.routes.tsx';
export { ReportsService, type ReportContent } from './reports.service.ts';
export { reportsRoutes, type ReportsRoutesDeps } from './reports.routes.tsx';
export { ReportView } from './reports.views.tsx';
export { reportCsv } from './reports.presenters.ts';
export { reportDocx } from './report-docx.ts';
export { reportHtml, reportPdf } from './report-files.tsx';
export { boardPaperDocx, BoardPaperSchema } from './board-paper.ts';
export { progressRoutes, type ProgressRoutesDeps } from './progress.routes.tsx';

/**
 * What the plans module needs from outside: exactly these, nothing else. What its services read of other
 * modules' tables, through their owners, is each service's own list (PlansReads, ResourcesReads, ReportsReads).
 */
export type PlansModuleDeps = PlansReads & ResourcesReads & ReportsReads & PlansModuleBasics;

interface PlansModuleBasics {
  db: Kysely<Database>;
  clock: Clock;
  /** The public address (board papers link back to Cairn) and the limits a resources file is read under. */
  config: Pick<Config, 'baseUrl' | 'imports'>;
  /** A partnership by its code (the public pages), and its partners and localities (the editors' choices). */
  partnerships: Pick<PartnershipsService, 'resolve' | 'organisations' | 'localities'>;
  /** The annual report's community participation: the registers' annual figures. */
  registers: RegistersService;
  /** The annual report's reporting year: its dates, from the statutory clock. */
  deadlines: DeadlinesService;
}

export interface PlansModule {
  services: { plans: PlansService; resources: ResourcesService; reports: ReportsService; planDirectory: PlanDirectory };
  /** The plans (public and the partnership's own), resources, annual reports and the progress summary, in that order. */
  routes(router: Router): void;
}

/** Plans (LOIPs, locality and improvement plans), their resources, the annual report and progress summary. */
export function plansModule(deps: PlansModuleDeps): PlansModule {
  const { db, clock, config, partnerships, registers, deadlines } = deps;
  const { geography, catalogue, directory, people, communityDirectory, imports } = deps;
  const plans = new PlansService(db, clock, { geography, catalogue, directory, people });
  const resources = new ResourcesService(db, clock, config.imports, { directory, people, imports });
  const reports = new ReportsService(db, clock, plans, resources, registers, deadlines, {
    geography,
    communityDirectory,
  });
  const planDirectory = new PlanDirectory(new PlanDirectoryRepository(db));
  return {
    services: { plans, resources, reports, planDirectory },
    routes(router) {
      plansRoutes(router, { plans, partnerships });
      resourcesRoutes(router, { resources, plans, partnerships });
      reportsRoutes(router, { reports, partnerships, config });
      progressRoutes(router, { plans, clock, config });
    },
  };
}
