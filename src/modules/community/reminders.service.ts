import { createTransport } from 'nodemailer';
import { actorUserId, authorize } from '../../core/access/actor.ts';
import { recordAudit } from '../../db/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Clock } from '../../core/time.ts';
import { todayIn } from '../../core/time.ts';
import type { Config } from '../../config.ts';
import { partnershipHref } from '../../core/http/paths.ts';
import { distinctKeys } from '../../core/keys.ts';
import type { Notices, PeopleDirectory } from '../accounts/index.ts';
import { addDays, type DeadlinesService } from '../deadlines/index.ts';
import type { PartnershipDirectory } from '../partnerships/index.ts';
import type { RemindersRepository } from './reminders.repository.ts';
import type { CommunityTransaction } from './requests.repository.ts';

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

/** What reminders need of other modules: each owns the tables it reads or writes for them. */
export interface RemindersOwners {
  /** The notifications and the outbox (accounts). */
  notices: Pick<
    Notices,
    | 'addNotification'
    | 'queueEmail'
    | 'claimMessage'
    | 'markSent'
    | 'markFailed'
    | 'notificationsOf'
    | 'unreadCount'
    | 'markAllRead'
  >;
  /** The open deadlines of requests, and marking them reminded (deadlines). */
  deadlines: Pick<DeadlinesService, 'openDeadlinesDueBy' | 'markReminded'>;
  /** Who the recipients are: their e-mail, whether active, the partnership's managers (accounts). */
  people: Pick<PeopleDirectory, 'usersByIds' | 'activeRoleHolders'>;
  /** The partnership's code, for the link of an authority's reminder (partnerships). */
  directory: Pick<PartnershipDirectory, 'partnershipsByIds'>;
}

/**
 * Reminders of statutory deadlines: in the app (notifications) and by e-mail (the outbox table, sent
 * by SMTP when CAIRN_SMTP_URL is set). Each deadline is reminded once when it comes within
 * CAIRN_REMINDER_DAYS, and once more when it is missed; an extension starts the reminders afresh.
 */
export class RemindersService {
  constructor(
    private readonly repo: RemindersRepository,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'reminderDays' | 'baseUrl' | 'smtpUrl' | 'mailFrom'>,
    private readonly owners: RemindersOwners,
  ) {}

