import type { Kysely } from 'kysely';
import { readMethodParameters } from '../../core/rules/method-parameters.repository.ts';
import type { Database } from '../../db/schema.ts';

/**
 * The queries of the national view that are not another module's service: the partnerships side by side,
 * counts of the recommendations addressed to them and of their answers, their annual reports and their
 * community requests with the decision deadlines. Every partnership is read at once: the view is national.
 */
export class NationalViewRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every partnership, real ones first, by name. */
  partnerships() {
    return this.db
      .selectFrom('partnerships')
      .select(['id', 'code', 'name', 'fictional', 'council_area_code'])
      .orderBy('fictional')
      .orderBy('name')
      .execute();
  }

  /** The national view's parameters (method_parameters national_view). */
  parameters() {
    return readMethodParameters(this.db, 'national_view');
  }

  /** For each partnership, when it first published its annual report of the year. */
  firstReportPublications(year: number) {
    return this.db
      .selectFrom('annual_reports')
      .select(['partnership_id', (eb) => eb.fn.min('published_at').as('first')])
      .where('year', '=', year)
      .groupBy('partnership_id')
      .execute();
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

  /** Community requests that entered the public register, with their decision deadline if one is running. */
  validatedRequests(decisionRules: readonly string[]) {
    return this.db
      .selectFrom('community_requests as r')
      .leftJoin('request_deadlines as d', (j) =>
        j.onRef('d.request_id', '=', 'r.id').on('d.rule_code', 'in', decisionRules).on('d.cancelled', '=', false),
      )
      .select(['r.id', 'r.partnership_id', 'r.kind', 'r.status', 'r.validation_date', 'r.decision_date', 'd.due'])
      .where('r.validation_date', 'is not', null)
      .execute();
  }
}
