import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, NotificationTable, OutboxTable } from '../../db/schema.ts';

/** A database handle or an open transaction: a caller writing inside its own transaction hands that in. */
export type NoticesDb = Kysely<Database> | Transaction<Database>;

/** A notification to add. */
export type NewNotification = Insertable<NotificationTable>;
/** An e-mail to queue in the outbox. */
export type NewEmail = Insertable<OutboxTable>;

/**
 * The queries of the accounts module's notifications and outbox tables: what a user is told in the app, and the
 * e-mails waiting to be sent.
 */
export class NoticesRepository {
  constructor(private readonly db: NoticesDb) {}

  /** Add a notification (no dedupe handling). */
  async notify(values: NewNotification, db: NoticesDb = this.db): Promise<void> {
    await db.insertInto('notifications').values(values).execute();
  }

  /** Add a notification unless one with its dedupe key exists; whether it was added. */
  async addNotification(values: NewNotification, db: NoticesDb = this.db): Promise<boolean> {
    const n = await db
      .insertInto('notifications')
      .values(values)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return n !== undefined;
  }

  /** Queue an e-mail unless one with its dedupe key is queued. */
  async queueEmail(values: NewEmail, db: NoticesDb = this.db): Promise<void> {
    await db
      .insertInto('outbox')
      .values(values)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
  }

  /**
   * Claim the oldest message no one is sending (one UPDATE over a row locked with FOR UPDATE SKIP LOCKED),
   * until `until`, counting the attempt; undefined when there is none.
   */
  claimMessage(now: Date, until: Date, maxAttempts: number, db: NoticesDb = this.db) {
    return db
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

  async markSent(messageId: number, at: Date, db: NoticesDb = this.db): Promise<void> {
    await db
      .updateTable('outbox')
      .set({ sent_at: at, claimed_until: null, last_error: null })
      .where('id', '=', messageId)
      .execute();
  }

  async markFailed(messageId: number, error: string, db: NoticesDb = this.db): Promise<void> {
    await db
      .updateTable('outbox')
      .set({ claimed_until: null, last_error: error })
      .where('id', '=', messageId)
      .execute();
  }

  /** A user's newest notifications. */
  notificationsOf(userId: number, limit: number, db: NoticesDb = this.db) {
    return db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  async unreadCount(userId: number, db: NoticesDb = this.db): Promise<number> {
    const r = await db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Mark a user's unread notifications read; how many there were. */
  async markAllRead(userId: number, at: Date, db: NoticesDb = this.db): Promise<number> {
    const r = await db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}
