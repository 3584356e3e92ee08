import { actorUserId, authorize, can } from '../../core/access/actor.ts';
import { recordAudit } from '../../db/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { Clock } from '../../core/time.ts';
import type { CaseStudyStatus } from '../../db/schema-case-studies.ts';
import type { Geography } from '../areas/index.ts';
import type { IndicatorCatalogue, OutcomesService } from '../outcomes/index.ts';
import type { PartnershipDirectory } from '../partnerships/index.ts';
import type { CaseStudyInput, DocumentInput, MeasureInput, SearchInput } from './case-studies-schemas.ts';
import {
  CASE_STUDY_STATUS_LABELS,
  EDITABLE,
  findCaseStudyTransition,
  type CaseStudyAction,
} from './case-studies-workflow.ts';
import {
  CaseStudiesRepository,
  HEADLINE_START,
  HEADLINE_STOP,
  type CaseStudiesDb,
  type CaseStudySummaryRow,
} from './case-studies.repository.ts';

const PAST: Record<CaseStudyAction, string> = { submit: 'submitted', publish: 'published', return: 'returned' };

/** The open transaction an audit row is written in (and a lookup inside the transaction reads in). */
type AuditDb = Parameters<typeof recordAudit>[0];

/** A summary row with its partnership's code, name and fictional flag and its theme's name, from their owners. */
type NamedSummaryRow<R extends CaseStudySummaryRow> = R & {
  partnership_code: string;
  partnership_name: string;
  partnership_fictional: boolean;
  theme_name: string;
};

/** What the good-practice library reads of other modules' tables, through their owners. */
export interface CaseStudiesDirectories {
  /** Partnerships' names and codes, and a partnership by its code (the search's filter). */
  partnerships: Pick<PartnershipDirectory, 'partnershipsByIds' | 'partnershipsByCodes'>;
  /** Themes (the national outcomes), the indicators a measure may use, and their observations. */
  catalogue: Pick<
    IndicatorCatalogue,
    'nationalOutcomes' | 'indicatorChoices' | 'indicatorOpenTo' | 'indicatorsByCodes' | 'observationsInPeriods'
  >;
  /** The areas a measure's figures are of. */
  geography: Pick<Geography, 'areasByCodes'>;
}

export interface CaseStudyMeasureView {
  id: number;
  title: string;
  indicatorCode: string | null;
  indicatorName: string | null;
  areaCode: string | null;
  areaName: string | null;
  unit: string | null;
  higherIsBetter: boolean | null;
  beforePeriod: string;
  afterPeriod: string;
  before: number | null;
  after: number | null;
  /** Where the figures come from: Cairn's outcomes data (the indicator's source) or the partnership. */
  fromCairn: boolean;
  source: string | null;
  change: number | null;
  direction: 'improved' | 'worsened' | 'no_change' | null;
  /** Why a figure is missing (a period with no value in the data). */
  missing: string | null;
}

export interface CaseStudySummary {
  id: number;
  partnershipId: number;
  partnershipCode: string;
  partnershipName: string;
  fictional: boolean;
  title: string;
  summary: string;
  themeCode: string;
  themeName: string;
  status: CaseStudyStatus;
  returnReason: string | null;
  submittedAt: Date | null;
  publishedAt: Date | null;
  updatedAt: Date;
}

export interface CaseStudyDetail extends CaseStudySummary {
  body: string;
  contact: string;
  createdAt: Date;
  criteria: { id: number; code: string; title: string }[];
  measures: CaseStudyMeasureView[];
  documents: { id: number; title: string; url: string }[];
}

/** A piece of a search snippet: text, and whether it matched the query. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit extends CaseStudySummary {
  rank: number;
  snippet: SnippetPart[] | null;
}

/**
 * A search headline split at the markers ts_headline put around matched words (case-studies.repository.ts):
 * plain-text parts, which the page escapes like any text and wraps in <mark>. It is never used as HTML.
 */
