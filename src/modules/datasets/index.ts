export { columnsOf, dataset, DATASETS, type Dataset } from './datasets.ts';
