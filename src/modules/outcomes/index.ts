export { OutcomesService, type DuncanRow, type IndicatorProfile, type InequalityProfile } from './outcomes.service.ts';
export { outcomesRoutes } from './outcomes.routes.tsx';
export { nationalRoutes } from './national.routes.tsx';
export { duncanIndex, type DuncanZone, type DuncanResult } from './duncan.ts';
export {
  communityZScores,
  improvementRate,
  trafficLight,
  type SeriesPoint,
  type TrafficLight,
} from './cpop-methods.ts';
export { columnsOf, dataset, DATASETS, type Dataset } from './datasets.ts';
export { CommunitiesService } from './communities.service.ts';
export { IndicatorsService } from './indicators.service.ts';
export { indicatorsRoutes } from './indicators.routes.tsx';
export { communitiesRoutes } from './communities.routes.tsx';