const START = HEADLINE_START;
const STOP = HEADLINE_STOP;

export function snippetParts(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  for (const piece of headline.split(new RegExp(`([${START}${STOP}])`))) {
    if (piece === START) match = true;
    else if (piece === STOP) match = false;
    else if (piece) parts.push({ text: piece, match });
  }
  return parts;
}

/** Improved, worsened or unchanged, by the indicator's polarity; null when polarity or a value is unknown. */
export function directionOf(
  before: number | null,
  after: number | null,
  higherIsBetter: boolean | null,
): CaseStudyMeasureView['direction'] {
  if (before === null || after === null || higherIsBetter === null) return null;
  if (after === before) return 'no_change';
  return after > before === higherIsBetter ? 'improved' : 'worsened';
}

/**
 * The good-practice library: a partnership's case studies, written in draft and submitted; national
 * analysts publish or return them; the public reads and searches what is published.
 */
export class CaseStudiesService {
  private readonly repo: CaseStudiesRepository;

  constructor(
    db: CaseStudiesDb,
    readonly clock: Clock,
    readonly outcomes: OutcomesService,
    private readonly directories: CaseStudiesDirectories,
  ) {
    this.repo = new CaseStudiesRepository(db);
  }

  /**
   * The rows with their partnership's code and name and their theme's name, in one lookup each; a row whose
   * partnership or theme is not found is left out (as the join it replaces did).
   */
  private async named<R extends CaseStudySummaryRow>(rows: R[], db?: AuditDb): Promise<NamedSummaryRow<R>[]> {
    if (!rows.length) return [];
    const [partnerships, themes] = await Promise.all([
      this.directories.partnerships.partnershipsByIds(
        rows.map((r) => r.partnership_id),
        db,
      ),
      this.directories.catalogue.nationalOutcomes(db),
    ]);
    const themeNames = new Map(themes.map((t) => [t.code, t.name]));
    return rows.flatMap((r) => {
      const p = partnerships.get(r.partnership_id);
      const theme = themeNames.get(r.theme_code);
      if (!p || theme === undefined) return [];
      return [
        {
          ...r,
          partnership_code: p.code,
          partnership_name: p.name,
          partnership_fictional: p.fictional,
          theme_name: theme,
        },
      ];
    });
  }

  private static toSummary(r: NamedSummaryRow<CaseStudySummaryRow>): CaseStudySummary {
    return {
      id: r.id,
      partnershipId: r.partnership_id,
      partnershipCode: r.partnership_code,
      partnershipName: r.partnership_name,
      fictional: r.fictional || r.partnership_fictional,
      title: r.title,
      summary: r.summary,
      themeCode: r.theme_code,
      themeName: r.theme_name,
      status: r.status,
      returnReason: r.return_reason,
      submittedAt: r.submitted_at,
      publishedAt: r.published_at,
      updatedAt: r.updated_at,
    };
  }

  /** The themes a case study may have: the national outcomes. */
  async themes() {
    return this.directories.catalogue.nationalOutcomes();
  }

  /** The principles of effective community planning a case study may show. */
  principles() {
    return this.repo.principles();
  }

  /** Indicators a measure may use: national ones and the partnership's own. */
  async indicators(p: PartnershipRef) {
    return this.directories.catalogue.indicatorChoices(p.id);
  }

  // ---- The partnership's own

  async listOwn(ctx: RequestContext, p: PartnershipRef): Promise<CaseStudySummary[]> {
    authorize(ctx.actor, 'improvement:read', p.id);
    const rows = await this.named(await this.repo.listOfPartnership(p.id));
    return rows.map(CaseStudiesService.toSummary);
  }

  async ownDetail(ctx: RequestContext, p: PartnershipRef, id: number): Promise<CaseStudyDetail> {
    authorize(ctx.actor, 'improvement:read', p.id);
    const found = await this.detailOf(id, p.id);
    if (!found) throw new NotFoundError('case study');
    return found;
  }

