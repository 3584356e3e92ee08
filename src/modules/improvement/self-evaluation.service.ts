import type { z } from 'zod';
import { actorUserId, authorize, can } from '../../core/access/actor.ts';
import { recordAudit } from '../../db/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import { distinctKeys } from '../../core/keys.ts';
import {
  ConflictError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
  type FieldErrors,
} from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import { todayIn, type Clock } from '../../core/time.ts';
import type { PeopleDirectory } from '../accounts/index.ts';
import type { CommunityDirectory } from '../community/index.ts';
import type { PartnershipDirectory } from '../partnerships/index.ts';
import {
  lines,
  type BodyViewSchema,
  type FrameworkSchema,
  type PartnerViewSchema,
  type ScoresSchema,
  type StartEvaluationSchema,
} from './self-evaluation-schemas.ts';
import { mean, spreadOf, type Spread } from './self-evaluation-stats.ts';
import { PRINCIPLES_FRAMEWORK, SelfEvaluationRepository, type SelfEvaluationDb } from './self-evaluation.repository.ts';

/** The national framework: the nine principles of effective community planning (migration 0020). */

export interface Framework {
  id: number;
  code: string;
  name: string;
  description: string | null;
  /** null: national; set: the partnership's own. */
  partnershipId: number | null;
  source: string;
  levels: { score: number; label: string }[];
  criteria: { id: number; code: string; title: string; position: number }[];
}

export interface EvaluationView {
  id: number;
  criterionId: number | null;
  view: string;
  score: number | null;
  /** The partner organisation or community body the view speaks for. */
  speaksFor: string;
  kind: 'partner' | 'community_body';
  author: string;
  createdAt: Date;
}

export interface Evaluation {
  id: number;
  partnershipId: number;
  year: number;
  status: 'draft' | 'published';
  publishedAt: Date | null;
  publishedBy: string | null;
  framework: Framework;
  scores: Map<number, { score: number; evidence: string; scoredBy: string | null; updatedAt: Date }>;
  views: EvaluationView[];
}

export interface SpreadRow {
  criterion: { id: number; code: string; title: string };
  spread: Spread;
  published: number;
  drafts: number;
  /** How many partnerships scored at each scale level, lowest first. */
  atLevel: { score: number; label: string; count: number }[];
}

/**
 * What self-evaluation reads of other modules, each from its owner: who scored, published and gave views
 * (accounts), the partnership's partner organisations and the partnerships of the national spread
 * (partnerships), and the community bodies that speak (community).
 */
export interface SelfEvaluationLookups {
  people: Pick<PeopleDirectory, 'usersByIds'>;
  directory: Pick<PartnershipDirectory, 'partnershipsByIds' | 'organisationsByIds' | 'partnerOrganisations'>;
  communityDirectory: Pick<CommunityDirectory, 'bodyOfMember' | 'bodiesByIds'>;
}

/** The open transaction an audit row is written in. */
type AuditDb = Parameters<typeof recordAudit>[0];

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 60) || 'item';

export class SelfEvaluationService {
  private readonly repo: SelfEvaluationRepository;

  constructor(
    db: SelfEvaluationDb,
    readonly clock: Clock,
    private readonly lookups: SelfEvaluationLookups,
  ) {
    this.repo = new SelfEvaluationRepository(db);
  }

  /** The calendar year of today in Scotland: the year community bodies give their views on. */
  currentYear(): number {
    return Number(todayIn(this.clock).slice(0, 4));
  }

  private async framework(repo: SelfEvaluationRepository, id: number): Promise<Framework | null> {
    const f = await repo.findFramework(id);
    if (!f) return null;
    const [levels, criteria] = await Promise.all([repo.scaleLevels(id), repo.criteria(id)]);
    return {
      id: f.id,
      code: f.code,
      name: f.name,
      description: f.description,
      partnershipId: f.partnership_id,
      source: f.source,
      levels,
      criteria,
    };
  }

  /** A framework the partnership may use (national, or its own), by id or code; null when it may not. */
  private async usable(
    repo: SelfEvaluationRepository,
    partnershipId: number,
    key: { id: number } | { code: string },
  ): Promise<Framework | null> {
    const id = await repo.usableFrameworkId(partnershipId, key);
    return id === undefined ? null : this.framework(repo, id);
  }

