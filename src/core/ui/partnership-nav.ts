import type { Context } from 'hono';
import { can } from '../access/actor.ts';
import type { AppEnv, PartnershipRef } from '../http/env.ts';

/** The tabs along the top of every partnership page, filtered by what the user may open. */
export function partnershipNav(c: Context<AppEnv>, p: PartnershipRef) {
  const actor = c.get('actor');
  const base = `/partnerships/${p.code}`;
  const items = [
    { href: base, label: 'Dashboard', show: true },
    { href: `${base}/organisations`, label: 'Partners', show: true },
    { href: `${base}/localities`, label: 'Localities', show: true },
    { href: `${base}/plans`, label: 'Plans', show: true },
    { href: `${base}/data`, label: 'Own data', show: true },
    { href: `${base}/progress`, label: 'Progress', show: true },
    { href: `${base}/reports`, label: 'Annual report', show: true },
    { href: `${base}/improvement`, label: 'Improvement', show: can(actor, 'improvement:read', p.id) },
    { href: `${base}/members`, label: 'People', show: true },
    { href: `${base}/requests`, label: 'Requests', show: can(actor, 'request:read', p.id) },
    { href: `${base}/community-bodies`, label: 'Community bodies', show: can(actor, 'request:read', p.id) },
    { href: `${base}/land`, label: 'Land register', show: can(actor, 'request:read', p.id) },
    { href: `${base}/audit`, label: 'Audit trail', show: can(actor, 'audit:read', p.id) },
    { href: `${base}/settings`, label: 'Settings', show: can(actor, 'partnership:update', p.id) },
  ];
  const path = c.req.path;
  return items
    .filter((i) => i.show)
    .map((i) => ({ href: i.href, label: i.label, current: i.href === base ? path === base : path.startsWith(i.href) }));
}
