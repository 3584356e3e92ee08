import type { z } from '@hono/zod-openapi';
import { toCsv } from '../../core/csv.ts';
import type { SupportOffer } from './support.api-schemas.ts';
import type { GapRow, NeedMatch, OfferUse, OfferView } from './support.service.ts';

/** The improvement-support portal's service results shaped for the API (support.api-schemas.ts) and as CSV. */

/** Where a need comes from, in words (the gaps view and its CSV). */
export const NEED_KIND: Record<NeedMatch['need']['kind'], string> = {
  criterion: 'Self-evaluation',
  worsening: 'Outcome worsening',
  unequal: 'Unequal outcome',
};

/** An offer as the API lists it. */
export function offerJson(o: OfferView): z.infer<typeof SupportOffer> {
  return {
    id: o.id,
    title: o.title,
    theme: o.theme,
    description: o.description,
    provider: o.provider,
    format: o.format,
    eligibility: o.eligibility,
    contact: o.contact,
    fictional: o.fictional,
    principles: o.principles.map((p) => ({ code: p.code, title: p.title })),
    indicators: o.indicators,
  };
}

/** The unmet needs as CSV: one row per named partnership, one for those not named. */
export function unmetNeedsCsv(gaps: readonly GapRow[]): string {
  const rows = gaps.flatMap((g) => [
    ...g.named.map((n) => ({ g, partnership: n.name, evidence: n.evidence })),
    ...(g.unnamed ? [{ g, partnership: `${g.unnamed} not named (unpublished self-evaluation)`, evidence: '' }] : []),
  ]);
  return toCsv(rows, [
    { header: 'need', value: (r) => r.g.title },
    { header: 'from', value: (r) => NEED_KIND[r.g.kind] },
    { header: 'key', value: (r) => r.g.key },
    { header: 'partnership', value: (r) => r.partnership },
    { header: 'evidence', value: (r) => r.evidence },
  ]);
}

/** Each offer's use and rated impact as CSV. */
export function offerUseCsv(offers: readonly OfferUse[]): string {
  return toCsv(offers, [
    { header: 'offer_id', value: (u) => u.offer.id },
    { header: 'offer', value: (u) => u.offer.title },
    { header: 'provider', value: (u) => u.offer.provider },
    { header: 'status', value: (u) => u.offer.status },
    { header: 'fictional', value: (u) => u.offer.fictional },
    { header: 'requests', value: (u) => u.requests },
    { header: 'under_way', value: (u) => u.inProgress },
    { header: 'completed', value: (u) => u.completed },
    { header: 'feedback_count', value: (u) => u.feedbackCount },
    {
      header: 'mean_usefulness',
      value: (u) => (u.meanUsefulness === null ? null : Math.round(u.meanUsefulness * 100) / 100),
    },
    {
      header: 'what_changed',
      value: (u) => u.quotes.map((q) => `${q.partnership}: ${q.whatChanged}`).join(' | '),
    },
  ]);
}
