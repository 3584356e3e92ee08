export { OutcomesService, type DuncanRow } from './outcomes.service.ts';
export { duncanIndex, type DuncanZone, type DuncanResult } from './duncan.ts';
export { improvementRate, type SeriesPoint } from './cpop-methods.ts';
