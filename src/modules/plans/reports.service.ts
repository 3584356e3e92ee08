import { actorUserId, authorize } from '../../core/access/actor.ts';
import { recordAudit } from '../../db/audit.ts';
import { readMethodParameters } from '../../core/rules/method-parameters.repository.ts';
import type { RequestContext } from '../../core/context.ts';
import { distinctKeys } from '../../core/keys.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import { todayIn, type Clock } from '../../core/time.ts';
import type { DeadlinesService } from '../deadlines/index.ts';
import type { Geography } from '../areas/index.ts';
import type { CommunityDirectory, RegistersService } from '../community/index.ts';
import { transaction, type PlansHandle } from './plans.repository.ts';
import type { PlansService } from './plans.service.ts';
import type { ProgressStatus } from './progress-status.ts';
import * as repo from './reports.repository.ts';
import type { ResourcesService } from './resources.service.ts';

/**
 * The annual progress report of section 8 of the Community Empowerment (Scotland) Act 2015: for a
 * partnership and a reporting year (1 April to 31 March), whether each local outcome of its published
 * plans improved (from the data), progress on each locality plan, the resources partners committed, and
 * the community participation of the year. Built from what Cairn holds; publishing freezes the figures
 * as a numbered version at a permanent address.
 */
export interface ReportMeasure {
  title: string;
  unit: string | null;
  higherIsBetter: boolean;
  latest: { year: number; value: number } | null;
  previous: { year: number; value: number } | null;
  /** Against the value before: better, the same, or worse (by the measure's polarity). */
  change: 'improved' | 'maintained' | 'worsened' | null;
  status: ProgressStatus | null;
  target: { year: number; value: number } | null;
}

export interface ReportContent {
  partnership: { code: string; name: string; fictional: boolean };
  year: number;
  yearLabel: string;
  period: { start: string; end: string };
  builtAt: string;
  plans: {
    id: number;
    kind: 'loip' | 'locality' | 'improvement';
    title: string;
    locality: string | null;
    outcomes: {
      priority: string;
      title: string;
      national: string[];
      measures: ReportMeasure[];
      /** Approved updates of the year on the outcome and its actions, newest first. */
      updates: { date: string; about: string; rag: 'red' | 'amber' | 'green'; narrative: string }[];
      actions: { title: string; lead: string; status: string; due: string | null; overdue: boolean }[];
    }[];
  }[];
  resources: {
    planTitle: string;
    money: number;
    fte: number;
    preventativeShare: number | null;
    byPartner: { name: string; money: number; fte: number }[];
    nothing: string[];
  } | null;
  participation: {
    participation: { label: string; count: number }[];
    assetTransfer: { label: string; count: number }[];
    bodiesInvolved: number;
  };
}

/**
 * What the annual report reads of other modules' tables, through their owners (issue #15, item 4): the plans'
 * localities' names, and how many community bodies the partnership involves.
 */
export interface ReportsReads {
  geography: Pick<Geography, 'areasByCodes'>;
  communityDirectory: Pick<CommunityDirectory, 'involvedBodyCount'>;
}

export class ReportsService {
  constructor(
    private readonly db: PlansHandle,
    private readonly clock: Clock,
    private readonly plans: PlansService,
    private readonly resources: ResourcesService,
    private readonly registers: RegistersService,
    private readonly deadlines: DeadlinesService,
    private readonly reads: ReportsReads,
  ) {}

