import type { Kysely, Transaction } from 'kysely';
import { tx } from '../../db/tx.ts';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** What the catalogue's query filters on: a framework, the prevention tag, words, or one code. */
export interface IndicatorEntryFilter {
  framework?: Database['indicator_frameworks']['framework'] | undefined;
  prevention?: boolean | undefined;
  q?: string | undefined;
  code?: string | undefined;
}

/**
 * The queries of the catalogue of national indicators (tables indicators, indicator_frameworks and
 * observations). The name of the analyst who set a prevention tag is the accounts module's (PeopleDirectory).
 */
export class IndicatorsRepository {
  constructor(private readonly db: Db) {}

  /** Run `fn` in one transaction, with this repository over it and the transaction (for the audit row). */
  transaction<T>(fn: (repo: IndicatorsRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return tx(this.db, (trx) => fn(new IndicatorsRepository(trx), trx));
  }

  /** National indicators matching the filter (one, by code), by name. */
  entries(filter: IndicatorEntryFilter) {
    let query = this.db
      .selectFrom('indicators as i')
      .select([
        'i.code',
        'i.name',
        'i.unit',
        'i.higher_is_better',
        'i.external_code',
        'i.category',
        'i.definition',
        'i.source',
        'i.prevention',
        'i.prevention_note',
        'i.prevention_set_at',
        'i.prevention_set_by_user_id',
      ])
      .where('i.partnership_id', 'is', null)
      .orderBy('i.name');
    if (filter.framework)
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('indicator_frameworks as f')
            .select('f.indicator_code')
            .whereRef('f.indicator_code', '=', 'i.code')
            .where('f.framework', '=', filter.framework!),
        ),
      );
    if (filter.code !== undefined) query = query.where('i.code', '=', filter.code);
    if (filter.prevention !== undefined) query = query.where('i.prevention', '=', filter.prevention);
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb('i.name', 'ilike', like),
          eb('i.code', 'ilike', like),
          eb('i.external_code', 'ilike', like),
          eb('i.category', 'ilike', like),
        ]),
      );
    }
    return query.execute();
  }

  /** The frameworks of these indicators, in framework order. */
  frameworks(codes: readonly string[]) {
    return this.db
      .selectFrom('indicator_frameworks')
      .select(['indicator_code', 'framework'])
      .where('indicator_code', 'in', [...codes])
      .orderBy('framework')
      .execute();
  }

  /** How many values each of these indicators has loaded. */
  valueCounts(codes: readonly string[]) {
    return this.db
      .selectFrom('observations')
      .select((eb) => ['indicator_code', eb.fn.countAll<string>().as('n')])
      .where('indicator_code', 'in', [...codes])
      .groupBy('indicator_code')
      .execute();
  }

  /** The latest period any area has for each of these indicators. */
  latestPeriods(codes: readonly string[]) {
    return this.db
      .selectFrom('observations')
      .distinctOn('indicator_code')
      .select(['indicator_code', 'period_label'])
      .where('indicator_code', 'in', [...codes])
      .orderBy('indicator_code')
      .orderBy('period_start', 'desc')
      .execute();
  }

  /** A national indicator's prevention tag, or undefined. */
  findNationalPrevention(code: string) {
    return this.db
      .selectFrom('indicators')
      .select(['code', 'prevention', 'prevention_note'])
      .where('code', '=', code)
      .where('partnership_id', 'is', null)
      .executeTakeFirst();
  }

  async updatePrevention(
    code: string,
    set: {
      prevention: boolean;
      prevention_note: string | null;
      prevention_set_by_user_id: number | null;
      prevention_set_at: Date;
    },
  ): Promise<void> {
    await this.db.updateTable('indicators').set(set).where('code', '=', code).execute();
  }
}
