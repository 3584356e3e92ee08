import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors.ts';
import {
  isReadPermission,
  roleHas,
  type NationalRole,
  type PartnershipRole,
  type Permission,
  type TokenScope,
} from './permissions.ts';

/** A request authenticated by a personal API token rather than the session cookie: what the token allows. */
export interface TokenGrant {
  kind: 'token';
  tokenId: number;
  scope: TokenScope;
  /** The one partnership a `partnership-write` token writes in; null for `read`. */
  partnershipId: number | null;
}

export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: number;
      email: string;
      displayName: string;
      nationalRoles: readonly NationalRole[];
      /** partnership id → the user's role there */
      partnershipRoles: ReadonlyMap<number, PartnershipRole>;
      mustChangePassword: boolean;
      /** Set when the request came with an API token: the token's scope narrows the user's permissions. */
      via?: TokenGrant;
    }
  /** The command line and the demo seeder: trusted, and named in the audit trail. */
  | { kind: 'system'; label: string };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export function systemActor(label: string): Actor {
  return { kind: 'system', label };
}

/**
 * Does the token's scope let it use this permission here? A read is allowed wherever its user may read; a
 * write only by a `partnership-write` token, inside its own partnership. The user's roles still decide.
 */
function tokenAllows(grant: TokenGrant, permission: Permission, partnershipId: number | undefined): boolean {
  if (isReadPermission(permission)) return true;
  return grant.scope === 'partnership-write' && partnershipId !== undefined && partnershipId === grant.partnershipId;
}

/** Does the actor hold this permission — in this partnership when one is given, or globally? */
export function can(actor: Actor, permission: Permission, partnershipId?: number): boolean {
  if (actor.kind === 'system') return true;
  // Before anything else: a token's scope holds even for what anyone may do (signing in is a write).
  if (actor.kind === 'user' && actor.via && !tokenAllows(actor.via, permission, partnershipId)) return false;
  if (roleHas('anonymous', permission)) return true;
  if (actor.kind === 'anonymous') return false;
  if (roleHas('signed_in', permission)) return true;
  if (actor.nationalRoles.some((r) => roleHas(r, permission))) return true;
  if (partnershipId === undefined) return false;
  const role = actor.partnershipRoles.get(partnershipId);
  return role !== undefined && roleHas(role, permission);
}

/** Does the actor hold this permission anywhere at all? (The coarse gate in front of a route.) */
export function canAnywhere(actor: Actor, permission: Permission): boolean {
  if (can(actor, permission)) return true;
  if (actor.kind !== 'user') return false;
  // A token that writes writes in its one partnership only.
  if (actor.via && !isReadPermission(permission))
    return actor.via.partnershipId !== null && can(actor, permission, actor.via.partnershipId);
  return [...actor.partnershipRoles.values()].some((r) => roleHas(r, permission));
}

/** Can the actor see this partnership at all? Outsiders are told "not found", never "forbidden". */
export function canSeePartnership(actor: Actor, partnershipId: number): boolean {
  return can(actor, 'partnership:read', partnershipId);
}

/**
 * Throw unless the actor holds the permission. Inside a partnership, someone who cannot see the
 * partnership gets NotFound (so a refusal does not reveal whether a record exists); someone who can see
 * it but lacks the permission gets Forbidden.
 */
export function authorize(actor: Actor, permission: Permission, partnershipId?: number): void {
  if (can(actor, permission, partnershipId)) return;
  if (actor.kind === 'anonymous') throw new UnauthenticatedError();
  if (partnershipId !== undefined && !canSeePartnership(actor, partnershipId)) throw new NotFoundError();
  throw new ForbiddenError();
}

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'anonymous':
      return 'anonymous';
    case 'system':
      return actor.label;
    case 'user':
      return actor.email;
  }
}

export function actorUserId(actor: Actor): number | null {
  return actor.kind === 'user' ? actor.userId : null;
}
