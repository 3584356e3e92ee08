import { DEMO } from './app.ts';
import type { SampleMaker } from './samples.ts';

/** Sample requests for the improvement hub pages (merged into SAMPLES in samples.ts). */
export const IMPROVEMENT_SAMPLES: Record<string, SampleMaker> = {
  'GET /partnerships/:partnership/improvement': async () => ({ path: `/partnerships/${DEMO.code}/improvement` }),
};
