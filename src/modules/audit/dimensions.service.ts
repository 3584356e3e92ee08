import { distinctKeys } from '../../core/keys.ts';
import type { DimensionsDb, DimensionsRepository } from './dimensions.repository.ts';

export type { DimensionsDb } from './dimensions.repository.ts';

/** A wider-scope audit dimension (Code of Audit Practice 2016), as data with its source. */
export interface AuditDimension {
  code: string;
  name: string;
  position: number;
  source: string;
}

/**
 * The audit dimensions that audit recommendations are tagged with (issue #15, item 4: only the audit module
 * names its tables). It needs nothing but the database. Each lookup takes an optional transaction for a caller
 * reading inside its own.
 */
export class AuditDimensions {
  constructor(private readonly repo: DimensionsRepository) {}

  /** Every audit dimension, in their order. */
  all(db?: DimensionsDb): Promise<AuditDimension[]> {
    return this.repo.all(db);
  }

  /** Audit dimensions by code, in one query; codes not found are absent from the Map. */
  async byCodes(codes: readonly string[], db?: DimensionsDb): Promise<Map<string, AuditDimension>> {
    const rows = await this.repo.byCodes(distinctKeys(codes), db);
    return new Map(rows.map((r) => [r.code, r]));
  }
}
