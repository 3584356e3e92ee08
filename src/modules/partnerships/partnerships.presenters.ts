import type { PartnershipRef } from '../../core/http/env.ts';
import type { PartnershipsService } from './partnerships.service.ts';

/**
 * The partnerships API's JSON, from the service's results: plain functions, types in, JSON out. The response
 * schemas (partnerships.api-schemas.ts) describe what these return; test/api-responses.test.ts checks it.
 */

type Result<M extends keyof PartnershipsService> = Awaited<ReturnType<PartnershipsService[M]>>;

/** The list of partnerships, without what only the page uses (whether the user may open each, their role). */
export function partnershipListJson(list: Result<'list'>) {
  return { data: list.map(({ canOpen: _c, yourRole: _r, ...p }) => p) };
}

/** One partnership, with its partners, their statutory coverage and its localities. */
export function partnershipDetailJson(
  p: PartnershipRef,
  organisations: Result<'organisations'>,
  statutoryCoverage: Result<'statutoryCoverage'>,
  localities: Result<'localities'>,
) {
  return { ...p, organisations, statutoryCoverage, localities };
}
