import type { Actor } from '../access/actor.ts';

/** The partnership a `/partnerships/:partnership/…` route is about, resolved and access-checked by the router. */
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
    /** false when the request came without a CSRF cookie (the token was only just issued). */
    csrfSent: boolean;
    ip: string | null;
    partnership: PartnershipRef | null;
    flash: Flash | null;
    /** Unread reminders of the signed-in user (pages only). */
    unread: number;
    /** The route's path parameters, parsed by the router through core/http/params.ts. */
    params: Record<string, number | string>;
    /** A page's form as its schema saw it (trimmed, empty fields left out), for the page that shows its errors. */
    form: Record<string, unknown> | null;
  };
}
