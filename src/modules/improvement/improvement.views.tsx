import type { PartnershipRef } from '../../core/http/env.ts';
import { partnershipHref } from '../../core/http/paths.ts';
import { Table, Tag } from '../../core/ui/components.tsx';

/** Views of the two doors into accountability and improvement: props in, JSX out (routes in improvement.routes.tsx). */

/** A link with a line on what is behind it. */
export interface DoorLink {
  href: string;
  label: string;
  hint: string;
}

/** Links with a line each on what is behind them, in the design system's category list. */
function CategoryList({ links }: { links: DoorLink[] }) {
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

/** The links for national analysts, each shown where the actor may follow it. */
function nationalLinks(may: { compare: boolean; offer: boolean; publish: boolean }): DoorLink[] {
  return [
    {
      href: '/self-evaluation',
      label: 'Self-evaluation across partnerships',
      hint: 'The spread of scores per principle; partnerships named where they published.',
      show: may.compare,
    },
    {
      href: '/support/requests',
      label: 'Support requests',
      hint: 'Every partnership’s request, to completion.',
      show: may.offer,
    },
    {
      href: '/support/gaps',
      label: 'Needs and gaps',
      hint: 'Needs no offer meets; each offer’s use and rated impact.',
      show: may.offer,
    },
    {
      href: '/good-practice/review',
      label: 'Case studies to review',
      hint: 'Submitted by partnerships, waiting to be published or returned.',
      show: may.publish,
    },
  ].filter((l) => l.show);
}

/**
 * `/improvement`, for everyone: what national bodies publish and what partnerships have published; `may` says
 * which national analysts' links the actor may follow, `mine` are the partnerships where they hold a role.
 */
export function ImprovementPage({
  may,
  mine,
}: {
  may: { compare: boolean; offer: boolean; publish: boolean };
  mine: readonly { code: string; name: string }[];
}) {
  const national = nationalLinks(may);
  return (
    <>
      <p class="ds_lead">
        How community planning is held to account and how it improves: what auditors recommended and how far it has got,
        how partnerships judge themselves against the nine principles, the support on offer, and what has worked
        elsewhere.
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
                <a href={partnershipHref(p.code, 'improvement')}>{p.name}: improvement</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** `/partnerships/<code>/improvement`: the partnership's own improvement work and its improvement plans. */
export function PartnershipImprovementPage({
  p,
  plans,
}: {
  p: PartnershipRef;
  plans: readonly { id: number; title: string; start_year: number; end_year: number; status: string }[];
}) {
  const base = (...segments: string[]) => partnershipHref(p.code, 'improvement', ...segments);
  return (
    <>
      {p.fictional ? (
        <p>
          <Tag colour="yellow">Demo – fictional</Tag> The demo partnership’s improvement work is invented; the audit
          recommendations it answers are real.
        </p>
      ) : null}
      <p>
        The partnership’s answers to audit recommendations, how it judges itself against the principles of effective
        community planning, the support it has asked for, and the good practice it shares.
      </p>
      <CategoryList
        links={[
          {
            href: base('recommendations'),
            label: 'Recommendations',
            hint: 'The recommendations addressed to partnerships and the improvement actions that answer them.',
          },
          {
            href: base('self-evaluation'),
            label: 'Self-evaluation',
            hint: 'Scores per principle per year, with evidence and the views of partners and community bodies.',
          },
          {
            href: base('support'),
            label: 'Support',
            hint: 'Needs drawn from the self-evaluation and the outcomes data, matched to offers; requests and feedback.',
          },
          {
            href: base('case-studies'),
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
          { header: 'Plan', cell: (pl) => <a href={partnershipHref(p.code, 'plans', pl.id)}>{pl.title}</a> },
          { header: 'Period', cell: (pl) => `${pl.start_year}–${pl.end_year}` },
          { header: 'Status', cell: (pl) => pl.status },
        ]}
      />
    </>
  );
}