  private async checkInput(repo: CaseStudiesRepository, trx: AuditDb, input: CaseStudyInput): Promise<void> {
    const errors: Record<string, string[]> = {};
    const themes = await this.directories.catalogue.nationalOutcomes(trx);
    if (!themes.some((t) => t.code === input.theme_code))
      errors['theme_code'] = ['Choose one of the national outcomes as the theme'];
    if (!(await repo.arePrinciples(input.criteria.map(Number))))
      errors['criteria'] = ['Choose principles from the list'];
    if (Object.keys(errors).length) throw new ValidationError(errors);
  }

  private async setCriteria(repo: CaseStudiesRepository, id: number, criteria: string[]) {
    await repo.replaceCriteria(id, [...new Set(criteria.map(Number))]);
  }

  async create(ctx: RequestContext, p: PartnershipRef, input: CaseStudyInput): Promise<{ id: number; title: string }> {
    authorize(ctx.actor, 'case-study:edit', p.id);
    return this.repo.transaction(async (repo, trx) => {
      await this.checkInput(repo, trx, input);
      const now = this.clock.now();
      const row = await repo.insertCaseStudy({
        partnership_id: p.id,
        title: input.title,
        summary: input.summary,
        body: input.body,
        theme_code: input.theme_code,
        contact: input.contact,
        status: 'draft',
        fictional: p.fictional,
        created_by_user_id: actorUserId(ctx.actor),
        created_at: now,
        updated_at: now,
      });
      await this.setCriteria(repo, row.id, input.criteria);
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'case-study.create',
        resourceType: 'case_study',
        resourceId: row.id,
        after: { ...input, status: 'draft' },
      });
      return row;
    });
  }

  /** A case study of the partnership that may be changed now (draft or returned), locked for the change. */
  private async editable(repo: CaseStudiesRepository, ctx: RequestContext, p: PartnershipRef, id: number) {
    authorize(ctx.actor, 'case-study:edit', p.id);
    const row = await repo.lockCaseStudy(id, p.id);
    if (!row) throw new NotFoundError('case study');
    if (!EDITABLE.includes(row.status))
      throw new ConflictError('This case study is submitted or published: it can no longer be changed.');
    return row;
  }

  async update(ctx: RequestContext, p: PartnershipRef, id: number, input: CaseStudyInput): Promise<void> {
    authorize(ctx.actor, 'case-study:edit', p.id);
    await this.repo.transaction(async (repo, trx) => {
      const before = await this.editable(repo, ctx, p, id);
      await this.checkInput(repo, trx, input);
      await repo.updateCaseStudy(id, p.id, {
        title: input.title,
        summary: input.summary,
        body: input.body,
        theme_code: input.theme_code,
        contact: input.contact,
        updated_at: this.clock.now(),
      });
      await this.setCriteria(repo, id, input.criteria);
      const { search: _search, ...plain } = before;
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'case-study.update',
        resourceType: 'case_study',
        resourceId: id,
        before: plain,
        after: input,
      });
    });
  }

  async addMeasure(ctx: RequestContext, p: PartnershipRef, id: number, input: MeasureInput): Promise<{ id: number }> {
    authorize(ctx.actor, 'case-study:edit', p.id);
    return this.repo.transaction(async (repo, trx) => {
      await this.editable(repo, ctx, p, id);
      if (input.indicator_code) {
        const errors: Record<string, string[]> = {};
        const indicator = await this.directories.catalogue.indicatorOpenTo(input.indicator_code, p.id, trx);
        if (!indicator) errors['indicator_code'] = ['Choose an indicator from the list'];
        const area = (await this.directories.geography.areasByCodes([input.area_code!], trx)).get(input.area_code!);
        if (!area) errors['area_code'] = ['Enter the code of an area Cairn knows, like S12000036'];
        if (indicator && area) {
          const found = await this.directories.catalogue.observationsInPeriods(
            [
              {
                indicator_code: input.indicator_code,
                area_code: input.area_code!,
                periods: [input.before_period, input.after_period],
              },
            ],
            trx,
          );
          const have = new Set(found.map((r) => r.period_label));
          for (const k of ['before_period', 'after_period'] as const)
            if (!have.has(input[k]))
              errors[k] = [
                `Cairn has no value of this indicator for this area in ${input[k]}: enter a period as the data labels it`,
              ];
        }
        if (Object.keys(errors).length) throw new ValidationError(errors);
      }
      const row = await repo.insertMeasure({
        case_study_id: id,
        title: input.title,
        indicator_code: input.indicator_code ?? null,
        area_code: input.indicator_code ? input.area_code! : null,
        before_period: input.before_period,
        after_period: input.after_period,
        before_value: input.indicator_code ? null : input.before_value!,
        after_value: input.indicator_code ? null : input.after_value!,
        unit: input.unit ?? null,
        higher_is_better: input.indicator_code ? null : input.higher_is_better!,
        source: input.indicator_code ? null : input.source!,
        created_at: this.clock.now(),
      });
      await repo.updateCaseStudy(id, p.id, { updated_at: this.clock.now() });
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'case-study.measure-add',
        resourceType: 'case_study',
        resourceId: id,
        after: { measure_id: row.id, ...input },
      });
      return row;
    });
  }

  async removeMeasure(ctx: RequestContext, p: PartnershipRef, id: number, measureId: number): Promise<void> {
    authorize(ctx.actor, 'case-study:edit', p.id);
    await this.repo.transaction(async (repo, trx) => {
      await this.editable(repo, ctx, p, id);
      const gone = await repo.deleteMeasure(id, measureId);
      if (!gone) throw new NotFoundError('measure');
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'case-study.measure-remove',
        resourceType: 'case_study',
        resourceId: id,
        before: gone,
      });
    });
  }

  async addDocument(ctx: RequestContext, p: PartnershipRef, id: number, input: DocumentInput): Promise<{ id: number }> {
    authorize(ctx.actor, 'case-study:edit', p.id);
    return this.repo.transaction(async (repo, trx) => {
      await this.editable(repo, ctx, p, id);
      const row = await repo.insertDocument({
        case_study_id: id,
        title: input.title,
        url: input.url,
        created_at: this.clock.now(),
      });
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'case-study.document-add',
        resourceType: 'case_study',
        resourceId: id,
        after: { document_id: row.id, ...input },
      });
      return row;
    });
  }

  async removeDocument(ctx: RequestContext, p: PartnershipRef, id: number, documentId: number): Promise<void> {
    authorize(ctx.actor, 'case-study:edit', p.id);
    await this.repo.transaction(async (repo, trx) => {
      await this.editable(repo, ctx, p, id);
      const gone = await repo.deleteDocument(id, documentId);
      if (!gone) throw new NotFoundError('document');
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'case-study.document-remove',
        resourceType: 'case_study',
        resourceId: id,
        before: gone,
      });
    });
  }

  /** Take one step of the workflow; refused (409) unless CASE_STUDY_TRANSITIONS allows it from the current status. */
  private async transition(
    repo: CaseStudiesRepository,
    trx: AuditDb,
    ctx: RequestContext,
    row: { id: number; partnership_id: number; status: CaseStudyStatus },
    action: CaseStudyAction,
    reason?: string,
  ) {
    const t = findCaseStudyTransition(action, row.status);
    if (!t)
      throw new ConflictError(
        `A case study that is ${CASE_STUDY_STATUS_LABELS[row.status].toLowerCase()} cannot be ${PAST[action]}.`,
      );
    authorize(ctx.actor, t.permission, row.partnership_id);
    const now = this.clock.now();
    await repo.updateCaseStudy(row.id, row.partnership_id, {
      status: t.to,
      updated_at: now,
      ...(t.to === 'submitted' ? { submitted_at: now, return_reason: null } : {}),
      ...(t.to === 'published' ? { published_at: now, published_by_user_id: actorUserId(ctx.actor) } : {}),
      ...(t.to === 'returned' ? { return_reason: reason ?? null } : {}),
    });
    await recordAudit(trx, ctx, this.clock, {
      partnershipId: row.partnership_id,
      action: `case-study.${action}`,
      resourceType: 'case_study',
      resourceId: row.id,
      before: { status: row.status },
      after: { status: t.to, ...(reason ? { reason } : {}) },
    });
  }

  async submit(ctx: RequestContext, p: PartnershipRef, id: number): Promise<void> {
    authorize(ctx.actor, 'case-study:edit', p.id);
    await this.repo.transaction(async (repo, trx) => {
      const row = await repo.lockStatus(id, p.id);
      if (!row) throw new NotFoundError('case study');
      await this.transition(repo, trx, ctx, row, 'submit');
    });
  }

  // ---- National review

  async queue(ctx: RequestContext): Promise<CaseStudySummary[]> {
    authorize(ctx.actor, 'case-study:publish');
    const rows = await this.named(await this.repo.submitted());
    return rows.map(CaseStudiesService.toSummary);
  }

  /** A case study for review: anything a partnership has submitted at least once (never a draft that was not). */
  async reviewDetail(ctx: RequestContext, id: number): Promise<CaseStudyDetail> {
    authorize(ctx.actor, 'case-study:publish');
    const found = await this.detailOf(id, null);
    if (!found || found.status === 'draft') throw new NotFoundError('case study');
    return found;
  }

  async decide(
    ctx: RequestContext,
    id: number,
    action: 'publish' | 'return',
    reason?: string,
  ): Promise<CaseStudySummary> {
    authorize(ctx.actor, 'case-study:publish');
    return this.repo.transaction(async (repo, trx) => {
      const row = await repo.lockStatus(id, null);
      if (!row || row.status === 'draft') throw new NotFoundError('case study');
      await this.transition(repo, trx, ctx, row, action, reason);
      const [after] = await this.named([await repo.findSummary(id)], trx);
      return CaseStudiesService.toSummary(after!);
    });
  }

  // ---- Public

  /** A published case study; anything else is "not found" here, whoever asks. */
  async published(ctx: RequestContext, id: number): Promise<CaseStudyDetail> {
    authorize(ctx.actor, 'case-study:read');
    const found = await this.detailOf(id, null);
    if (!found || found.status !== 'published') throw new NotFoundError('case study');
    return found;
  }

  /**
   * Full-text search of the published case studies (PostgreSQL's English configuration, so "communities"
   * finds "community"), ranked with title matches first (weights A, B, C for title, summary, body),
   * filtered by theme, principle and partnership. Without words: the newest first.
   */
  async search(ctx: RequestContext, input: SearchInput): Promise<SearchHit[]> {
    authorize(ctx.actor, 'case-study:read');
    const { partnership, ...rest } = input;
    const partnershipId = partnership
      ? ((await this.directories.partnerships.partnershipsByCodes([partnership])).get(partnership)?.id ?? null)
      : undefined;
    const rows = await this.named(await this.repo.searchPublished({ ...rest, partnershipId }));
    return rows.map((r) => ({
      ...CaseStudiesService.toSummary(r),
      rank: Number(r.rank),
      snippet: r.headline ? snippetParts(r.headline) : null,
    }));
  }

  /** Partnerships with at least one published case study (for the filter). */
  async publishingPartnerships(): Promise<{ code: string; name: string }[]> {
    const ids = await this.repo.publishingPartnershipIds();
    const partnerships = await this.directories.partnerships.partnershipsByIds(ids);
    return [...partnerships.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => ({ code: p.code, name: p.name }));
  }

  // ---- Reading one

  /** One case study with everything it shows; inside the partnership when `partnershipId` is given. */
  private async detailOf(id: number, partnershipId: number | null): Promise<CaseStudyDetail | null> {
    if (id <= 0) return null;
    const found = await this.repo.findDetail(id, partnershipId);
    const [row] = found ? await this.named([found]) : [];
    if (!row) return null;
    const [criteria, measures, documents] = await Promise.all([
      this.repo.criteriaOf(id, partnershipId),
      this.measuresOf(id, partnershipId),
      this.repo.documentsOf(id, partnershipId),
    ]);
    return {
      ...CaseStudiesService.toSummary(row),
      body: row.body,
      contact: row.contact,
      createdAt: row.created_at,
      criteria,
      measures,
      documents,
    };
  }

  /** Each measure with its before and after figures: from observations for an indicator, else the partnership's own. */
  private async measuresOf(id: number, partnershipId: number | null): Promise<CaseStudyMeasureView[]> {
    const measures = await this.repo.measuresOf(id, partnershipId);
    const withIndicator = measures.filter((r) => r.indicator_code);
    const [indicators, areas, observations] = await Promise.all([
      this.directories.catalogue.indicatorsByCodes(withIndicator.map((r) => r.indicator_code!)),
      this.directories.geography.areasByCodes(measures.flatMap((r) => (r.area_code === null ? [] : [r.area_code]))),
      this.directories.catalogue.observationsInPeriods(
        withIndicator.map((r) => ({
          indicator_code: r.indicator_code!,
          area_code: r.area_code!,
          periods: [r.before_period, r.after_period],
        })),
      ),
    ]);
    const rows = measures.map((r) => {
      const i = r.indicator_code === null ? undefined : indicators.get(r.indicator_code);
      const a = r.area_code === null ? undefined : areas.get(r.area_code);
      return {
        ...r,
        indicator_name: i?.name ?? null,
        indicator_unit: i?.unit ?? null,
        indicator_hib: i?.higher_is_better ?? null,
        indicator_source: i?.source ?? null,
        area_name: a?.name ?? null,
        area_fictional: a?.fictional ?? null,
      };
    });
    const valueOf = (indicator: string, area: string, period: string) => {
      const o = observations.find(
        (x) => x.indicator_code === indicator && x.area_code === area && x.period_label === period,
      );
      return o ? Number(o.value) : null;
    };
    return rows.map((r) => {
      const fromCairn = r.indicator_code !== null;
      const before = fromCairn ? valueOf(r.indicator_code!, r.area_code!, r.before_period) : Number(r.before_value);
      const after = fromCairn ? valueOf(r.indicator_code!, r.area_code!, r.after_period) : Number(r.after_value);
      const higherIsBetter = fromCairn ? r.indicator_hib : r.higher_is_better;
      const missing = [before === null ? r.before_period : null, after === null ? r.after_period : null].filter(
        Boolean,
      );
      return {
        id: r.id,
        title: r.title,
        indicatorCode: r.indicator_code,
        indicatorName: r.indicator_name,
        areaCode: r.area_code,
        areaName: r.area_name,
        unit: r.unit ?? r.indicator_unit,
        higherIsBetter,
        beforePeriod: r.before_period,
        afterPeriod: r.after_period,
        before,
        after,
        fromCairn,
        // A fictional (demo) area's values are fictional whatever the indicator's own source.
        source: fromCairn
          ? r.area_fictional
            ? 'Fictional values for the fictional demo area'
            : r.indicator_source
          : r.source,
        change: before !== null && after !== null ? after - before : null,
        direction: directionOf(before, after, higherIsBetter),
        missing: missing.length ? `No value in the outcomes data for ${missing.join(' and ')}` : null,
      };
    });
  }

  /** May the actor see this partnership's unpublished case studies? */
  canSeeDrafts(ctx: RequestContext, partnershipId: number): boolean {
    return can(ctx.actor, 'improvement:read', partnershipId);
  }
}
