import { can } from '../../core/access/actor.ts';
import type { Router } from '../../core/http/router.ts';
import { Table, Tag } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import type { PartnershipsService } from '../partnerships/index.ts';
import type { PlansService } from '../plans/index.ts';

/**
 * The two doors into accountability and improvement (issue 6): `/improvement` for everyone (what national
 * bodies publish and what partnerships have published) and `/p/<code>/improvement` for a partnership's
 * own work: its answers to audit recommendations, its self-evaluation, the support it asked for and the
 * case studies it is writing.
 */
/** Links with a line each on what is behind them, in the design system's category list. */
function CategoryList({ links }: { links: { href: string; label: string; hint: string }[] }) {
  return (
    <ul class="ds_category-list">
      {links.map((l) => (
        <li class="ds_category-item">
          <h2 class="ds_category-item__title">
            <a class="ds_category-item__link" href={l.href}>
              {l.label}
            </a>
          </h2>
          <p class="ds_category-item__summary">{l.hint}</p>
        </li>
      ))}
    </ul>
  );
}

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
      const national = [
        {
          href: '/self-evaluation',
          label: 'Self-evaluation across partnerships',
          hint: 'The spread of scores per principle; partnerships named where they published.',
          show: can(actor, 'self-evaluation:compare'),
        },
        {
          href: '/support/requests',
          label: 'Support requests',
          hint: 'Every partnership’s request, to completion.',
          show: can(actor, 'support:offer'),
        },
        {
          href: '/support/gaps',
          label: 'Needs and gaps',
          hint: 'Needs no offer meets; each offer’s use and rated impact.',
          show: can(actor, 'support:offer'),
        },
        {
          href: '/good-practice/review',
          label: 'Case studies to review',
          hint: 'Submitted by partnerships, waiting to be published or returned.',
          show: can(actor, 'case-study:publish'),
        },
      ].filter((l) => l.show);
      const mine = actor.kind === 'user' ? (await deps.partnerships.list(ctx)).filter((p) => p.yourRole) : [];
      return render(c, {
        title: 'Accountability and improvement',
        children: (
          <>
            <p class="ds_lead">
              How community planning is held to account and how it improves: what auditors recommended and how far it
              has got, how partnerships judge themselves against the nine principles, the support on offer, and what has
              worked elsewhere.
            </p>
            <CategoryList
              links={[
                {
                  href: '/national',
                  label: 'All 32 partnerships',
                  hint: 'Plans, annual reports, recommendation responses, self-evaluation, outcomes and requests, side by side; and the plan stocktake.',
                },
                {
                  href: '/recommendations',
                  label: 'Audit recommendations',
                  hint: 'Reports and their recommendations with Green, Amber or Red progress, and the impact table as Word and CSV.',
                },
                {
                  href: '/support',
                  label: 'Improvement support',
                  hint: 'What national bodies offer partnerships: search by principle, theme and format.',
                },
                {
                  href: '/good-practice',
                  label: 'Good practice',
                  hint: 'Case studies from partnerships, searchable, with the outcomes they moved.',
                },
              ]}
            />
            {national.length ? (
              <>
                <h2>For national analysts</h2>
                <ul>
                  {national.map((l) => (
                    <li>
                      <a href={l.href}>{l.label}</a> — {l.hint}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {mine.length ? (
              <>
                <h2>Your partnerships</h2>
                <ul>
                  {mine.map((p) => (
                    <li>
                      <a href={`/p/${p.code}/improvement`}>{p.name}: improvement</a>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/improvement',
      permission: 'improvement:read',
      kind: 'page',
      summary: 'The partnership’s improvement work in one place',
    },
    async (c, { partnership: p, ctx }) => {
      const plans = (await deps.plans.list(ctx, p.id)).filter((pl) => pl.kind === 'improvement');
      const base = `/p/${p.code}/improvement`;
      return render(c, {
        title: 'Improvement',
        label: p.name,
        subnav: partnershipNav(c, p),
        children: (
          <>
            {p.fictional ? (
              <p>
                <Tag colour="yellow">Demo – fictional</Tag> The demo partnership’s improvement work is invented; the
                audit recommendations it answers are real.
              </p>
            ) : null}
            <p>
              The partnership’s answers to audit recommendations, how it judges itself against the principles of
              effective community planning, the support it has asked for, and the good practice it shares.
            </p>
            <CategoryList
              links={[
                {
                  href: `${base}/recommendations`,
                  label: 'Recommendations',
                  hint: 'The recommendations addressed to partnerships and the improvement actions that answer them.',
                },
                {
                  href: `${base}/self-evaluation`,
                  label: 'Self-evaluation',
                  hint: 'Scores per principle per year, with evidence and the views of partners and community bodies.',
                },
                {
                  href: `${base}/support`,
                  label: 'Support',
                  hint: 'Needs drawn from the self-evaluation and the outcomes data, matched to offers; requests and feedback.',
                },
                {
                  href: `${base}/case-studies`,
                  label: 'Case studies',
                  hint: 'Good practice written up and submitted to the national library.',
                },
              ]}
            />
            <h2>Improvement plans</h2>
            <Table
              caption="The partnership’s improvement plans"
              rows={plans}
              empty="The partnership has no improvement plan yet. Create one under Plans (kind: improvement plan) to answer recommendations with its actions."
              columns={[
                { header: 'Plan', cell: (pl) => <a href={`/p/${p.code}/plans/${pl.id}`}>{pl.title}</a> },
                { header: 'Period', cell: (pl) => `${pl.start_year}–${pl.end_year}` },
                { header: 'Status', cell: (pl) => pl.status },
              ]}
            />
          </>
        ),
      });
    },
  );
}
