import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { can, type Actor } from '../../core/access/actor.ts';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Who may read a participation or asset transfer request, and its documents. Decided here, once: every
 * read of a request — the partnership's list, its CSV and API, the due board, one request's page, the
 * authority's steps and uploads, a document's download, the public registers — starts from
 * `visibleRequests`, so a read by id can never show more than the list does. (Issue 14, defect 6: the
 * list hid drafts in its own query; the page and the download by id, each with a query of their own,
 * did not.)
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

/** The requests (`community_requests as r`) this actor may read as this kind of reader; join and select from it. */
export function visibleRequests(db: Db, actor: Actor, reader: RequestReader) {
  const requests = db.selectFrom('community_requests as r');
  const none = sql<SqlBool>`false`;
  switch (reader) {
    case 'body':
      if (actor.kind !== 'user') return requests.where(none);
      return requests.where(
        'r.community_body_id',
        'in',
        db.selectFrom('community_body_members').select('community_body_id').where('user_id', '=', actor.userId),
      );
    case 'partnership': {
      const submitted = requests.where('r.submitted_at', 'is not', null);
      const partnerships = requestReadingPartnerships(actor);
      if (partnerships === 'all') return submitted;
      return partnerships.length ? submitted.where('r.partnership_id', 'in', partnerships) : submitted.where(none);
    }
    case 'public':
      return requests.where('r.validation_date', 'is not', null);
  }
}

/** The partnerships in which the actor may read requests: all of them for national roles (and the system), else those of its roles that hold request:read. */
function requestReadingPartnerships(actor: Actor): 'all' | number[] {
  if (can(actor, 'request:read')) return 'all';
  if (actor.kind !== 'user') return [];
  return [...actor.partnershipRoles.keys()].filter((id) => can(actor, 'request:read', id));
}
