// The worker thread that reads one workbook for xlsx-reader.ts (readXlsx, readWorkbook): it takes the job
// from workerData, posts back the tables or the refusal, and ends. Plain JavaScript because a worker starts
// without the TypeScript loader its parent runs under (tsx, or vitest's): it registers tsx with the
// project's tsconfig, as bin/cairn.js does, then loads the reader.
import { fileURLToPath, URL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)) });
const { answerJob } = await import('./xlsx-reader.ts');
parentPort.postMessage(answerJob(workerData));
