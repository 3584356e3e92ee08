import { can } from '../../core/access/actor.ts';
import type { Router } from '../../core/http/router.ts';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import type { PartnershipsService } from '../partnerships/index.ts';
import type { PlansService } from '../plans/index.ts';
import { ImprovementPage, PartnershipImprovementPage } from './improvement.views.tsx';

/**
 * The two doors into accountability and improvement (issue 6): `/improvement` for everyone (what national
 * bodies publish and what partnerships have published) and `/partnerships/<code>/improvement` for a partnership's
 * own work: its answers to audit recommendations, its self-evaluation, the support it asked for and the
 * case studies it is writing.
 */

/** What the two doors use: the asking user's partnerships and a partnership's plans. */
export interface ImprovementRoutesDeps {
  partnerships: Pick<PartnershipsService, 'list'>;
  plans: Pick<PlansService, 'list'>;
}

export function improvementRoutes(router: Router, deps: ImprovementRoutesDeps): void {
  router.route(
    {
      method: 'GET',
      path: '/improvement',
      permission: 'national-view:read',
      kind: 'page',
      summary: 'Accountability and improvement across Scotland: where to start',
    },
    async (c, { ctx }) => {
      const actor = ctx.actor;
      const may = {
        compare: can(actor, 'self-evaluation:compare'),
        offer: can(actor, 'support:offer'),
        publish: can(actor, 'case-study:publish'),
      };
      const mine = actor.kind === 'user' ? (await deps.partnerships.list(ctx)).filter((p) => p.yourRole) : [];
      return render(c, {
        title: 'Accountability and improvement',
        children: <ImprovementPage may={may} mine={mine} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/improvement',
      permission: 'improvement:read',
      kind: 'page',
      summary: 'The partnership’s improvement work in one place',
    },
    async (c, { partnership: p, ctx }) => {
      const plans = (await deps.plans.list(ctx, p.id)).filter((pl) => pl.kind === 'improvement');
      return render(c, {
        title: 'Improvement',
        label: p.name,
        subnav: partnershipNav(c, p),
        children: <PartnershipImprovementPage p={p} plans={plans} />,
      });
    },
  );
}
