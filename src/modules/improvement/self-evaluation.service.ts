import type { Kysely } from 'kysely';
import type { Clock } from '../../core/time.ts';
import type { Database } from '../../db/schema.ts';

/** Issue 6: to be written. */
export class SelfEvaluationService {
  constructor(
    readonly db: Kysely<Database>,
    readonly clock: Clock,
  ) {}
}