  /** The report as it stands today, from live data (what publishing would freeze). */
  async build(ctx: RequestContext, p: PartnershipRef, year: number): Promise<ReportContent> {
    authorize(ctx.actor, 'partnership:read', p.id);
    if (!Number.isInteger(year) || year < 2016 || year > 2100)
      throw ValidationError.field('year', 'Give the year the reporting year starts in, e.g. 2026 for 2026/27');
    // A change smaller than this share of the earlier value counts as "maintained" (kept as data).
    const band = (await readMethodParameters(this.db, 'annual_report')).values.maintained_band;
    const span = await this.deadlines.yearSpan('annual-progress-report', year);
    const { start, end } = span;
    const covering = await repo.plansCovering(this.db, p.id, year);
    // The localities' names, from the geography in one lookup.
    const areas = await this.reads.geography.areasByCodes(distinctKeys(covering.map((x) => x.locality_code)));
    const plans = covering.map(({ locality_code, ...x }) => ({
      ...x,
      locality: locality_code === null ? null : (areas.get(locality_code)?.name ?? null),
    }));
    const content: ReportContent = {
      partnership: { code: p.code, name: p.name, fictional: p.fictional },
      year,
      yearLabel: span.label,
      period: { start, end },
      builtAt: this.clock.now().toISOString(),
      plans: [],
      resources: null,
      participation: { participation: [], assetTransfer: [], bodiesInvolved: 0 },
    };
    for (const plan of plans) {
      const t = await this.plans.tree(ctx, plan.id, p.id);
      content.plans.push({
        id: plan.id,
        kind: plan.kind,
        title: plan.title,
        locality: plan.locality,
        outcomes: t.priorities.flatMap((pr) =>
          pr.outcomes.map((o) => {
            const actionIds = new Set(o.actions.map((a) => a.id));
            const measureIds = new Set(o.measures.map((m) => m.id));
            return {
              priority: pr.title,
              title: o.title,
              national: o.national.map((n) => n.name),
              measures: o.measures.map((m): ReportMeasure => {
                // Values up to the end of the reporting year (data years are the years they begin).
                const upTo = m.values.filter((v) => v.year <= year);
                const latest = upTo.at(-1) ?? null;
                const previous = upTo.at(-2) ?? null;
                let change: ReportMeasure['change'] = null;
                if (latest && previous && previous.value !== 0) {
                  const rel = (latest.value - previous.value) / Math.abs(previous.value);
                  change = Math.abs(rel) < band ? 'maintained' : rel > 0 === m.higherIsBetter ? 'improved' : 'worsened';
                }
                const target = latest
                  ? (m.targets.find((x) => x.year >= latest.year) ?? m.targets.at(-1) ?? null)
                  : (m.targets[0] ?? null);
                return {
                  title: m.title,
                  unit: m.unit,
                  higherIsBetter: m.higherIsBetter,
                  latest: latest ? { year: latest.year, value: latest.value } : null,
                  previous: previous ? { year: previous.year, value: previous.value } : null,
                  change,
                  status: m.progress.status,
                  target,
                };
              }),
              updates: t.updates
                .filter((u) => u.approved && u.date >= start && u.date <= end)
                .filter(
                  (u) =>
                    (u.subjectKind === 'outcome' && u.subjectId === o.id) ||
                    (u.subjectKind === 'action' && actionIds.has(u.subjectId)) ||
                    (u.subjectKind === 'measure' && measureIds.has(u.subjectId)),
                )
                .map((u) => ({
                  date: u.date,
                  about:
                    u.subjectKind === 'outcome'
                      ? 'The outcome'
                      : u.subjectKind === 'measure'
                        ? (o.measures.find((m) => m.id === u.subjectId)?.title ?? '')
                        : (o.actions.find((a) => a.id === u.subjectId)?.title ?? ''),
                  rag: u.rag,
                  narrative: u.narrative,
                })),
              actions: o.actions.map((a) => ({
                title: a.title,
                lead: a.lead.name,
                status: a.status,
                due: a.dueDate,
                overdue: a.overdue,
              })),
            };
          }),
        ),
      });
    }
    const loip = plans.find((x) => x.kind === 'loip');
    if (loip) {
      const s = await this.resources.summary(ctx, p, loip.id);
      const y = s.byYear.find((x) => x.year === year);
      const inYear = s.rows.filter((r) => r.financial_year === year);
      const partners = [...new Set(inYear.map((r) => r.organisation))].sort();
      content.resources = {
        planTitle: loip.title,
        money: y?.money ?? 0,
        fte: y?.fte ?? 0,
        preventativeShare: y?.preventative ?? null,
        byPartner: partners.map((name) => ({
          name,
          money: inYear.filter((r) => r.organisation === name).reduce((a, r) => a + r.money, 0),
          fte: inYear.filter((r) => r.organisation === name).reduce((a, r) => a + r.fte, 0),
        })),
        nothing: s.byPartner.filter((b) => !inYear.some((r) => r.organisation === b.name)).map((b) => b.name),
      };
    }
    const pr = await this.registers.annualReport(ctx, p.code, 'participation', year);
    const atr = await this.registers.annualReport(ctx, p.code, 'asset_transfer', year);
    const totals = (lines: { group: string; label: string; count: number }[]) =>
      lines.filter((l) => l.group === 'Totals').map((l) => ({ label: l.label, count: l.count }));
    content.participation = {
      participation: totals(pr.lines),
      assetTransfer: totals(atr.lines),
      bodiesInvolved: await this.reads.communityDirectory.involvedBodyCount(p.id),
    };
    return content;
  }

