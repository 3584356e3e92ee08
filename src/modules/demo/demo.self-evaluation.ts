import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/context.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { Database } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';

/** Issue 6: to be written. Runs after the demo plans are seeded, in the same transaction. */
export async function seedDemoSelfEvaluation(_trx: Transaction<Database>, _deps: Deps, _ctx: RequestContext, _p: PartnershipRef): Promise<void> {}
