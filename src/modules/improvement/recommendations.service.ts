import type { Kysely } from 'kysely';
import type { Clock } from '../../core/time.ts';
import type { Database } from '../../db/schema.ts';
import type { PlansService } from '../plans/index.ts';
/** Issue 6: to be written. */
export class RecommendationsService {
  constructor(
    readonly db: Kysely<Database>,
    readonly clock: Clock,
    readonly plans: PlansService,
  ) {}
}