  /** Freeze the report as the next version; it is public from then on at a permanent address. */
  async publish(ctx: RequestContext, p: PartnershipRef, year: number) {
    authorize(ctx.actor, 'plan:publish', p.id);
    const content = await this.build(ctx, p, year);
    if (content.plans.length === 0)
      throw ValidationError.field('year', `No published plan covers ${content.yearLabel}: publish the plan first`);
    return transaction(this.db, async (trx) => {
      const version = (await repo.lastVersion(trx, p.id, year)) + 1;
      const row = await repo.insertReport(trx, {
        partnership_id: p.id,
        year,
        version,
        content: JSON.stringify(content),
        published_at: this.clock.now(),
        published_by_user_id: actorUserId(ctx.actor),
      });
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'report.publish',
        resourceType: 'annual_report',
        resourceId: row.id,
        after: { year, version },
      });
      return row;
    });
  }

  /** Published reports of a partnership (anyone). */
  async published(ctx: RequestContext, partnershipId: number) {
    authorize(ctx.actor, 'plan:read');
    const rows = await repo.listReports(this.db, partnershipId);
    const out = [];
    for (const r of rows)
      out.push({ ...r, label: (await this.deadlines.yearSpan('annual-progress-report', r.year)).label });
    return out;
  }

  /**
   * The reporting years a partnership reports on, newest first: from the first year of its earliest plan
   * to the year in progress, each with its dates and latest published version.
   */
  async years(ctx: RequestContext, p: PartnershipRef) {
    authorize(ctx.actor, 'partnership:read', p.id);
    const today = todayIn(this.clock);
    const current = await this.deadlines.yearOf('annual-progress-report', today);
    const first = await repo.firstPlanYear(this.db, p.id);
    const from = Math.max(current - 14, Math.min(current, Number(first ?? current)));
    const published = await this.published(ctx, p.id);
    const years = [];
    for (let year = current; year >= from; year--) {
      const span = await this.deadlines.yearSpan('annual-progress-report', year);
      const versions = published.filter((v) => v.year === year);
      years.push({
        year,
        ...span,
        latest: versions[0] ?? null,
        versions: versions.length,
        inProgress: year === current,
      });
    }
    return { current, years };
  }

  /** A published version (the latest when none is named): frozen, as it was published. */
  async frozen(ctx: RequestContext, partnershipId: number, year: number, version?: number) {
    authorize(ctx.actor, 'plan:read');
    const row = await repo.findReport(this.db, partnershipId, year, version);
    if (!row) throw new NotFoundError('report');
    return { content: row.content as ReportContent, version: row.version, publishedAt: row.published_at };
  }
}
