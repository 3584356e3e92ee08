import { toCsv } from '../../core/csv.ts';
import type { CaseStudyDetail, SearchHit } from './case-studies.service.ts';

/**
 * The good-practice library's service results as the API's JSON (case-studies.api-schemas.ts says what it is)
 * and as CSV: plain functions, types in, text or JSON out.
 */

/** Search hits (CaseStudyHits), each snippet as text with every match between ** and **. */
export function caseStudyHitsJson(hits: readonly SearchHit[]) {
  return {
    data: hits.map(({ snippet, ...h }) => ({
      ...h,
      snippet: snippet ? snippet.map((s) => (s.match ? `**${s.text}**` : s.text)).join('') : null,
    })),
  };
}

/** A published case study (CaseStudy): the detail as the service gives it. */
export function caseStudyJson(d: CaseStudyDetail): CaseStudyDetail {
  return d;
}

/** A case study's measures, before and after, one line each. */
export function measuresCsv(d: CaseStudyDetail): string {
  return toCsv(d.measures, [
    { header: 'measure', value: (m) => m.title },
    { header: 'indicator_code', value: (m) => m.indicatorCode },
    { header: 'indicator', value: (m) => m.indicatorName },
    { header: 'area_code', value: (m) => m.areaCode },
    { header: 'area', value: (m) => m.areaName },
    { header: 'unit', value: (m) => m.unit },
    { header: 'higher_is_better', value: (m) => m.higherIsBetter },
    { header: 'before_period', value: (m) => m.beforePeriod },
    { header: 'before_value', value: (m) => m.before },
    { header: 'after_period', value: (m) => m.afterPeriod },
    { header: 'after_value', value: (m) => m.after },
    { header: 'change', value: (m) => m.change },
    { header: 'direction', value: (m) => m.direction },
    { header: 'figures_from', value: (m) => (m.fromCairn ? 'Cairn outcomes data' : 'the partnership') },
    { header: 'source', value: (m) => m.source },
  ]);
}