  /** The frameworks a partnership may score itself against: the national ones and its own. */
  async frameworks(ctx: RequestContext, p: PartnershipRef): Promise<Framework[]> {
    authorize(ctx.actor, 'improvement:read', p.id);
    const rows = await this.repo.usableFrameworkIds(p.id);
    return (await Promise.all(rows.map((r) => this.framework(this.repo, r.id)))).filter(
      (f): f is Framework => f !== null,
    );
  }

  /** The partnership's self-evaluations, drafts included, newest year first, with how far each is scored. */
  async list(ctx: RequestContext, p: PartnershipRef) {
    authorize(ctx.actor, 'improvement:read', p.id);
    const rows = await this.repo.listEvaluations(p.id);
    return rows.map((r) => ({
      ...r,
      criteria: Number(r.criteria),
      scored: Number(r.scored),
      views: Number(r.views),
      mean: r.mean === null ? null : Number(r.mean),
    }));
  }

  private async load(
    repo: SelfEvaluationRepository,
    evaluationId: number,
    partnershipId: number,
  ): Promise<Evaluation | null> {
    const e = await repo.findEvaluation(evaluationId, partnershipId);
    if (!e) return null;
    const framework = (await this.framework(repo, e.framework_id))!;
    const [scores, viewRows] = await Promise.all([repo.scores(e.id, partnershipId), repo.views(e.id, partnershipId)]);
    // The names beside the rows, from their owners, over the repository's handle (its transaction, if any).
    const [people, organisations, bodies] = await Promise.all([
      this.lookups.people.usersByIds(
        distinctKeys([e.published_by, ...scores.map((s) => s.scored_by), ...viewRows.map((v) => v.author_user_id)]),
        repo.handle,
      ),
      this.lookups.directory.organisationsByIds(distinctKeys(viewRows.map((v) => v.organisation_id)), repo.handle),
      this.lookups.communityDirectory.bodiesByIds(distinctKeys(viewRows.map((v) => v.community_body_id)), repo.handle),
    ]);
    const nameOf = (userId: number | null) => (userId === null ? null : (people.get(userId)?.display_name ?? null));
    const views = viewRows.flatMap((v) => {
      const author = people.get(v.author_user_id);
      if (!author) return [];
      const organisation = v.organisation_id === null ? null : (organisations.get(v.organisation_id)?.name ?? null);
      const body = v.community_body_id === null ? null : (bodies.get(v.community_body_id)?.name ?? null);
      return [{ ...v, display_name: author.display_name, organisation, body }];
    });
    return {
      id: e.id,
      partnershipId: e.partnership_id,
      year: e.year,
      status: e.status,
      publishedAt: e.published_at,
      publishedBy: nameOf(e.published_by),
      framework,
      scores: new Map(
        scores.map((s) => [
          s.criterion_id,
          { score: s.score, evidence: s.evidence, scoredBy: nameOf(s.scored_by), updatedAt: s.updated_at },
        ]),
      ),
      views: views.map((v) => ({
        id: v.id,
        criterionId: v.criterion_id,
        view: v.view,
        score: v.score,
        speaksFor: v.organisation ?? v.body ?? '',
        kind: v.organisation ? ('partner' as const) : ('community_body' as const),
        author: v.display_name,
        createdAt: v.created_at,
      })),
    };
  }

  /** One of the partnership's self-evaluations, draft or published (inside the partnership only). */
  async evaluation(ctx: RequestContext, p: PartnershipRef, evaluationId: number): Promise<Evaluation> {
    authorize(ctx.actor, 'improvement:read', p.id);
    const e = await this.load(this.repo, evaluationId, p.id);
    if (!e) throw new NotFoundError('self-evaluation');
    return e;
  }

