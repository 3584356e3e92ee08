import { DatasetExports, type DatasetSources } from './datasets.ts';

export { columnsOf, dataset, DATASETS, DatasetExports, type Dataset, type DatasetSources } from './datasets.ts';

/**
 * What the datasets module needs from outside: the owners of what it exports (the geography, the outcomes
 * engine, the import runs, the recommendations).
 */
export type DatasetsModuleDeps = DatasetSources;

export interface DatasetsModule {
  /** `cairn export <dataset>`: no routes. */
  services: { datasets: DatasetExports };
}

/** The national datasets `cairn export` writes, each read through the module that owns it. */
export function datasetsModule(deps: DatasetsModuleDeps): DatasetsModule {
  return { services: { datasets: new DatasetExports(deps) } };
}
