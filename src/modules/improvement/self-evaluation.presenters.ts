import { toCsv } from '../../core/csv.ts';
import type { Evaluation, SelfEvaluationService } from './self-evaluation.service.ts';

/**
 * Self-evaluation's service results as the API's JSON (self-evaluation.api-schemas.ts says what it is) and as
 * CSV files: plain functions, types in, text or JSON out.
 */

type OverYears = Awaited<ReturnType<SelfEvaluationService['overYears']>>;
type SpreadData = Awaited<ReturnType<SelfEvaluationService['spread']>>;

/** One published self-evaluation: its framework, a score per criterion and the views given. */
export function evaluationJson(e: Evaluation) {
  return {
    year: e.year,
    status: e.status,
    published_at: e.publishedAt,
    framework: {
      code: e.framework.code,
      name: e.framework.name,
      source: e.framework.source,
      levels: e.framework.levels,
    },
    scores: e.framework.criteria.map((cr) => ({
      criterion: cr.code,
      title: cr.title,
      score: e.scores.get(cr.id)?.score ?? null,
      evidence: e.scores.get(cr.id)?.evidence ?? null,
    })),
    views: e.views.map((v) => ({
      from: v.speaksFor,
      kind: v.kind,
      criterion: e.framework.criteria.find((cr) => cr.id === v.criterionId)?.code ?? null,
      view: v.view,
      score: v.score,
    })),
  };
}

/** A partnership's published self-evaluations of a year (PublishedSelfEvaluations). */
export function publishedSelfEvaluationsJson(
  p: { code: string; name: string; fictional: boolean },
  evaluations: readonly Evaluation[],
) {
  return {
    partnership: { code: p.code, name: p.name, fictional: p.fictional },
    data: evaluations.map(evaluationJson),
  };
}

/** The national spread of scores per criterion, and the published partnerships' scores (SelfEvaluationSpread). */
export function spreadJson(d: SpreadData) {
  return {
    framework: d.framework.code,
    year: d.year,
    partnerships: d.partnerships,
    drafts: d.drafts,
    data: d.rows.map((r) => ({
      criterion: r.criterion.code,
      title: r.criterion.title,
      ...r.spread,
      published: r.published,
      drafts: r.drafts,
      at_level: r.atLevel,
    })),
    published: d.named.map((n) => ({
      code: n.code,
      name: n.name,
      fictional: n.fictional,
      scores: Object.fromEntries(d.framework.criteria.map((cr) => [cr.code, n.scores.get(cr.id) ?? null])),
    })),
  };
}

/** The partnership's scores over the years: one line per criterion and year. */
export function overYearsCsv(d: OverYears): string {
  return toCsv(
    d.rows.flatMap((r) => d.years.map((y) => ({ r, y, score: r.scores.get(y.year) ?? null }))),
    [
      { header: 'framework', value: () => d.framework.code },
      { header: 'criterion_code', value: (x) => x.r.criterion.code },
      { header: 'criterion', value: (x) => x.r.criterion.title },
      { header: 'year', value: (x) => x.y.year },
      { header: 'status', value: (x) => x.y.status },
      { header: 'score', value: (x) => x.score ?? '' },
      {
        header: 'level',
        value: (x) => (x.score === null ? '' : (d.framework.levels.find((l) => l.score === x.score)?.label ?? '')),
      },
    ],
  );
}

/** The national spread per criterion (`spread`), or the published partnerships' scores (`published`). */
export function spreadCsv(d: SpreadData, table: 'spread' | 'published'): string {
  return table === 'spread'
    ? toCsv(d.rows, [
        { header: 'framework', value: () => d.framework.code },
        { header: 'year', value: () => d.year },
        { header: 'criterion_code', value: (r) => r.criterion.code },
        { header: 'criterion', value: (r) => r.criterion.title },
        { header: 'count', value: (r) => r.spread.count },
        { header: 'published', value: (r) => r.published },
        { header: 'drafts', value: (r) => r.drafts },
        { header: 'min', value: (r) => r.spread.min ?? '' },
        { header: 'lower_quartile', value: (r) => r.spread.lowerQuartile ?? '' },
        { header: 'median', value: (r) => r.spread.median ?? '' },
        { header: 'upper_quartile', value: (r) => r.spread.upperQuartile ?? '' },
        { header: 'max', value: (r) => r.spread.max ?? '' },
        ...d.framework.levels.map((l) => ({
          header: `at_${l.score}`,
          value: (r: SpreadData['rows'][number]) => r.atLevel.find((a) => a.score === l.score)!.count,
        })),
      ])
    : toCsv(
        d.named.flatMap((n) => d.framework.criteria.map((cr) => ({ n, cr }))),
        [
          { header: 'partnership_code', value: (x) => x.n.code },
          { header: 'partnership', value: (x) => x.n.name },
          { header: 'year', value: () => d.year },
          { header: 'criterion_code', value: (x) => x.cr.code },
          { header: 'score', value: (x) => x.n.scores.get(x.cr.id) ?? '' },
        ],
      );
}