  /** Start the partnership's self-evaluation against a framework for a year, as a draft. */
  async start(ctx: RequestContext, p: PartnershipRef, input: z.output<typeof StartEvaluationSchema>) {
    authorize(ctx.actor, 'self-evaluation:score', p.id);
    return this.repo.transaction(async (repo, trx) => {
      const f = await this.usable(repo, p.id, { id: input.framework_id });
      if (!f)
        throw ValidationError.field('framework_id', 'Choose the national framework or one of the partnership’s own');
      const clash = await repo.findEvaluationOf(p.id, f.id, input.year);
      if (clash)
        throw ValidationError.field(
          'year',
          `The partnership already has a self-evaluation against “${f.name}” for ${input.year}`,
        );
      const row = await repo.insertEvaluation({
        partnership_id: p.id,
        framework_id: f.id,
        year: input.year,
        status: 'draft',
        created_by: actorUserId(ctx.actor),
        created_at: this.clock.now(),
      });
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'self_evaluation.create',
        resourceType: 'self_evaluation',
        resourceId: row.id,
        after: { ...row, framework: f.code },
      });
      return row;
    });
  }

  /**
   * Score criteria with evidence. `input` holds `score_<criterion code>` and `evidence_<criterion code>`;
   * a criterion left blank keeps its score. Every score must be one of the framework's scale levels; any
   * error names the criterion's field and nothing is written. A published self-evaluation is frozen.
   */
  async score(ctx: RequestContext, p: PartnershipRef, evaluationId: number, input: z.output<typeof ScoresSchema>) {
    authorize(ctx.actor, 'self-evaluation:score', p.id);
    return this.repo.transaction(async (repo, trx) => {
      const e = await this.load(repo, evaluationId, p.id);
      if (!e) throw new NotFoundError('self-evaluation');
      if (e.status === 'published')
        throw new ConflictError(`The ${e.year} self-evaluation is published and can no longer be scored.`);
      const f = e.framework;
      const levels = new Set(f.levels.map((l) => l.score));
      const range = `${f.levels[0]!.score} (${f.levels[0]!.label}) to ${f.levels.at(-1)!.score} (${f.levels.at(-1)!.label})`;
      const text = (k: string) => {
        const v = input[k];
        return typeof v === 'string'
          ? v.trim()
          : typeof v === 'number'
            ? String(v)
            : Array.isArray(v)
              ? (v[0] ?? '').trim()
              : '';
      };
      const errors: FieldErrors = {};
      const codes = new Set(f.criteria.map((c) => c.code));
      for (const key of Object.keys(input)) {
        const m = /^(score|evidence)_(.+)$/.exec(key);
        if (m && !codes.has(m[2]!)) errors[key] = [`Not a criterion of “${f.name}”`];
      }
      const changes: { criterionId: number; code: string; score: number; evidence: string }[] = [];
      for (const c of f.criteria) {
        const s = text(`score_${c.code}`);
        const evidence = text(`evidence_${c.code}`);
        if (evidence.length > 5000)
          errors[`evidence_${c.code}`] = [`Keep the evidence for “${c.title}” under 5,000 characters`];
        if (s === '') {
          if (evidence !== '' && !e.scores.has(c.id))
            errors[`score_${c.code}`] = [`Choose a score for “${c.title}” to go with its evidence`];
          continue;
        }
        const n = Number(s);
        if (!Number.isInteger(n) || !levels.has(n)) {
          errors[`score_${c.code}`] = [`Choose a score for “${c.title}” from the scale, ${range}`];
          continue;
        }
        changes.push({
          criterionId: c.id,
          code: c.code,
          score: n,
          evidence: evidence || (e.scores.get(c.id)?.evidence ?? ''),
        });
      }
      if (Object.keys(errors).length) throw new ValidationError(errors);
      if (changes.length === 0) throw new ValidationError({ _body: ['Score at least one criterion.'] });
      const now = this.clock.now();
      const by = actorUserId(ctx.actor);
      for (const ch of changes) {
        await repo.upsertScore({
          evaluation_id: e.id,
          criterion_id: ch.criterionId,
          framework_id: f.id,
          score: ch.score,
          evidence: ch.evidence,
          scored_by: by,
          updated_at: now,
        });
      }
      const before = changes
        .filter((ch) => e.scores.has(ch.criterionId))
        .map((ch) => ({
          criterion: ch.code,
          score: e.scores.get(ch.criterionId)!.score,
          evidence: e.scores.get(ch.criterionId)!.evidence,
        }));
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'self_evaluation.score',
        resourceType: 'self_evaluation',
        resourceId: e.id,
        before,
        after: changes.map((ch) => ({ criterion: ch.code, score: ch.score, evidence: ch.evidence })),
      });
      return changes.length;
    });
  }

  /** Publish a year's self-evaluation: every criterion must be scored. It is then public and frozen. */
  async publish(ctx: RequestContext, p: PartnershipRef, evaluationId: number) {
    authorize(ctx.actor, 'self-evaluation:score', p.id);
    return this.repo.transaction(async (repo, trx) => {
      const e = await this.load(repo, evaluationId, p.id);
      if (!e) throw new NotFoundError('self-evaluation');
      if (e.status === 'published') throw new ConflictError(`The ${e.year} self-evaluation is already published.`);
      const unscored = e.framework.criteria.filter((c) => !e.scores.has(c.id));
      if (unscored.length)
        throw new ValidationError(
          Object.fromEntries(unscored.map((c) => [`score_${c.code}`, [`Score “${c.title}” before publishing`]])),
        );
      const row = await repo.publishEvaluation(e.id, p.id, this.clock.now(), actorUserId(ctx.actor));
      if (!row) throw new ConflictError(`The ${e.year} self-evaluation is already published.`);
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'self_evaluation.publish',
        resourceType: 'self_evaluation',
        resourceId: e.id,
        before: { status: 'draft' },
        after: row,
      });
      return row;
    });
  }

  /**
   * Add a framework of the partnership's own: its criteria one per line, scored on the national
   * six-point scale or on levels of its own (lowest first, scored 1, 2, …).
   */
  async addFramework(ctx: RequestContext, p: PartnershipRef, input: z.output<typeof FrameworkSchema>) {
    authorize(ctx.actor, 'self-evaluation:score', p.id);
    return this.repo.transaction(async (repo, trx) => {
      const code = `${p.code}-${slug(input.name)}`;
      const clash = await repo.findFrameworkByCode(code);
      if (clash) throw ValidationError.field('name', 'The partnership already has a framework of that name');
      let levels: { score: number; label: string }[];
      if (input.scale === 'national') levels = await repo.nationalScaleLevels();
      else levels = lines(input.levels ?? '').map((label, i) => ({ score: i + 1, label }));
      const f = await repo.insertFramework({
        code,
        name: input.name,
        description: null,
        partnership_id: p.id,
        source: input.source,
        created_at: this.clock.now(),
      });
      await repo.insertScaleLevels(levels.map((l) => ({ framework_id: f.id, score: l.score, label: l.label })));
      const used = new Set<string>();
      const criteria = lines(input.criteria).map((title, i) => {
        let c = slug(title);
        for (let n = 2; used.has(c); n++) c = `${slug(title)}-${n}`;
        used.add(c);
        return { framework_id: f.id, code: c, title, position: i + 1 };
      });
      await repo.insertCriteria(criteria);
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'evaluation_framework.create',
        resourceType: 'evaluation_framework',
        resourceId: f.id,
        after: { ...f, levels, criteria: criteria.map((c) => c.title) },
      });
      return f;
    });
  }

  /** Check and write one view on a draft self-evaluation, with its audit row. */
  private async insertView(
    repo: SelfEvaluationRepository,
    trx: AuditDb,
    ctx: RequestContext,
    e: Evaluation,
    input: { criterion_id?: number | undefined; view: string; score?: number | undefined },
    speaker: { organisation_id: number } | { community_body_id: number },
  ) {
    if (e.status === 'published')
      throw new ConflictError(`The ${e.year} self-evaluation is published: it takes no more views.`);
    const userId = actorUserId(ctx.actor);
    if (userId === null) throw new UnauthenticatedError();
    const criterion =
      input.criterion_id === undefined ? null : e.framework.criteria.find((c) => c.id === input.criterion_id);
    if (criterion === undefined)
      throw ValidationError.field(
        'criterion_id',
        `Choose one of the criteria of “${e.framework.name}”, or the self-evaluation as a whole`,
      );
    if (input.score !== undefined) {
      if (!criterion)
        throw ValidationError.field(
          'score',
          'A score goes with one criterion: choose the criterion, or leave the score blank',
        );
      if (!e.framework.levels.some((l) => l.score === input.score))
        throw ValidationError.field(
          'score',
          `Choose a score from the scale, ${e.framework.levels.map((l) => `${l.score} (${l.label})`).join(', ')}`,
        );
    }
    const row = await repo.insertView({
      evaluation_id: e.id,
      criterion_id: criterion?.id ?? null,
      view: input.view,
      score: input.score ?? null,
      author_user_id: userId,
      organisation_id: 'organisation_id' in speaker ? speaker.organisation_id : null,
      community_body_id: 'community_body_id' in speaker ? speaker.community_body_id : null,
      created_at: this.clock.now(),
    });
    await recordAudit(trx, ctx, this.clock, {
      partnershipId: e.partnershipId,
      action: 'self_evaluation.add_view',
      resourceType: 'self_evaluation',
      resourceId: e.id,
      after: row,
    });
    return row;
  }

  /**
   * A partner's view. A partner officer speaks for their own organisation (their account's), which must
   * be a partner of the partnership. Someone whose account has no organisation in the partnership (an
   * administrator) records a view on a partner's behalf by naming it, and needs self-evaluation:score.
   */
  async addPartnerView(
    ctx: RequestContext,
    p: PartnershipRef,
    evaluationId: number,
    input: z.output<typeof PartnerViewSchema>,
  ) {
    authorize(ctx.actor, 'self-evaluation:comment', p.id);
    const userId = actorUserId(ctx.actor);
    if (userId === null) throw new UnauthenticatedError();
    return this.repo.transaction(async (repo, trx) => {
      const e = await this.load(repo, evaluationId, p.id);
      if (!e) throw new NotFoundError('self-evaluation');
      const partners = new Set((await this.lookups.directory.partnerOrganisations(p.id, trx)).map((o) => o.id));
      const account = (await this.lookups.people.usersByIds([userId], trx)).get(userId);
      if (!account) throw new Error(`No account ${userId}`);
      const own = account.organisation_id;
      let organisationId: number;
      if (own !== null && partners.has(own)) {
        if (input.organisation_id !== undefined && input.organisation_id !== own)
          throw ValidationError.field('organisation_id', 'You give views for your own organisation only');
        organisationId = own;
      } else {
        if (input.organisation_id === undefined || !partners.has(input.organisation_id))
          throw ValidationError.field('organisation_id', 'Choose the partner whose view this is');
        authorize(ctx.actor, 'self-evaluation:score', p.id);
        organisationId = input.organisation_id;
      }
      return this.insertView(repo, trx, ctx, e, input, { organisation_id: organisationId });
    });
  }

  /** The partner organisation the actor speaks for in this partnership (their account's), or null. */
  async speakerFor(ctx: RequestContext, p: PartnershipRef): Promise<{ id: number; name: string } | null> {
    authorize(ctx.actor, 'self-evaluation:comment', p.id);
    const userId = actorUserId(ctx.actor);
    if (userId === null) return null;
    const [people, partners] = await Promise.all([
      this.lookups.people.usersByIds([userId]),
      this.lookups.directory.partnerOrganisations(p.id),
    ]);
    const own = people.get(userId)?.organisation_id ?? null;
    const partner = own === null ? undefined : partners.find((o) => o.id === own);
    return partner ? { id: partner.id, name: partner.name } : null;
  }

  /** The national frameworks (public facts: their criteria and scales). */
  async nationalFrameworks(): Promise<Framework[]> {
    const rows = await this.repo.nationalFrameworkIds();
    return (await Promise.all(rows.map((r) => this.framework(this.repo, r.id)))).filter(
      (f): f is Framework => f !== null,
    );
  }

  /** One of the actor's own community bodies (they are a member); others are "not found". */
  private async ownBody(repo: SelfEvaluationRepository, ctx: RequestContext, bodyId: number) {
    authorize(ctx.actor, 'community:use');
    const userId = actorUserId(ctx.actor);
    if (userId === null) throw new UnauthenticatedError();
    const body = await this.lookups.communityDirectory.bodyOfMember(userId, bodyId, repo.handle);
    const partnership = body
      ? (await this.lookups.directory.partnershipsByIds([body.partnership_id], repo.handle)).get(body.partnership_id)
      : undefined;
    if (!body || !partnership) throw new NotFoundError('community body');
    return { ...body, partnership_code: partnership.code, partnership_name: partnership.name };
  }

  /**
   * For a member of a community body: its partnership's self-evaluations of the current year that are
   * still drafts (their criteria and scale, not the partnership's scores), and the views the body gave.
   */
  async forBody(ctx: RequestContext, bodyId: number) {
    const body = await this.ownBody(this.repo, ctx, bodyId);
    const year = this.currentYear();
    const ids = await this.repo.evaluationIdsOfYear(body.partnership_id, year, 'draft', 'id');
    const evaluations = [];
    for (const { id } of ids) {
      const e = (await this.load(this.repo, id, body.partnership_id))!;
      const own = await this.repo.viewsOfBody(id, body.partnership_id, body.id);
      evaluations.push({ id: e.id, year: e.year, framework: e.framework, views: own });
    }
    return { body, year, evaluations };
  }

  /**
   * A community body's view on its partnership's self-evaluation: the body must be the actor's, the
   * self-evaluation its own partnership's, of the current year and still a draft.
   */
  async addBodyView(ctx: RequestContext, bodyId: number, input: z.output<typeof BodyViewSchema>) {
    return this.repo.transaction(async (repo, trx) => {
      const body = await this.ownBody(repo, ctx, bodyId);
      const e = await this.load(repo, input.evaluation_id, body.partnership_id);
      if (!e) throw new NotFoundError('self-evaluation');
      if (e.status === 'published')
        throw new ConflictError(`The ${e.year} self-evaluation is published: it takes no more views.`);
      if (e.year !== this.currentYear())
        throw ValidationError.field(
          'evaluation_id',
          `Community bodies give views on the ${this.currentYear()} self-evaluation only`,
        );
      return this.insertView(repo, trx, ctx, e, input, { community_body_id: body.id });
    });
  }

  /**
   * The partnership's scores over the years against one framework (the national one unless another is
   * named), drafts included: one row per criterion, one score per year.
   */
  async overYears(ctx: RequestContext, p: PartnershipRef, frameworkCode: string | undefined) {
    authorize(ctx.actor, 'improvement:read', p.id);
    const f = await this.usable(this.repo, p.id, { code: frameworkCode ?? PRINCIPLES_FRAMEWORK });
    if (!f) throw new NotFoundError('framework');
    const evaluations = await this.repo.evaluationsAgainst(p.id, f.id);
    const scores = evaluations.length
      ? await this.repo.scoresOf(
          p.id,
          evaluations.map((e) => e.id),
        )
      : [];
    const yearOf = new Map(evaluations.map((e) => [e.id, e.year]));
    const rows = f.criteria.map((c) => ({
      criterion: c,
      scores: new Map(
        scores.filter((s) => s.criterion_id === c.id).map((s) => [yearOf.get(s.evaluation_id)!, s.score]),
      ),
    }));
    return { framework: f, years: evaluations.map((e) => ({ year: e.year, status: e.status })), rows };
  }

  /** A partnership's published self-evaluations of a year, for everyone. Drafts are "not found". */
  async publishedYear(ctx: RequestContext, partnershipId: number, year: number): Promise<Evaluation[]> {
    authorize(ctx.actor, 'self-evaluation:read');
    const ids = await this.repo.evaluationIdsOfYear(partnershipId, year, 'published', 'framework_id');
    if (!ids.length) throw new NotFoundError('self-evaluation');
    return Promise.all(ids.map(async ({ id }) => (await this.load(this.repo, id, partnershipId))!));
  }

  /** Years in which a partnership published a self-evaluation (for everyone). */
  async publishedYears(partnershipId: number): Promise<number[]> {
    const rows = await this.repo.publishedYears(partnershipId);
    return rows.map((r) => r.year);
  }

  /**
   * The national spread of scores against a national framework in a year, per criterion: count, minimum,
   * quartiles, median, maximum and the count at each scale level. Every partnership that scored the
   * criterion that year counts in the distribution; partnerships are named (in `named`) only where their
   * self-evaluation is published — drafts count anonymously.
   */
  async spread(ctx: RequestContext, query: { year?: number | undefined; framework?: string | undefined }) {
    authorize(ctx.actor, 'self-evaluation:compare');
    const fRow = await this.repo.findNationalFramework(query.framework ?? PRINCIPLES_FRAMEWORK);
    if (!fRow) throw ValidationError.field('framework', 'Choose a national framework');
    const f = (await this.framework(this.repo, fRow.id))!;
    const years = (await this.repo.yearsAgainst(f.id)).map((r) => r.year);
    const year = query.year ?? years[0] ?? this.currentYear();
    const scoreRows = await this.repo.scoresOfYear(f.id, year);
    const partnershipsById = await this.lookups.directory.partnershipsByIds(scoreRows.map((s) => s.partnership_id));
    const scores = scoreRows.flatMap((s) => {
      const p = partnershipsById.get(s.partnership_id);
      return p ? [{ ...s, code: p.code, name: p.name, fictional: p.fictional }] : [];
    });
    const rows: SpreadRow[] = f.criteria.map((c) => {
      const mine = scores.filter((s) => s.criterion_id === c.id);
      return {
        criterion: { id: c.id, code: c.code, title: c.title },
        spread: spreadOf(mine.map((s) => s.score)),
        published: mine.filter((s) => s.status === 'published').length,
        drafts: mine.filter((s) => s.status === 'draft').length,
        atLevel: f.levels.map((l) => ({ ...l, count: mine.filter((s) => s.score === l.score).length })),
      };
    });
    const namedIds = [...new Set(scores.filter((s) => s.status === 'published').map((s) => s.partnership_id))];
    const named = namedIds
      .map((id) => {
        const own = scores.filter((s) => s.partnership_id === id);
        const first = own[0]!;
        return {
          code: first.code,
          name: first.name,
          fictional: first.fictional,
          scores: new Map(own.map((s) => [s.criterion_id, s.score])),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    const partnerships = new Set(scores.map((s) => s.partnership_id)).size;
    return { framework: f, year, years, rows, named, partnerships, drafts: partnerships - namedIds.length };
  }

  /**
   * For the support portal: the criteria a partnership scored at or below the `support_needs.weak_score`
   * method parameter in its latest self-evaluation against the national framework. Inside the partnership
   * (improvement:read) the latest may be a draft; anyone else sees only published self-evaluations.
   */
  async weakCriteria(ctx: RequestContext, partnershipId: number) {
    const threshold = (await this.repo.supportNeedsParameters()).values.weak_score;
    const publishedOnly = !can(ctx.actor, 'improvement:read', partnershipId);
    const latest = await this.repo.latestAgainstPrinciples(partnershipId, publishedOnly);
    if (!latest) return { evaluation: null, threshold, criteria: [] };
    const criteria = await this.repo.scoresAtOrBelow(latest.id, partnershipId, threshold);
    return { evaluation: latest, threshold, criteria };
  }

  /**
   * For the national view: per partnership, its latest PUBLISHED self-evaluation against the national
   * framework, with the year and the mean of its scores. Partnerships that published none are absent.
   */
  async summaryForAll(): Promise<
    { partnershipId: number; year: number; evaluationId: number; meanScore: number | null; scored: number }[]
  > {
    const rows = await this.repo.publishedPrincipleMeans();
    const out = new Map<
      number,
      { partnershipId: number; year: number; evaluationId: number; meanScore: number | null; scored: number }
    >();
    for (const r of rows) {
      if (!out.has(r.partnership_id))
        out.set(r.partnership_id, {
          partnershipId: r.partnership_id,
          year: r.year,
          evaluationId: r.id,
          meanScore: r.mean === null ? null : Number(r.mean),
          scored: Number(r.scored),
        });
    }
    return [...out.values()];
  }

  /** Mean of an evaluation's scores (for pages). */
  static meanScore(e: Evaluation): number | null {
    return mean([...e.scores.values()].map((s) => s.score));
  }
}
