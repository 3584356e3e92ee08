import type { NewEmail, NewNotification, NoticesDb, NoticesRepository } from './notices.repository.ts';

export type { NewEmail, NewNotification, NoticesDb } from './notices.repository.ts';

/**
 * The notifications a user sees in the app and the e-mails waiting in the outbox (the accounts module owns
 * both tables; issue #15, item 4). Other modules write them through here, handing in their own transaction so
 * the write commits with their audit row. Claims of the outbox use FOR UPDATE SKIP LOCKED, so several senders
 * never take the same message.
 */
export class Notices {
  constructor(private readonly repo: NoticesRepository) {}

  /** Add a notification as it is (no dedupe key handling), in the caller's transaction. */
  notify(values: NewNotification, db: NoticesDb): Promise<void> {
    return this.repo.notify(values, db);
  }

  /** Add a notification unless one with its dedupe key exists, in the caller's transaction; whether it was added. */
  addNotification(values: NewNotification, db: NoticesDb): Promise<boolean> {
    return this.repo.addNotification(values, db);
  }

  /** Queue an e-mail unless one with its dedupe key is queued, in the caller's transaction. */
  queueEmail(values: NewEmail, db: NoticesDb): Promise<void> {
    return this.repo.queueEmail(values, db);
  }

  /**
   * Claim the oldest message no one is sending, until `until`, counting the attempt (FOR UPDATE SKIP LOCKED:
   * safe with several senders); undefined when there is none.
   */
  claimMessage(now: Date, until: Date, maxAttempts: number, db?: NoticesDb) {
    return this.repo.claimMessage(now, until, maxAttempts, db);
  }

  /** Record a claimed message as sent. */
  markSent(messageId: number, at: Date, db?: NoticesDb): Promise<void> {
    return this.repo.markSent(messageId, at, db);
  }

  /** Release a claimed message that failed to send, with why. */
  markFailed(messageId: number, error: string, db?: NoticesDb): Promise<void> {
    return this.repo.markFailed(messageId, error, db);
  }

  /** A user's newest notifications, at most `limit`. */
  notificationsOf(userId: number, limit: number, db?: NoticesDb) {
    return this.repo.notificationsOf(userId, limit, db);
  }

  /** How many of a user's notifications are unread. */
  unreadCount(userId: number, db?: NoticesDb): Promise<number> {
    return this.repo.unreadCount(userId, db);
  }

  /** Mark a user's unread notifications read; how many there were. */
  markAllRead(userId: number, at: Date, db?: NoticesDb): Promise<number> {
    return this.repo.markAllRead(userId, at, db);
  }
}
