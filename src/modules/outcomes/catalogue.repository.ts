import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A database handle or an open transaction: a caller inside its own transaction hands that in. */
export type CatalogueDb = Kysely<Database> | Transaction<Database>;

/**
 * The reads other modules make of the outcomes module's tables (indicators, indicator_frameworks,
 * national_outcomes, observations): looked up by code, in one query.
 */
export class CatalogueRepository {
  constructor(private readonly db: CatalogueDb) {}

  indicatorsByCodes(codes: readonly string[], db: CatalogueDb = this.db) {
    if (codes.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('indicators')
      .select(['code', 'name', 'unit', 'higher_is_better', 'prevention', 'source', 'partnership_id'])
      .where('code', 'in', [...codes])
      .execute();
  }

  /** The indicators open to a partnership (the national ones and its own), by name. */
  indicatorChoices(partnershipId: number, db: CatalogueDb = this.db) {
    return db
      .selectFrom('indicators')
      .select(['code', 'name'])
      .where((eb) => eb.or([eb('partnership_id', 'is', null), eb('partnership_id', '=', partnershipId)]))
      .orderBy('name')
      .execute();
  }

  /** One indicator open to a partnership (a national one or its own), with its unit and polarity. */
  indicatorOpenTo(code: string, partnershipId: number, db: CatalogueDb = this.db) {
    return db
      .selectFrom('indicators')
      .select(['code', 'unit', 'higher_is_better'])
      .where('code', '=', code)
      .where((eb) => eb.or([eb('partnership_id', 'is', null), eb('partnership_id', '=', partnershipId)]))
      .executeTakeFirst();
  }

  /** The National Performance Framework's outcomes, in their order. */
  nationalOutcomes(db: CatalogueDb = this.db) {
    return db.selectFrom('national_outcomes').select(['code', 'name']).orderBy('sort_order').execute();
  }

  /** The observed (not projected) values of these indicators in these areas, oldest first. */
  observedSeries(series: readonly { indicator_code: string; area_code: string }[], db: CatalogueDb = this.db) {
    return db
      .selectFrom('observations')
      .select(['indicator_code', 'area_code', 'period_start', 'period_label', 'value'])
      .where('value_type', '!=', 'projected')
      .where((eb) =>
        eb.or(
          series.map((m) => eb.and([eb('indicator_code', '=', m.indicator_code), eb('area_code', '=', m.area_code)])),
        ),
      )
      .orderBy('period_start')
      .execute();
  }

  /** The national indicators (owned by no partnership), by name. */
  nationalIndicators(db: CatalogueDb = this.db) {
    return db
      .selectFrom('indicators')
      .select(['code', 'name'])
      .where('partnership_id', 'is', null)
      .orderBy('name')
      .execute();
  }

  /** The observations of these indicators in these areas in these periods (by label), in no order. */
  observationsInPeriods(
    wanted: readonly { indicator_code: string; area_code: string; periods: readonly string[] }[],
    db: CatalogueDb = this.db,
  ) {
    return db
      .selectFrom('observations')
      .select(['indicator_code', 'area_code', 'period_label', 'value'])
      .where((eb) =>
        eb.or(
          wanted.map((w) =>
            eb.and([
              eb('indicator_code', '=', w.indicator_code),
              eb('area_code', '=', w.area_code),
              eb('period_label', 'in', [...w.periods]),
            ]),
          ),
        ),
      )
      .execute();
  }
}
