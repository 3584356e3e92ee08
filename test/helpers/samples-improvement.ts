import type { SampleMaker } from './samples.ts';

/** Sample requests for the issue 6 routes of this area (merged into SAMPLES in samples.ts). */
export const IMPROVEMENT_SAMPLES: Record<string, SampleMaker> = {};
