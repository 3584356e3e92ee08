import type { Kysely } from 'kysely';
import { readMethodParameters } from '../../core/rules/method-parameters.repository.ts';
import type { Database } from '../../db/schema.ts';

/**
 * The queries of the national view on the improvement module's own tables: counts of the recommendations
 * addressed to the partnerships and of their answers, and the view's parameters. The partnerships, their
 * annual reports and community requests, and the decision deadlines come from their owners' services. Every
 * partnership is read at once: the view is national.
 */
export class NationalViewRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The national view's parameters (method_parameters national_view). */
  parameters() {
    return readMethodParameters(this.db, 'national_view');
  }

  /** How many recommendations are addressed to all partnerships. */
  addressedToAll() {
    return this.db
      .selectFrom('recommendation_addressees')
      .select((eb) => eb.fn.count<string>('recommendation_id').distinct().as('n'))
      .where('kind', '=', 'all_cpps')
      .executeTakeFirst();
  }

  /** For each partnership, how many recommendations name it and are not also addressed to all partnerships. */
  addressedByName() {
    return this.db
      .selectFrom('recommendation_addressees as a')
      .select(['a.partnership_id', (eb) => eb.fn.count<string>('a.recommendation_id').distinct().as('n')])
      .where('a.kind', '=', 'partnership')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('recommendation_addressees as b')
              .select('b.recommendation_id')
              .whereRef('b.recommendation_id', '=', 'a.recommendation_id')
              .where('b.kind', '=', 'all_cpps'),
          ),
        ),
      )
      .groupBy('a.partnership_id')
      .execute();
  }

  /** Every partnership's answers: which recommendation each links to which of its plans' actions. */
  responses() {
    return this.db
      .selectFrom('recommendation_responses')
      .select(['partnership_id', 'recommendation_id', 'action_id'])
      .execute();
  }
}
