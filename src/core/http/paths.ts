import { z } from 'zod';
import { can, type Actor } from '../access/actor.ts';

/**
 * The addresses of a partnership's pages and API, built in one place (ADR 0016): views, services and tests call
 * these rather than writing `/partnerships/${code}/…` by hand, so a partnership's URL scheme is decided here.
 *
 * Each takes the partnership's code and the path's segments, which are joined with `/` and percent-encoded one
 * by one; a query string is the caller's (`${partnershipHref(p.code, 'requests.csv')}?${query}`).
 */
export type PathSegment = string | number;

function join(base: string, segments: readonly PathSegment[]): string {
  return [base, ...segments.map((s) => encodeURIComponent(String(s)))].join('/');
}

/** A partnership's page, for everyone and for its people alike: `partnershipHref('S12000036', 'plans', 4)`. */
export function partnershipHref(code: string, ...segments: PathSegment[]): string {
  return join(`/partnerships/${encodeURIComponent(code)}`, segments);
}

/** A partnership's API: `partnershipApiHref('S12000036', 'localities')`. */
export function partnershipApiHref(code: string, ...segments: PathSegment[]): string {
  return join(`/api/v1/partnerships/${encodeURIComponent(code)}`, segments);
}

/**
 * Where one address serves the public and the partnership's people (ADR 0016), the query that asks for the
 * public page even so (`?view=public`: "see it as the public does"), and the rule: the people of the
 * partnership (`partnership:read`) get their working page unless they ask for the public one.
 */
export const PageViewQuery = z.object({ view: z.string().max(20).optional() });
export function showsMembersPage(actor: Actor, partnershipId: number, query: { view?: string | undefined }): boolean {
  return query.view !== 'public' && can(actor, 'partnership:read', partnershipId);
}

/** The public page at a shared address, for a member who wants to see it as the public does. */
export function asThePublicSees(href: string): string {
  return `${href}?view=public`;
}

/**
 * Where a members' page that was under /p/<code> is now (ADR 0016): the same path under /partnerships/<code>,
 * except the annual report of a year from live data, whose old address is now the published report's. Made
 * from the path alone, so it always stays on Cairn's origin.
 */
export function movedFromOldAddress(pathname: string): string {
  const rest = pathname.slice('/p/'.length).replace(/^\/+/, '');
  const moved = `/partnerships/${rest}`;
  return /^\/partnerships\/[^/]+\/reports\/[^/]+$/.test(moved) ? `${moved}/live` : moved;
}
