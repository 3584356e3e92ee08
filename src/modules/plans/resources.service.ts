import { actorLabel, actorUserId, authorize, can } from '../../core/access/actor.ts';
import { recordAudit } from '../../db/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { Clock } from '../../core/time.ts';
import { financialYearLabel } from '../../core/periods.ts';
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
import type { PeopleDirectory } from '../accounts/index.ts';
import type { ImportsService } from '../imports/index.ts';
import type { PartnershipDirectory } from '../partnerships/index.ts';
import { findPlan, findPriority, transaction, type PlansDb, type PlansHandle } from './plans.repository.ts';
import * as repo from './resources.repository.ts';
import { CommitmentSchema, type CommitmentInput, type PREVENTION } from './resources.schemas.ts';

type Db = PlansDb;

/**
 * What resources read and write of other modules' tables, through their owners (issue #15, item 4): the
 * partnership's partners and their names, the organisation a user works for, and the record of an imported file.
 */
export interface ResourcesReads {
  directory: Pick<PartnershipDirectory, 'partnerOrganisations' | 'organisationsByIds'>;
  people: Pick<PeopleDirectory, 'usersByIds'>;
  imports: Pick<ImportsService, 'recordRun'>;
}

export class ResourcesService {
  constructor(
    private readonly db: PlansHandle,
    private readonly clock: Clock,
    /** What an imported file is read under (config.imports). */
    private readonly limits: ImportLimits,
    private readonly reads: ResourcesReads,
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
    const partners = new Set((await this.reads.directory.partnerOrganisations(p.id, db)).map((o) => o.id));
    if (!partners.has(input.organisation_id))
      throw ValidationError.field('organisation_id', 'Choose one of the partnership’s partners');
    if (!can(ctx.actor, 'progress:approve', p.id)) {
      const userId = actorUserId(ctx.actor);
      const own =
        userId === null ? null : (await this.reads.people.usersByIds([userId], db)).get(userId)?.organisation_id;
      if (own !== input.organisation_id)
        throw new ForbiddenError(
          'Partner officers record their own organisation’s commitments; a partnership manager records any partner’s.',
        );
    }
    const scope = { planId: plan.id, partnershipId: p.id };
    const priority = await findPriority(db, scope, input.priority_id);
    if (!priority) throw ValidationError.field('priority_id', 'Choose one of this plan’s priorities');
    if (input.plan_outcome_id !== undefined) {
      const o = await repo.findOutcomeOfPriority(db, scope, input.plan_outcome_id, priority.id);
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
    return transaction(this.db, async (trx) => {
      const plan = await this.planOf(trx, p, planId);
      const row = await repo.insertCommitment(trx, await this.check(trx, ctx, p, plan, input));
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
    const scope = { planId: plan.id, partnershipId: p.id };
    const [orgs, [priorities, outcomes]] = await Promise.all([
      this.reads.directory.partnerOrganisations(p.id),
      repo.planTitles(this.db, scope),
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
    return transaction(this.db, async (trx) => {
      const now = this.clock.now();
      const runId = await this.reads.imports.recordRun(trx, {
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
      });
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
        await repo.deleteImportedCommitments(trx, scope, input);
        await repo.insertImportedCommitment(trx, { ...values, import_run_id: runId });
      }
      const summary = { file: source.name, rows: inputs.length, dryRun };
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'import.resource-commitments',
        resourceType: 'import_run',
        resourceId: runId,
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
    const commitments = await repo.listCommitments(this.db, { planId: plan.id, partnershipId: p.id });
    // The partners' names, in one lookup; then by year, partner's name, priority and id, as before.
    const names = await this.reads.directory.organisationsByIds(commitments.map((r) => r.organisation_id));
    const rows = commitments
      .flatMap(({ priority, outcome, ...r }) => {
        const org = names.get(r.organisation_id);
        return org ? [{ ...r, organisation: org.name, priority, outcome }] : [];
      })
      .sort((a, b) => a.financial_year - b.financial_year || a.organisation.localeCompare(b.organisation));
    return { plan, rows: rows.map((r) => ({ ...r, money: Number(r.money), fte: Number(r.fte) })) };
  }

  /**
   * Audit Scotland's questions: what each partner commits to each priority, who has committed nothing,
   * and how the preventative share of the money moves year on year.
   */
  async summary(ctx: RequestContext, p: PartnershipRef, planId: number) {
    const { plan, rows } = await this.list(ctx, p, planId);
    // The partners expected to commit: statutory and other partners, by name.
    const partners = (await this.reads.directory.partnerOrganisations(p.id)).filter(
      (o) => o.kind === 'statutory_partner' || o.kind === 'partner',
    );
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
