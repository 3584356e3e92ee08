export { PlansService, diffSnapshots, snapshotOf, type PlanTree, type MeasureView } from './plans.service.ts';
export { plansRoutes } from './plans.routes.tsx';
export {
  progressStatus,
  compoundAnnualGrowth,
  PROGRESS_LABELS,
  RAG_COLOUR,
  RAG_LABEL,
  type ProgressStatus,
} from './progress-status.ts';
export { ACTION_STATUS_LABELS } from './plans.schemas.ts';
export { ResourcesService, parsePounds, parseFinancialYear } from './resources.service.ts';
export { resourcesRoutes } from './resources.routes.tsx';
export { ReportsService, type ReportContent } from './reports.service.ts';
export { reportsRoutes, ReportView, reportCsv } from './reports.routes.tsx';
export { reportDocx } from './report-docx.ts';
export { reportHtml, reportPdf } from './report-files.tsx';
export { boardPaperDocx, BoardPaperSchema } from './board-paper.ts';
export { progressRoutes } from './progress.routes.tsx';
