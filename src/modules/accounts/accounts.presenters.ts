import type { Actor } from '../../core/access/actor.ts';
import type { PublicUser } from './accounts.service.ts';

/**
 * The accounts API's JSON, from the service's results: plain functions, types in, JSON out. The response schema
 * (accounts.api-schemas.ts `Me`) describes what these return; test/api-responses.test.ts checks it.
 */

/** The signed-in user, with the roles their actor holds. */
export function meJson(me: PublicUser, actor: Actor) {
  return {
    id: me.id,
    email: me.email,
    displayName: me.displayName,
    mustChangePassword: me.mustChangePassword,
    nationalRoles: actor.kind === 'user' ? actor.nationalRoles : [],
    partnershipRoles:
      actor.kind === 'user'
        ? [...actor.partnershipRoles].map(([partnershipId, role]) => ({ partnershipId, role }))
        : [],
  };
}