  async run(ctx: RequestContext): Promise<ReminderRun> {
    const today = todayIn(this.clock);
    const horizon = addDays(today, this.config.reminderDays);
    return this.repo.transaction(async (repo, trx) => {
      // One run at a time across processes: a second waits for the first to commit, then finds its
      // reminders already made (the dedupe keys would keep it from sending twice in any case).
      await repo.lockReminderRuns();
      const due = await this.deadlinesDue(repo, trx, horizon);
      let notifications = 0;
      let emails = 0;
      for (const d of due) {
        const stage = d.due < today ? 'overdue' : 'due-soon';
        let recipients: { id: number; email: string; link: string }[];
        if (d.party === 'community_body') {
          recipients = (await this.activeBodyMembers(repo, trx, d.community_body_id)).map((u) => ({
            ...u,
            link: `/community/requests/${d.request_id}`,
          }));
        } else {
          recipients = (await this.authorityRecipients(trx, d.partnership_id, d.responsible_user_id)).map((u) => ({
            ...u,
            link: partnershipHref(d.partnership_code, 'requests', d.request_id),
          }));
        }
        const text =
          stage === 'overdue'
            ? `Overdue since ${d.due}: ${d.rule_name} for ${d.reference} “${d.title}”`
            : `Due on ${d.due}: ${d.rule_name} for ${d.reference} “${d.title}”`;
        for (const u of recipients) {
          const key = `deadline:${d.id}:${stage}:${d.due}:${u.id}`;
          const added = await this.owners.notices.addNotification(
            {
              user_id: u.id,
              partnership_id: d.partnership_id,
              text,
              link: u.link,
              dedupe_key: key,
              created_at: this.clock.now(),
            },
            trx,
          );
          if (!added) continue;
          notifications++;
          await this.owners.notices.queueEmail(
            {
              to_address: u.email,
              subject: `Cairn: ${text}`,
              body: `${text}\n\nOpen it in Cairn: ${this.config.baseUrl}${u.link}\n`,
              dedupe_key: key,
              created_at: this.clock.now(),
            },
            trx,
          );
          emails++;
        }
        await this.owners.deadlines.markReminded(d.id, this.clock.now(), trx);
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
   * The open deadlines due by `horizon` (overdue ones too) of requests that are not closed, each with its
   * rule's name and party, its request and the request's partnership's code (three queries in all).
   */
  private async deadlinesDue(repo: RemindersRepository, trx: CommunityTransaction, horizon: string) {
    const deadlines = await this.owners.deadlines.openDeadlinesDueBy(horizon, trx);
    const requests = new Map(
      (await repo.openRequests(distinctKeys(deadlines.map((d) => d.request_id)))).map((r) => [r.id, r]),
    );
    const partnerships = await this.owners.directory.partnershipsByIds(
      [...requests.values()].map((r) => r.partnership_id),
      trx,
    );
    return deadlines.flatMap((d) => {
      const r = requests.get(d.request_id);
      const p = r && partnerships.get(r.partnership_id);
      if (!r || !p) return [];
      return [
        {
          id: d.id,
          due: d.due,
          rule_code: d.rule_code,
          rule_name: d.rule_name,
          party: d.party,
          request_id: r.id,
          reference: r.reference,
          title: r.title,
          partnership_id: r.partnership_id,
          community_body_id: r.community_body_id,
          responsible_user_id: r.responsible_user_id,
          partnership_code: p.code,
        },
      ];
    });
  }

  /** The active members of a community body, with their e-mail addresses. */
  private async activeBodyMembers(repo: RemindersRepository, trx: CommunityTransaction, bodyId: number) {
    const ids = await repo.bodyMemberIds(bodyId);
    const users = await this.owners.people.usersByIds(ids, trx);
    return ids.flatMap((id) => {
      const u = users.get(id);
      return u?.active ? [{ id: u.id, email: u.email }] : [];
    });
  }

  /** The responsible officer when there is one (if active), else the partnership's active managers. */
  private async authorityRecipients(
    trx: CommunityTransaction,
    partnershipId: number,
    responsibleUserId: number | null,
  ): Promise<{ id: number; email: string }[]> {
    if (responsibleUserId !== null) {
      const u = (await this.owners.people.usersByIds([responsibleUserId], trx)).get(responsibleUserId);
      return u?.active ? [{ id: u.id, email: u.email }] : [];
    }
    const managers = await this.owners.people.activeRoleHolders(partnershipId, ['partnership_manager'], trx);
    return managers.map((u) => ({ id: u.id, email: u.email }));
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
          await this.owners.notices.markSent(m.id, this.clock.now());
          sent++;
        } catch (e) {
          await this.owners.notices.markFailed(m.id, (e as Error).message.slice(0, 500));
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
    return this.owners.notices.claimMessage(now, until, OUTBOX_MAX_ATTEMPTS);
  }

  async forUser(ctx: RequestContext) {
    authorize(ctx.actor, 'notification:read');
    const userId = actorUserId(ctx.actor);
    if (userId === null) return [];
    return this.owners.notices.notificationsOf(userId, 100);
  }

  async unreadCount(userId: number): Promise<number> {
    return this.owners.notices.unreadCount(userId);
  }

  async markAllRead(ctx: RequestContext) {
    authorize(ctx.actor, 'notification:read');
    const userId = actorUserId(ctx.actor);
    if (userId === null) return 0;
    return this.repo.transaction(async (_repo, trx) => {
      const n = await this.owners.notices.markAllRead(userId, this.clock.now(), trx);
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
