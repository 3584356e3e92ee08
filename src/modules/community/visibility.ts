import { can, type Actor } from '../../core/access/actor.ts';

/**
 * Who may read a participation or asset transfer request, and its documents. Decided here, once: every
 * read of a request — the partnership's list, its CSV and API, the due board, one request's page, the
 * authority's steps and uploads, a document's download, the public registers — starts from
 * `visibleRequests` (requests.repository.ts), which states this decision as the query's conditions, so a
 * read by id can never show more than the list does. (Issue 14, defect 6: the list hid drafts in its own
 * query; the page and the download by id, each with a query of their own, did not.)
 *
 * - `body`: the members of the community body that made the request, at every stage. A draft is the
 *   body's own work in progress.
 * - `partnership`: whoever may read requests in the request's partnership (`request:read`: its viewers,
 *   partner officers and managers; national analysts and administrators in every partnership), once the
 *   body has submitted it. Until then the authority has no claim to it: no one outside the body, a
 *   manager or an administrator included, sees a draft — nor a draft the body withdrew without ever
 *   submitting it, which is why the test is "was submitted" (`submitted_at`), not "is not a draft".
 * - `public`: everyone, once the authority has validated it (the registers the Act requires).
 *
 * Anything outside the reader's set is "not found", exactly like an id that does not exist.
 */
export type RequestReader = 'body' | 'partnership' | 'public';

/**
 * The requests one reader may see, as the conditions `visibleRequests` puts into its query:
 * - `none`: no request at all;
 * - `members`: the requests of the community bodies this user belongs to;
 * - `submitted`: the submitted requests of these partnerships (or of every partnership);
 * - `validated`: the requests in the public record.
 */
export type RequestVisibility =
  | { kind: 'none' }
  | { kind: 'members'; userId: number }
  | { kind: 'submitted'; partnerships: 'all' | number[] }
  | { kind: 'validated' };

/** What this actor may read as this kind of reader. */
export function requestVisibility(actor: Actor, reader: RequestReader): RequestVisibility {
  switch (reader) {
    case 'body':
      return actor.kind === 'user' ? { kind: 'members', userId: actor.userId } : { kind: 'none' };
    case 'partnership':
      return { kind: 'submitted', partnerships: requestReadingPartnerships(actor) };
    case 'public':
      return { kind: 'validated' };
  }
}

/** The partnerships in which the actor may read requests: all of them for national roles (and the system), else those of its roles that hold request:read. */
function requestReadingPartnerships(actor: Actor): 'all' | number[] {
  if (can(actor, 'request:read')) return 'all';
  if (actor.kind !== 'user') return [];
  return [...actor.partnershipRoles.keys()].filter((id) => can(actor, 'request:read', id));
}
