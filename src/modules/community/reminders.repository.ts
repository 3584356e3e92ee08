import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Database, NotificationTable, OutboxTable } from '../../db/schema.ts';
import type { CommunityTransaction } from './requests.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The queries of reminders: the open deadlines of requests (request_deadlines and statutory_rules, of the
 * deadlines module), and the notifications and e-mails that remind of them (notifications and outbox, of
 * the accounts module).
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

  /** The open deadlines, due by `horizon` (overdue ones too), of requests that are not closed. */
  deadlinesDue(horizon: string) {
    return this.db
      .selectFrom('request_deadlines as d')
      .innerJoin('community_requests as r', 'r.id', 'd.request_id')
      .innerJoin('statutory_rules as s', 's.code', 'd.rule_code')
      .innerJoin('partnerships as p', 'p.id', 'r.partnership_id')
      .select([
        'd.id',
        'd.due',
        'd.rule_code',
        's.name as rule_name',
        's.party',
        'r.id as request_id',
        'r.reference',
        'r.title',
        'r.partnership_id',
        'r.community_body_id',
        'r.responsible_user_id',
        'p.code as partnership_code',
      ])
      .where('d.met_on', 'is', null)
      .where('d.cancelled', '=', false)
      .where('d.due', '<=', horizon)
      .where('r.status', 'not in', ['completed', 'withdrawn'])
      .execute();
  }

  /** The active members of a community body. */
  activeBodyMembers(bodyId: number) {
    return this.db
      .selectFrom('community_body_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.email'])
      .where('m.community_body_id', '=', bodyId)
      .where('u.active', '=', true)
      .execute();
  }

  /** The responsible officer when there is one (if active), else the partnership's active managers. */
  authorityRecipients(partnershipId: number, responsibleUserId: number | null) {
    let q = this.db.selectFrom('users as u').select(['u.id', 'u.email']).where('u.active', '=', true);
    q =
      responsibleUserId !== null
        ? q.where('u.id', '=', responsibleUserId)
        : q.where(
            'u.id',
            'in',
            this.db
              .selectFrom('partnership_roles')
              .select('user_id')
              .where('partnership_id', '=', partnershipId)
              .where('role', '=', 'partnership_manager'),
          );
    return q.execute();
  }

  /** Add a notification unless one with its dedupe key exists; whether it was added. */
  async addNotification(values: Insertable<NotificationTable>): Promise<boolean> {
    const n = await this.db
      .insertInto('notifications')
      .values(values)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return n !== undefined;
  }

  /** Queue an e-mail unless one with its dedupe key is queued. */
  async queueEmail(values: Insertable<OutboxTable>): Promise<void> {
    await this.db
      .insertInto('outbox')
      .values(values)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
  }

  async markReminded(deadlineId: number, at: Date): Promise<void> {
    await this.db.updateTable('request_deadlines').set({ reminded_at: at }).where('id', '=', deadlineId).execute();
  }

  /**
   * Claim the oldest message no one is sending (one UPDATE over a row locked with FOR UPDATE SKIP LOCKED),
   * until `until`, counting the attempt; undefined when there is none.
   */
  claimMessage(now: Date, until: Date, maxAttempts: number) {
    return this.db
      .updateTable('outbox')
      .set((eb) => ({ claimed_until: until, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', (eb) =>
        eb
          .selectFrom('outbox')
          .select('id')
          .where('sent_at', 'is', null)
          .where('attempts', '<', maxAttempts)
          .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', now)]))
          .orderBy('id')
          .limit(1)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .executeTakeFirst();
  }

  async markSent(messageId: number, at: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ sent_at: at, claimed_until: null, last_error: null })
      .where('id', '=', messageId)
      .execute();
  }

  async markFailed(messageId: number, error: string): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ claimed_until: null, last_error: error })
      .where('id', '=', messageId)
      .execute();
  }

  /** A user's newest notifications. */
  notificationsOf(userId: number, limit: number) {
    return this.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  async unreadCount(userId: number): Promise<number> {
    const r = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Mark a user's unread notifications read; how many there were. */
  async markAllRead(userId: number, at: Date): Promise<number> {
    const r = await this.db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}
