import type { Actor } from '../access/actor.ts';

/** The partnership a `/p/:partnership/…` route is about, resolved and access-checked by the router. */
export interface PartnershipRef {
  id: number;
  code: string;
  name: string;
  councilAreaCode: string;
  fictional: boolean;
}

export interface Flash {
  kind: 'success' | 'info' | 'warning';
  message: string;
}

export interface AppEnv {
  Variables: {
    actor: Actor;
    requestId: string;
    csrfToken: string;
    ip: string | null;
    partnership: PartnershipRef | null;
    flash: Flash | null;
    /** Unread reminders of the signed-in user (pages only). */
    unread: number;
  };
}
