import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { actorLabel, actorUserId, authorize, can } from '../../core/access/actor.ts';
import { recordAudit } from '../../core/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { Clock } from '../../core/time.ts';
import { financialYearLabel } from '../../core/periods.ts';
import { tx } from '../../core/tx.ts';
import type { Database } from '../../db/schema.ts';
import {
  checksum,
  headerKey,
  headerList,
  ImportError,
  readTable,
  shown,
  type ImportLimits,
  type SourceFile,
} from '../imports/index.ts';
import { findPlan, planOutcomes, planPriorities } from './plans.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

export const ARRANGEMENTS = ['aligned', 'pooled'] as const;
export const PREVENTION = ['preventative', 'early_intervention', 'reactive'] as const;
export const ARRANGEMENT_LABELS = { aligned: 'Aligned', pooled: 'Pooled' } as const;
export const PREVENTION_LABELS = {
  preventative: 'Preventative',
  early_intervention: 'Early intervention',
  reactive: 'Reactive',
} as const;

/**
 * Pounds as people write them: "1200", "1,200", "£1,200.50". Anything else — "1.200,50", "12k",
 * "-5", "1,20" — is refused with what was written, so a misread spreadsheet never becomes a commitment.
 */
export function parsePounds(text: string): number | null {
  const t = text.trim().replace(/^£\s*/, '');
  if (t === '') return 0;
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(t)) return null;
  return Number(t.replace(/,/g, ''));
}

/** "2026/27", "2026-27" or "2026" (the year it begins). */
export function parseFinancialYear(text: string): number | null {
  const t = text.trim();
  const m = /^(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?$/.exec(t);
  if (!m) return null;
  const start = Number(m[1]);
  if (m[2]) {
    const end = m[2].length === 2 ? Number(m[2]) : Number(m[2]) % 100;
    if (end !== (start + 1) % 100) return null;
  }
  return start;
}

const money = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const n = parsePounds(v ?? '');
    if (n === null) {
      ctx.addIssue({
        code: 'custom',
        message: `“${shown(v ?? '')}” is not an amount in pounds: write it like 12500 or £12,500.00`,
      });
      return z.NEVER;
    }
    return n;
  });

export const CommitmentSchema = z
  .object({
    organisation_id: z.coerce.number({ error: 'Choose the partner' }).int().positive({ error: 'Choose the partner' }),
    priority_id: z.coerce.number({ error: 'Choose the priority' }).int().positive({ error: 'Choose the priority' }),
    plan_outcome_id: z.coerce.number().int().positive().optional(),
    financial_year: z.string({ error: 'Enter the financial year, like 2026/27' }).transform((v, ctx) => {
      const y = parseFinancialYear(v);
      if (y === null) {
        ctx.addIssue({ code: 'custom', message: `“${shown(v)}” is not a financial year: write it like 2026/27` });
        return z.NEVER;
      }
      return y;
    }),
    money,
    fte: z.coerce
      .number({ error: 'Enter staff time as full-time equivalents, like 1.5' })
      .min(0, { error: 'Staff time cannot be negative' })
      .max(100000)
      .optional()
      .default(0),
    in_kind: z
      .string()
      .trim()
      .max(1000, { error: 'Describe what is given in kind in at most 1000 characters' })
      .optional()
      .transform((v) => (v ? v : undefined)),
    arrangement: z.enum(ARRANGEMENTS, { error: 'Choose aligned or pooled' }),
    prevention: z.enum(PREVENTION, { error: 'Choose preventative, early intervention or reactive' }),
    note: z
      .string()
      .trim()
      .max(1000, { error: 'Keep the note to at most 1000 characters' })
      .optional()
      .transform((v) => (v ? v : undefined)),
  })
  .superRefine((v, ctx) => {
    if (!(v.money > 0) && !(v.fte > 0) && !v.in_kind)
      ctx.addIssue({ code: 'custom', path: ['money'], message: 'Commit money, staff time or something in kind' });
  });
export type CommitmentInput = z.output<typeof CommitmentSchema>;

