import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CommunityTransaction } from './requests.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The community module's queries of reminders: the requests whose deadlines are reminded of and the members
 * of their bodies. The deadlines themselves are the deadlines module's, the notifications and e-mails the
 * accounts module's (Notices), each read and written through its service.
 */
export class RemindersRepository {
  constructor(private readonly db: Db) {}

  /** Run `fn` in a transaction of its own, with this repository over it and the transaction itself. */
  transaction<T>(fn: (repo: RemindersRepository, trx: CommunityTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new RemindersRepository(trx), trx));
  }

  /**
   * Hold, until the transaction ends, the lock of the reminder runs: one run at a time across processes.
   */
  async lockReminderRuns(): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended('cairn.reminders', 0))`.execute(this.db);
  }

  /** Those of these requests that are not closed (neither completed nor withdrawn). */
  openRequests(ids: readonly number[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('community_requests')
      .select(['id', 'reference', 'title', 'partnership_id', 'community_body_id', 'responsible_user_id'])
      .where('id', 'in', [...ids])
      .where('status', 'not in', ['completed', 'withdrawn'])
      .execute();
  }

  /** The ids of a community body's members (whether their accounts are active is the accounts module's). */
  async bodyMemberIds(bodyId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('community_body_members')
      .select('user_id')
      .where('community_body_id', '=', bodyId)
      .execute();
    return rows.map((r) => r.user_id);
  }
}
