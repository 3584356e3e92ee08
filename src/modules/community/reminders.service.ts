import { sql, type Kysely } from 'kysely';
import { createTransport } from 'nodemailer';
import { actorUserId, authorize } from '../../core/access/actor.ts';
import { recordAudit } from '../../core/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Clock } from '../../core/time.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import { addDays } from '../deadlines/index.ts';
import { todayIn } from '../../core/time.ts';

/** How long a sender holds a claimed message before another may take it (a sender that died mid-send). */
export const OUTBOX_CLAIM_MINUTES = 10;
/** Claims after which a message is left unsent (its last_error says why). */
export const OUTBOX_MAX_ATTEMPTS = 5;

export interface ReminderRun {
  today: string;
  deadlinesLookedAt: number;
  notifications: number;
  emails: number;
}

/**
 * Reminders of statutory deadlines: in the app (notifications) and by e-mail (the outbox table, sent
 * by SMTP when CAIRN_SMTP_URL is set). Each deadline is reminded once when it comes within
 * CAIRN_REMINDER_DAYS, and once more when it is missed; an extension starts the reminders afresh.
 */
export class RemindersService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'reminderDays' | 'baseUrl' | 'smtpUrl' | 'mailFrom'>,
  ) {}

  async run(ctx: RequestContext): Promise<ReminderRun> {
    const today = todayIn(this.clock);
    const horizon = addDays(today, this.config.reminderDays);
    return this.db.transaction().execute(async (trx) => {
      // One run at a time across processes: a second waits for the first to commit, then finds its
      // reminders already made (the dedupe keys would keep it from sending twice in any case).
      await sql`SELECT pg_advisory_xact_lock(hashtextextended('cairn.reminders', 0))`.execute(trx);
      const due = await trx
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
      let notifications = 0;
      let emails = 0;
      for (const d of due) {
        const stage = d.due < today ? 'overdue' : 'due-soon';
        let recipients: { id: number; email: string; link: string }[];
        if (d.party === 'community_body') {
          recipients = (
            await trx
              .selectFrom('community_body_members as m')
              .innerJoin('users as u', 'u.id', 'm.user_id')
              .select(['u.id', 'u.email'])
              .where('m.community_body_id', '=', d.community_body_id)
              .where('u.active', '=', true)
              .execute()
          ).map((u) => ({ ...u, link: `/community/requests/${d.request_id}` }));
        } else {
          let q = trx.selectFrom('users as u').select(['u.id', 'u.email']).where('u.active', '=', true);
          q =
            d.responsible_user_id !== null
              ? q.where('u.id', '=', d.responsible_user_id)
              : q.where(
                  'u.id',
                  'in',
                  trx
                    .selectFrom('partnership_roles')
                    .select('user_id')
                    .where('partnership_id', '=', d.partnership_id)
                    .where('role', '=', 'partnership_manager'),
                );
          recipients = (await q.execute()).map((u) => ({
            ...u,
            link: `/p/${d.partnership_code}/requests/${d.request_id}`,
          }));
        }
        const text =
          stage === 'overdue'
            ? `Overdue since ${d.due}: ${d.rule_name} for ${d.reference} “${d.title}”`
            : `Due on ${d.due}: ${d.rule_name} for ${d.reference} “${d.title}”`;
        for (const u of recipients) {
          const key = `deadline:${d.id}:${stage}:${d.due}:${u.id}`;
          const n = await trx
            .insertInto('notifications')
            .values({
              user_id: u.id,
              partnership_id: d.partnership_id,
              text,
              link: u.link,
              dedupe_key: key,
              created_at: this.clock.now(),
            })
            .onConflict((oc) => oc.column('dedupe_key').doNothing())
            .returning('id')
            .executeTakeFirst();
          if (!n) continue;
          notifications++;
          await trx
            .insertInto('outbox')
            .values({
              to_address: u.email,
              subject: `Cairn: ${text}`,
              body: `${text}\n\nOpen it in Cairn: ${this.config.baseUrl}${u.link}\n`,
              dedupe_key: key,
              created_at: this.clock.now(),
            })
            .onConflict((oc) => oc.column('dedupe_key').doNothing())
            .execute();
          emails++;
        }
        await trx
          .updateTable('request_deadlines')
          .set({ reminded_at: this.clock.now() })
          .where('id', '=', d.id)
          .execute();
      }
      const summary = { today, deadlinesLookedAt: due.length, notifications, emails };
      if (notifications > 0)
        await recordAudit(trx, ctx, this.clock, {
          partnershipId: null,
          action: 'reminders.send',
          resourceType: 'notification',
          resourceId: null,
          after: summary,
        });
      return summary;
    });
  }

  /**
   * Send what waits in the outbox, when SMTP is configured. Returns how many were sent and how many failed.
   *
   * Safe with several processes on one database: each message is claimed before it is sent (one UPDATE
   * over rows locked with FOR UPDATE SKIP LOCKED, so two senders never take the same row) and the claim is a
   * lease of OUTBOX_CLAIM_MINUTES: a sender that dies mid-send leaves the message to be tried again once the
   * lease lapses. `attempts` counts claims, so a message that keeps failing (or killing its sender) stops at
   * OUTBOX_MAX_ATTEMPTS.
   */
  async sendOutbox(limit = 100): Promise<{ sent: number; failed: number; configured: boolean }> {
    if (!this.config.smtpUrl) return { sent: 0, failed: 0, configured: false };
    const transport = createTransport(this.config.smtpUrl);
    let sent = 0;
    let failed = 0;
    try {
      while (sent + failed < limit) {
        const m = await this.claimOne();
        if (!m) break;
        try {
          await transport.sendMail({ from: this.config.mailFrom, to: m.to_address, subject: m.subject, text: m.body });
          await this.db
            .updateTable('outbox')
            .set({ sent_at: this.clock.now(), claimed_until: null, last_error: null })
            .where('id', '=', m.id)
            .execute();
          sent++;
        } catch (e) {
          await this.db
            .updateTable('outbox')
            .set({ claimed_until: null, last_error: (e as Error).message.slice(0, 500) })
            .where('id', '=', m.id)
            .execute();
          failed++;
        }
      }
    } finally {
      transport.close();
    }
    return { sent, failed, configured: true };
  }

  /** Claim the oldest message no one is sending, or undefined when there is none. */
  private async claimOne() {
    const now = this.clock.now();
    const until = new Date(now.getTime() + OUTBOX_CLAIM_MINUTES * 60_000);
    return this.db
      .updateTable('outbox')
      .set((eb) => ({ claimed_until: until, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', (eb) =>
        eb
          .selectFrom('outbox')
          .select('id')
          .where('sent_at', 'is', null)
          .where('attempts', '<', OUTBOX_MAX_ATTEMPTS)
          .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', now)]))
          .orderBy('id')
          .limit(1)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .executeTakeFirst();
  }

  async forUser(ctx: RequestContext) {
    authorize(ctx.actor, 'notification:read');
    const userId = actorUserId(ctx.actor);
    if (userId === null) return [];
    return this.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(100)
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

  async markAllRead(ctx: RequestContext) {
    authorize(ctx.actor, 'notification:read');
    const userId = actorUserId(ctx.actor);
    if (userId === null) return 0;
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('notifications')
        .set({ read_at: this.clock.now() })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      const n = Number(r.numUpdatedRows);
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: null,
        action: 'notification.read_all',
        resourceType: 'notification',
        resourceId: null,
        after: { count: n },
      });
      return n;
    });
  }
}