export class ResourcesService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    /** What an imported file is read under (config.imports). */
    private readonly limits: ImportLimits,
  ) {}

  private async planOf(db: Db, p: PartnershipRef, planId: number) {
    const plan = await findPlan(db, { planId, partnershipId: p.id });
    if (!plan) throw new NotFoundError('plan');
    return plan;
  }

  /** Check one commitment against the plan and the actor; returns the row to insert. */
  private async check(
    db: Db,
    ctx: RequestContext,
    p: PartnershipRef,
    plan: { id: number; start_year: number; end_year: number },
    input: CommitmentInput,
  ) {
    const partners = new Set(
      (
        await db
          .selectFrom('partnership_organisations')
          .select('organisation_id')
          .where('partnership_id', '=', p.id)
          .execute()
      ).map((r) => r.organisation_id),
    );
    if (!partners.has(input.organisation_id))
      throw ValidationError.field('organisation_id', 'Choose one of the partnership’s partners');
    if (!can(ctx.actor, 'progress:approve', p.id)) {
      const userId = actorUserId(ctx.actor);
      const own =
        userId === null
          ? null
          : (await db.selectFrom('users').select('organisation_id').where('id', '=', userId).executeTakeFirst())
              ?.organisation_id;
      if (own !== input.organisation_id)
        throw new ForbiddenError(
          'Partner officers record their own organisation’s commitments; a partnership manager records any partner’s.',
        );
    }
    const scope = { planId: plan.id, partnershipId: p.id };
    const priority = await planPriorities(db, scope)
      .select('pr.id')
      .where('pr.id', '=', input.priority_id)
      .executeTakeFirst();
    if (!priority) throw ValidationError.field('priority_id', 'Choose one of this plan’s priorities');
    if (input.plan_outcome_id !== undefined) {
      const o = await planOutcomes(db, scope)
        .select('o.id')
        .where('o.id', '=', input.plan_outcome_id)
        .where('o.priority_id', '=', priority.id)
        .executeTakeFirst();
      if (!o) throw ValidationError.field('plan_outcome_id', 'Choose a local outcome of that priority');
    }
    if (input.financial_year < plan.start_year || input.financial_year > plan.end_year) {
      throw ValidationError.field(
        'financial_year',
        `The plan runs from ${financialYearLabel(plan.start_year)} to ${financialYearLabel(plan.end_year)}`,
      );
    }
    return {
      plan_id: plan.id,
      organisation_id: input.organisation_id,
      priority_id: priority.id,
      plan_outcome_id: input.plan_outcome_id ?? null,
      financial_year: input.financial_year,
      money: input.money,
      fte: input.fte,
      in_kind: input.in_kind ?? null,
      arrangement: input.arrangement,
      prevention: input.prevention,
      note: input.note ?? null,
      created_by_user_id: actorUserId(ctx.actor),
      created_at: this.clock.now(),
    };
  }

  async add(ctx: RequestContext, p: PartnershipRef, planId: number, input: CommitmentInput) {
    authorize(ctx.actor, 'resource:commit', p.id);
    return tx(this.db, async (trx) => {
      const plan = await this.planOf(trx, p, planId);
      const row = await trx
        .insertInto('resource_commitments')
        .values(await this.check(trx, ctx, p, plan, input))
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'resource.commit',
        resourceType: 'resource_commitment',
        resourceId: row.id,
        after: row,
      });
      return row;
    });
  }

  /**
   * Import commitments from CSV or an Excel workbook: organisation, priority, financial_year, money,
   * fte, in_kind, arrangement, prevention (and optionally outcome, note), names as they appear in the
   * plan. All or nothing; every error names the file, row and column.
   */
  async importFile(ctx: RequestContext, p: PartnershipRef, planId: number, source: SourceFile, dryRun = false) {
    authorize(ctx.actor, 'resource:commit', p.id);
    const plan = await this.planOf(this.db, p, planId);
    // readTable refuses files past the limits and two columns with one name; readCsv, ragged rows too.
    const table = await readTable(source, this.limits);
    const header = table.header.map(headerKey);
    const required = ['organisation', 'priority', 'financial_year', 'arrangement', 'prevention'];
    const missing = required.filter((c) => !header.includes(c));
    if (!header.includes('money') && !header.includes('fte') && !header.includes('in_kind'))
      missing.push('money (or fte, or in_kind)');
    if (missing.length)
      throw new ImportError(
        table.file,
        `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${headerList(table.header)})`,
        table.headerRow,
      );
    const [orgs, priorities, outcomes] = await Promise.all([
      this.db
        .selectFrom('partnership_organisations as po')
        .innerJoin('organisations as o', 'o.id', 'po.organisation_id')
        .select(['o.id', 'o.name'])
        .where('po.partnership_id', '=', p.id)
        .execute(),
      planPriorities(this.db, { planId: plan.id, partnershipId: p.id }).select(['pr.id', 'pr.title']).execute(),
      planOutcomes(this.db, { planId: plan.id, partnershipId: p.id })
        .select(['o.id', 'o.title', 'o.priority_id'])
        .execute(),
    ]);
    const byName = <T extends { id: number }>(list: T[], name: (t: T) => string, text: string) =>
      list.find((x) => name(x).toLowerCase() === text.toLowerCase());
    const inputs: { row: number; input: CommitmentInput }[] = [];
    table.rows.forEach((r, i) => {
      const row = table.rowNumbers[i]!;
      const cell = (c: string) => (header.indexOf(c) >= 0 ? (r[header.indexOf(c)] ?? '').trim() : '');
      const fail = (column: string, problem: string): never => {
        throw new ImportError(table.file, problem, row, column);
      };
      const org =
        byName(orgs, (o) => o.name, cell('organisation')) ??
        fail('organisation', `“${shown(cell('organisation'))}” is not one of the partnership’s partners`);
      const priority =
        byName(priorities, (x) => x.title, cell('priority')) ??
        fail('priority', `“${shown(cell('priority'))}” is not a priority of this plan`);
      const outcomeText = cell('outcome');
      const outcome = outcomeText
        ? (byName(
            outcomes.filter((o) => o.priority_id === priority.id),
            (x) => x.title,
            outcomeText,
          ) ?? fail('outcome', `“${shown(outcomeText)}” is not a local outcome of “${priority.title}”`))
        : null;
      const parsed = CommitmentSchema.safeParse({
        organisation_id: org.id,
        priority_id: priority.id,
        plan_outcome_id: outcome?.id,
        financial_year: cell('financial_year'),
        money: cell('money'),
        fte: cell('fte') || '0',
        in_kind: cell('in_kind'),
        arrangement: cell('arrangement').toLowerCase(),
        prevention: cell('prevention')
          .toLowerCase()
          .replace(/[\s-]+/g, '_'),
        note: cell('note'),
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        fail(String(issue.path[0] ?? 'money'), issue.message);
      } else inputs.push({ row, input: parsed.data });
    });
    return tx(this.db, async (trx) => {
      const now = this.clock.now();
      const run = await trx
        .insertInto('import_runs')
        .values({
          kind: 'resource-commitments',
          file_name: source.name,
          checksum: checksum(source.content),
          bytes: source.content.length,
          rows_read: inputs.length,
          rows_loaded: inputs.length,
          rows_skipped: 0,
          summary: null,
          partnership_id: p.id,
          actor_user_id: actorUserId(ctx.actor),
          actor_label: actorLabel(ctx.actor),
          started_at: now,
          finished_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Importing a file again replaces what that file brought for the same partner, priority and year.
      for (const { row, input } of inputs) {
        let values;
        try {
          values = await this.check(trx, ctx, p, plan, input);
        } catch (e) {
          if (e instanceof ValidationError) {
            const [field, messages] = Object.entries(e.fields)[0] ?? ['', ['is not valid']];
            throw new ImportError(table.file, messages.join(' '), row, field);
          }
          if (e instanceof ForbiddenError) throw new ImportError(table.file, e.message, row, 'organisation');
          throw e;
        }
        await trx
          .deleteFrom('resource_commitments')
          .where('plan_id', '=', plan.id)
          .where('organisation_id', '=', input.organisation_id)
          .where('priority_id', '=', input.priority_id)
          .where('financial_year', '=', input.financial_year)
          .where('import_run_id', 'is not', null)
          .execute();
        await trx
          .insertInto('resource_commitments')
          .values({ ...values, import_run_id: run.id })
          .execute();
      }
      const summary = { file: source.name, rows: inputs.length, dryRun };
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'import.resource-commitments',
        resourceType: 'import_run',
        resourceId: run.id,
        after: summary,
      });
      if (dryRun) throw new DryRun(summary);
      return summary;
    }).catch((e: unknown) => {
      if (e instanceof DryRun) return e.summary;
      throw e;
    });
  }

  /** Every commitment of a plan, with names. */
  async list(ctx: RequestContext, p: PartnershipRef, planId: number) {
    authorize(ctx.actor, 'partnership:read', p.id);
    const plan = await this.planOf(this.db, p, planId);
    const rows = await planPriorities(this.db, { planId: plan.id, partnershipId: p.id })
      .innerJoin('resource_commitments as r', 'r.priority_id', 'pr.id')
      .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
      .leftJoin('plan_outcomes as po', 'po.id', 'r.plan_outcome_id')
      .select([
        'r.id',
        'r.financial_year',
        'r.money',
        'r.fte',
        'r.in_kind',
        'r.arrangement',
        'r.prevention',
        'r.note',
        'o.id as organisation_id',
        'o.name as organisation',
        'pr.title as priority',
        'po.title as outcome',
      ])
      .where('r.plan_id', '=', plan.id)
      .orderBy('r.financial_year')
      .orderBy('o.name')
      .orderBy('pr.sort_order')
      .orderBy('r.id')
      .execute();
    return { plan, rows: rows.map((r) => ({ ...r, money: Number(r.money), fte: Number(r.fte) })) };
  }

  /**
   * Audit Scotland's questions: what each partner commits to each priority, who has committed nothing,
   * and how the preventative share of the money moves year on year.
   */
  async summary(ctx: RequestContext, p: PartnershipRef, planId: number) {
    const { plan, rows } = await this.list(ctx, p, planId);
    const partners = await this.db
      .selectFrom('partnership_organisations as po')
      .innerJoin('organisations as o', 'o.id', 'po.organisation_id')
      .select(['o.id', 'o.name', 'po.kind'])
      .where('po.partnership_id', '=', p.id)
      .where('po.kind', 'in', ['statutory_partner', 'partner'])
      .orderBy('o.name')
      .execute();
    const years = [...new Set(rows.map((r) => r.financial_year))].sort();
    const byPartner = partners.map((o) => {
      const mine = rows.filter((r) => r.organisation_id === o.id);
      return {
        name: o.name,
        money: mine.reduce((a, r) => a + r.money, 0),
        fte: mine.reduce((a, r) => a + r.fte, 0),
        inKind: mine.filter((r) => r.in_kind).length,
        byYear: years.map((y) => mine.filter((r) => r.financial_year === y).reduce((a, r) => a + r.money, 0)),
      };
    });
    const byYear = years.map((y) => {
      const inYear = rows.filter((r) => r.financial_year === y);
      const money = inYear.reduce((a, r) => a + r.money, 0);
      const share = (k: (typeof PREVENTION)[number]) =>
        money > 0 ? inYear.filter((r) => r.prevention === k).reduce((a, r) => a + r.money, 0) / money : null;
      return {
        year: y,
        money,
        fte: inYear.reduce((a, r) => a + r.fte, 0),
        pooled: inYear.filter((r) => r.arrangement === 'pooled').reduce((a, r) => a + r.money, 0),
        preventative: share('preventative'),
        earlyIntervention: share('early_intervention'),
        reactive: share('reactive'),
      };
    });
    const priorities = [...new Set(rows.map((r) => r.priority))].map((title) => ({
      title,
      money: rows.filter((r) => r.priority === title).reduce((a, r) => a + r.money, 0),
      fte: rows.filter((r) => r.priority === title).reduce((a, r) => a + r.fte, 0),
    }));
    return {
      plan,
      rows,
      years,
      byPartner,
      nothing: byPartner.filter((x) => x.money === 0 && x.fte === 0 && x.inKind === 0).map((x) => x.name),
      byYear,
      priorities,
    };
  }
}

class DryRun extends Error {
  constructor(readonly summary: { file: string; rows: number; dryRun: boolean }) {
    super('dry run');
  }
}
