import type { Kysely } from 'kysely';
import type { Clock } from '../../core/time.ts';
import type { Database } from '../../db/schema.ts';
import type { OutcomesService } from '../outcomes/index.ts';
import type { SelfEvaluationService } from './self-evaluation.service.ts';
/** Issue 6: to be written. */
export class SupportService {
  constructor(
    readonly db: Kysely<Database>,
    readonly clock: Clock,
    readonly outcomes: OutcomesService,
    readonly selfEvaluation: SelfEvaluationService,
  ) {}
}
