import type { Kysely } from 'kysely';
import type { Clock } from '../../core/time.ts';
import type { Database } from '../../db/schema.ts';
import type { OutcomesService } from '../outcomes/index.ts';
/** Issue 6: to be written. */
export class CaseStudiesService {
  constructor(
    readonly db: Kysely<Database>,
    readonly clock: Clock,
    readonly outcomes: OutcomesService,
  ) {}
}
