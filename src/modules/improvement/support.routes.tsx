import type { Context } from 'hono';
import { can } from '../../core/access/actor.ts';
import { toCsv } from '../../core/csv.ts';
import type { FieldErrors } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import { idParam } from '../../core/http/params.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import {
  Button,
  csvResponse,
  ErrorSummary,
  Form,
  formatDate,
  formatDateTime,
  SelectField,
  SummaryList,
  Table,
  Tag,
  TextArea,
  TextField,
} from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import type { PartnershipsService } from '../partnerships/index.ts';
import { SupportOfferList } from './support.api-schemas.ts';
import {
  FeedbackSchema,
  GapsCsvQuery,
  OFFER_LABELS,
  OfferSchema,
  RequestSchema,
  SearchQuery,
  TransitionSchema,
} from './support-schemas.ts';
import type { GapRow, NeedMatch, OfferUse, OfferView, RequestView, SupportService } from './support.service.ts';

const num = (v: number | null) => (v === null ? '—' : v.toLocaleString('en-GB', { maximumFractionDigits: 1 }));
const STATUS_COLOUR: Record<RequestView['status'], 'grey' | 'blue' | 'teal' | 'green' | 'red'> = {
  requested: 'grey',
  accepted: 'blue',
  in_progress: 'teal',
  completed: 'green',
  declined: 'red',
};
const NEED_KIND: Record<NeedMatch['need']['kind'], string> = {
  criterion: 'Self-evaluation',
  worsening: 'Outcome worsening',
  unequal: 'Unequal outcome',
};

const str = (raw: Record<string, unknown>, k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
const strs = (raw: Record<string, unknown>, k: string) => {
  const v = raw[k];
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
};

function Fictional({ show, what }: { show: boolean; what: string }) {
  return show ? (
    <p>
      <Tag colour="yellow">Demo – fictional</Tag> {what}
    </p>
  ) : null;
}

function StatusTag({ r }: { r: Pick<RequestView, 'status' | 'statusLabel'> }) {
  return <Tag colour={STATUS_COLOUR[r.status]}>{r.statusLabel}</Tag>;
}

function OfferSummary({ o }: { o: OfferView }) {
  return (
    <SummaryList
      items={[
        { key: 'Provider', value: o.provider },
        { key: 'Theme', value: o.theme },
        { key: 'Format', value: o.format },
        {
          key: 'Principles addressed',
          value: o.principles.length ? o.principles.map((p) => p.title).join('; ') : 'None named',
        },
        {
          key: 'Outcomes it helps with',
          value: o.indicators.length ? o.indicators.map((i) => i.name).join('; ') : 'None named',
        },
        { key: 'Who can use it', value: o.eligibility },
        { key: 'Contact', value: o.contact },
      ]}
    />
  );
}

function Checkboxes({
  name,
  legend,
  options,
  checked,
  errors,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  checked: string[];
  errors: FieldErrors | null;
}) {
  const messages = errors?.[name] ?? [];
  return (
    <fieldset class={`ds_question${messages.length ? ' ds_question--error' : ''}`} id={name}>
      <legend class="ds_label">{legend}</legend>
      {messages.length ? <p class="ds_question__error-message">{messages.join(' ')}</p> : null}
      <div class="cairn-checkboxes">
        {options.map((o) => (
          <div class="ds_checkbox ds_checkbox--small">
            <input
              class="ds_checkbox__input"
              type="checkbox"
              id={`${name}-${o.value}`}
              name={name}
              value={o.value}
              checked={checked.includes(o.value)}
            />
            <label class="ds_checkbox__label" for={`${name}-${o.value}`}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** What the support routes use: their service, and the asking user's partnerships. */
export interface SupportRoutesDeps {
  support: SupportService;
  partnerships: Pick<PartnershipsService, 'list'>;
}

export function supportRoutes(router: Router, deps: SupportRoutesDeps): void {
  const svc = deps.support;

  // ---- Public: the offers

  router.route(
    {
      method: 'GET',
      path: '/support',
      permission: 'support:read',
      kind: 'page',
      summary: 'Improvement support national bodies offer partnerships: search by words, principle, theme and format',
      query: SearchQuery,
    },
    async (c, { ctx, query }) => {
      const [offers, principles, formats, themes] = await Promise.all([
        svc.search(ctx, query),
        svc.principles(),
        svc.formats(),
        svc.themes(),
      ]);
      const analyst = can(ctx.actor, 'support:offer');
      const csvQuery = new URLSearchParams(
        Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'),
      ).toString();
      return render(c, {
        title: 'Improvement support',
        crumbs: [{ href: '/improvement', label: 'Improvement' }],
        wide: true,
        children: (
          <>
            <p class="ds_lead">
              Support national bodies offer community planning partnerships, by the principles of effective community
              planning it addresses and the outcomes it helps with.
            </p>
            {analyst ? (
              <ul>
                <li>
                  <a href="/support/offers/new">Publish an offer</a>
                </li>
                <li>
                  <a href="/support/requests">Requests from partnerships</a>
                </li>
                <li>
                  <a href="/support/gaps">Needs no offer meets, and each offer’s use and impact</a>
                </li>
              </ul>
            ) : null}
            <form method="get" action="/support">
              <TextField name="q" label="Search" hint="Words in the title, description or theme" value={query.q} />
              <SelectField
                name="principle"
                label="Principle"
                options={principles.map((p) => ({ value: p.code, label: p.title }))}
                value={query.principle}
                placeholder="Any principle"
              />
              <SelectField
                name="theme"
                label="Theme"
                options={themes.map((t) => ({ value: t, label: t }))}
                value={query.theme}
                placeholder="Any theme"
              />
              <SelectField
                name="format"
                label="Format"
                options={formats.map((f) => ({ value: f.code, label: f.label }))}
                value={query.format}
                placeholder="Any format"
              />
              <Button secondary>Search</Button>
            </form>
            <h2>
              {offers.length} {offers.length === 1 ? 'offer' : 'offers'}
            </h2>
            {offers.length ? (
              <ol class="ds_search-results__list">
                {offers.map((o) => (
                  <li class="ds_search-result">
                    <h3 class="ds_search-result__title">
                      <a class="ds_search-result__link" href={`/support/offers/${o.id}`}>
                        {o.title}
                      </a>
                    </h3>
                    <p class="ds_search-result__summary">
                      {o.fictional ? (
                        <>
                          <Tag colour="yellow">Demo – fictional</Tag>{' '}
                        </>
                      ) : null}
                      {o.description}
                    </p>
                    <dl class="ds_metadata ds_metadata--inline">
                      <div class="ds_metadata__item">
                        <dt class="ds_metadata__key">Provider</dt>
                        <dd class="ds_metadata__value">{o.provider}</dd>
                      </div>
                      <div class="ds_metadata__item">
                        <dt class="ds_metadata__key">Theme</dt>
                        <dd class="ds_metadata__value">{o.theme}</dd>
                      </div>
                      <div class="ds_metadata__item">
                        <dt class="ds_metadata__key">Format</dt>
                        <dd class="ds_metadata__value">{o.format}</dd>
                      </div>
                      <div class="ds_metadata__item">
                        <dt class="ds_metadata__key">Principles</dt>
                        <dd class="ds_metadata__value">
                          {o.principles.map((p) => p.title).join('; ') || 'None named'}
                        </dd>
                      </div>
                    </dl>
                  </li>
                ))}
              </ol>
            ) : (
              <p class="cairn-empty">No published offer matches. Try fewer words or another filter.</p>
            )}
            <p>
              <a href={`/api/v1/support/offers${csvQuery ? `?${csvQuery}` : ''}`}>These offers as JSON</a>
            </p>
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/support/offers',
      permission: 'support:read',
      kind: 'api',
      tag: 'improvement',
      summary: 'Published improvement support offers, searched and filtered as on /support',
      query: SearchQuery,
      operationId: 'listSupportOffers',
      response: SupportOfferList,
    },
    async (c, { ctx, query }) => {
      const offers = await svc.search(ctx, query);
      return c.json({
        data: offers.map((o) => ({
          id: o.id,
          title: o.title,
          theme: o.theme,
          description: o.description,
          provider: o.provider,
          format: o.format,
          eligibility: o.eligibility,
          contact: o.contact,
          fictional: o.fictional,
          principles: o.principles.map((p) => ({ code: p.code, title: p.title })),
          indicators: o.indicators,
        })),
      });
    },
  );

  // ---- National analysts: publish and withdraw

  const offerForm = async (c: Context<AppEnv>, raw: Record<string, unknown>, errors: FieldErrors | null) => {
    const [bodies, formats, principles, indicators] = await Promise.all([
      svc.nationalBodies(),
      svc.formats(),
      svc.principles(),
      svc.indicatorChoices(),
    ]);
    return render(c, {
      title: errors ? 'Error: publish an improvement support offer' : 'Publish an improvement support offer',
      crumbs: [
        { href: '/improvement', label: 'Improvement' },
        { href: '/support', label: 'Improvement support' },
      ],
      children: (
        <>
          <ErrorSummary errors={errors} labels={OFFER_LABELS} />
          <p>
            The offer is published as soon as you save it. Needs are matched to offers by the principles and outcomes
            you choose.
          </p>
          <Form action="/support/offers" token={c.get('csrfToken')}>
            <SelectField
              name="provider_organisation_id"
              label="National body"
              hint="Leave empty and give the provider’s name below if it is not listed"
              options={bodies.map((b) => ({ value: String(b.id), label: b.name }))}
              value={str(raw, 'provider_organisation_id')}
              placeholder="Not listed"
              errors={errors}
            />
            <TextField
              name="provider_name"
              label="Provider’s name (when not listed)"
              value={str(raw, 'provider_name')}
              errors={errors}
            />
            <TextField name="title" label="Title" value={str(raw, 'title')} errors={errors} />
            <TextField
              name="theme"
              label="Theme"
              hint="For example: Community engagement, Using data, Governance"
              value={str(raw, 'theme')}
              errors={errors}
            />
            <TextArea
              name="description"
              label="What the support is"
              value={str(raw, 'description')}
              errors={errors}
              rows={5}
            />
            <SelectField
              name="format_code"
              label="Format"
              options={formats.map((f) => ({ value: f.code, label: f.label }))}
              value={str(raw, 'format_code')}
              placeholder="Choose"
              errors={errors}
            />
            <TextArea
              name="eligibility"
              label="Who can use it"
              value={str(raw, 'eligibility')}
              errors={errors}
              rows={2}
            />
            <TextField
              name="contact"
              label="Contact"
              hint="An e-mail address, telephone number or web page"
              value={str(raw, 'contact')}
              errors={errors}
            />
            <Checkboxes
              name="criteria"
              legend="Principles addressed"
              options={principles.map((p) => ({ value: String(p.id), label: p.title }))}
              checked={strs(raw, 'criteria')}
              errors={errors}
            />
            <Checkboxes
              name="indicators"
              legend="Outcomes it helps with (optional)"
              options={indicators.map((i) => ({ value: i.code, label: i.name }))}
              checked={strs(raw, 'indicators')}
              errors={errors}
            />
            <Button>Publish the offer</Button>
          </Form>
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/support/offers/new',
      permission: 'support:offer',
      kind: 'page',
      summary: 'The form to publish an improvement support offer',
    },
    (c) => offerForm(c, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/support/offers',
      permission: 'support:offer',
      kind: 'page',
      summary: 'Publish an improvement support offer',
      body: OfferSchema,
      onInvalid: (c, e, raw) => offerForm(c, raw, e.fields),
    },
    async (c, { ctx, body }) => {
      const offer = await svc.createOffer(ctx, body);
      setFlash(c, { kind: 'success', message: `${offer.title} is published.` });
      return c.redirect(`/support/offers/${offer.id}`, 303);
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/support/offers/:id',
      permission: 'support:read',
      kind: 'page',
      summary: 'One improvement support offer',
    },
    async (c, { ctx }) => {
      const o = await svc.offer(ctx, idParam(c, 'id'));
      const analyst = can(ctx.actor, 'support:offer');
      const mine = ctx.actor.kind === 'user' ? (await deps.partnerships.list(ctx)).filter((p) => p.yourRole) : [];
      return render(c, {
        title: o.title,
        crumbs: [
          { href: '/improvement', label: 'Improvement' },
          { href: '/support', label: 'Improvement support' },
        ],
        children: (
          <>
            <Fictional
              show={o.fictional}
              what="This offer is invented demo content; the provider’s name is real, the offer is not."
            />
            {o.status === 'withdrawn' ? (
              <p>
                <Tag colour="red">Withdrawn</Tag> This offer is no longer open to requests.
              </p>
            ) : null}
            <p>{o.description}</p>
            <OfferSummary o={o} />
            {mine.length && o.status === 'published' ? (
              <>
                <h2>Ask for this support</h2>
                <p>Requests are made from your partnership’s support page, where needs are matched to offers:</p>
                <ul>
                  {mine.map((p) => (
                    <li>
                      <a href={`/p/${p.code}/improvement/support#offer-${o.id}`}>{p.name}: support</a>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {analyst && o.status === 'published' ? (
              <>
                <h2>Withdraw</h2>
                <p>A withdrawn offer leaves the public list; requests already made carry on.</p>
                <Form action={`/support/offers/${o.id}/withdraw`} token={c.get('csrfToken')}>
                  <Button secondary>Withdraw this offer</Button>
                </Form>
              </>
            ) : null}
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/support/offers/:id/withdraw',
      permission: 'support:offer',
      kind: 'page',
      summary: 'Withdraw an improvement support offer',
    },
    async (c, { ctx }) => {
      const id = idParam(c, 'id');
      await svc.withdrawOffer(ctx, id);
      setFlash(c, { kind: 'success', message: 'The offer is withdrawn.' });
      return c.redirect(`/support/offers/${id}`, 303);
    },
  );

  // ---- National analysts: every request, moved along the workflow

  router.route(
    {
      method: 'GET',
      path: '/support/requests',
      permission: 'support:offer',
      kind: 'page',
      summary: 'Every partnership’s support request with its status',
    },
    async (c, { ctx }) => {
      const requests = await svc.allRequests(ctx);
      return render(c, {
        title: 'Support requests',
        crumbs: [
          { href: '/improvement', label: 'Improvement' },
          { href: '/support', label: 'Improvement support' },
        ],
        wide: true,
        children: (
          <>
            <p>
              Every request partnerships have made, open ones first. Open a request to accept, start, complete or
              decline it.
            </p>
            <Table
              caption="Support requests"
              rows={requests}
              empty="No partnership has asked for support yet."
              columns={[
                { header: 'Request', cell: (r) => <a href={`/support/requests/${r.id}`}>{r.offerTitle}</a> },
                {
                  header: 'Partnership',
                  cell: (r) => (r.fictional ? `${r.partnershipName} (fictional)` : r.partnershipName),
                },
                { header: 'Need', cell: (r) => r.need },
                { header: 'Status', cell: (r) => <StatusTag r={r} /> },
                { header: 'Asked', cell: (r) => formatDate(r.createdAt) },
                { header: 'Usefulness', cell: (r) => (r.usefulness === null ? '—' : r.usefulness), numeric: true },
              ]}
            />
          </>
        ),
      });
    },
  );

  const requestPage = async (
    c: Context<AppEnv>,
    id: number,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const { request: r, events } = await svc.anyRequest(ctx, id);
    const actions = await svc.actionsFrom(r.status);
    return render(c, {
      title: errors ? `Error: ${r.offerTitle}` : r.offerTitle,
      label: `Support request from ${r.partnershipName}`,
      crumbs: [
        { href: '/support', label: 'Improvement support' },
        { href: '/support/requests', label: 'Support requests' },
      ],
      children: (
        <>
          <ErrorSummary errors={errors} labels={{ action: 'Action', note: 'Note' }} />
          <Fictional show={r.fictional} what="The demo partnership’s request is invented." />
          <RequestSummary r={r} />
          {actions.length ? (
            <>
              <h2>Move it along</h2>
              <Form action={`/support/requests/${r.id}/transition`} token={c.get('csrfToken')}>
                <SelectField
                  name="action"
                  label="Action"
                  options={actions.map((a) => ({
                    value: a.action,
                    label: `${a.label}${a.note_required ? ' (say why below)' : ''}`,
                  }))}
                  value={str(raw, 'action')}
                  errors={errors}
                />
                <TextArea
                  name="note"
                  label="Note"
                  hint="Shown to the partnership in the request’s history"
                  value={str(raw, 'note')}
                  errors={errors}
                  rows={3}
                />
                <Button>Save</Button>
              </Form>
            </>
          ) : (
            <p>The request is {r.statusLabel.toLowerCase()}: nothing more is expected.</p>
          )}
          <History events={events} />
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/support/requests/:id',
      permission: 'support:offer',
      kind: 'page',
      summary: 'One support request with its history and the actions open to it',
    },
    (c) => requestPage(c, idParam(c, 'id'), {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/support/requests/:id/transition',
      permission: 'support:offer',
      kind: 'page',
      summary: 'Accept, start, complete or decline a support request (the transitions in support_request_transitions)',
      body: TransitionSchema,
      onInvalid: (c, e, raw) => requestPage(c, idParam(c, 'id'), raw, e.fields),
    },
    async (c, { ctx, body }) => {
      const r = await svc.transition(ctx, idParam(c, 'id'), body);
      setFlash(c, { kind: 'success', message: `The request is now ${r.statusLabel.toLowerCase()}.` });
      return c.redirect(`/support/requests/${r.id}`, 303);
    },
  );

  // ---- National analysts: gaps and impact

  router.route(
    {
      method: 'GET',
      path: '/support/gaps',
      permission: 'support:offer',
      kind: 'page',
      summary: 'Needs across partnerships that no published offer meets; each offer’s use and rated impact',
    },
    async (c, { ctx }) => {
      const { gaps, offers } = await svc.gaps(ctx);
      return render(c, {
        title: 'Support needs, gaps and impact',
        crumbs: [
          { href: '/improvement', label: 'Improvement' },
          { href: '/support', label: 'Improvement support' },
        ],
        wide: true,
        children: (
          <>
            <p>
              Needs come from each partnership’s latest self-evaluation against the nine principles (criteria scored
              weak) and from its outcomes (indicators worsening by their change criterion, or where the most
              income-deprived communities fare markedly worse). A need is a gap when no published offer addresses its
              principle or outcome. Partnerships are named where the evidence is public: outcomes data, or a published
              self-evaluation; needs from unpublished self-evaluations are counted only.
            </p>
            <h2>Needs no offer meets</h2>
            <Table
              caption="Needs that no published offer meets"
              rows={gaps}
              empty="Every need found is met by at least one published offer."
              columns={[
                { header: 'Need', cell: (g: GapRow) => g.title },
                { header: 'From', cell: (g) => NEED_KIND[g.kind] },
                { header: 'Partnerships', cell: (g) => g.named.length + g.unnamed, numeric: true },
                {
                  header: 'Which, and the evidence',
                  cell: (g) => (
                    <>
                      {g.named.length ? (
                        <ul>
                          {g.named.map((n) => (
                            <li>
                              {n.name}: {n.evidence}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                      {g.unnamed ? <p>{g.unnamed} with an unpublished self-evaluation</p> : null}
                    </>
                  ),
                },
              ]}
            />
            <p>
              <a href="/support/gaps.csv?table=needs">Download the unmet needs as CSV</a>
            </p>
            <h2>Each offer’s use and rated impact</h2>
            <Table
              caption="Each offer’s requests, completions and rated usefulness"
              rows={offers}
              empty="No offers yet."
              columns={[
                {
                  header: 'Offer',
                  cell: (u: OfferUse) => <a href={`/support/offers/${u.offer.id}`}>{u.offer.title}</a>,
                },
                { header: 'Provider', cell: (u) => u.offer.provider },
                { header: 'Status', cell: (u) => (u.offer.status === 'published' ? 'Published' : 'Withdrawn') },
                { header: 'Requests', cell: (u) => u.requests, numeric: true },
                { header: 'Under way', cell: (u) => u.inProgress, numeric: true },
                { header: 'Completed', cell: (u) => u.completed, numeric: true },
                { header: 'Feedback', cell: (u) => u.feedbackCount, numeric: true },
                { header: 'Mean usefulness', cell: (u) => num(u.meanUsefulness), numeric: true },
                {
                  header: 'What changed',
                  cell: (u) =>
                    u.quotes.length ? (
                      <ul>
                        {u.quotes.map((q) => (
                          <li>
                            “{q.whatChanged}” ({q.partnership}; usefulness {q.usefulness})
                          </li>
                        ))}
                      </ul>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
            <p>
              <a href="/support/gaps.csv?table=offers">Download the offers’ use and impact as CSV</a>
            </p>
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/support/gaps.csv',
      permission: 'support:offer',
      kind: 'file',
      summary: 'The gaps view as CSV: unmet needs (table=needs) or each offer’s use and impact (table=offers)',
      query: GapsCsvQuery,
    },
    async (c, { ctx, query }) => {
      const { gaps, offers } = await svc.gaps(ctx);
      if (query.table === 'needs') {
        const rows = gaps.flatMap((g) => [
          ...g.named.map((n) => ({ g, partnership: n.name, evidence: n.evidence })),
          ...(g.unnamed
            ? [{ g, partnership: `${g.unnamed} not named (unpublished self-evaluation)`, evidence: '' }]
            : []),
        ]);
        return csvResponse(
          c,
          'support-unmet-needs.csv',
          toCsv(rows, [
            { header: 'need', value: (r) => r.g.title },
            { header: 'from', value: (r) => NEED_KIND[r.g.kind] },
            { header: 'key', value: (r) => r.g.key },
            { header: 'partnership', value: (r) => r.partnership },
            { header: 'evidence', value: (r) => r.evidence },
          ]),
        );
      }
      return csvResponse(
        c,
        'support-offers-use-and-impact.csv',
        toCsv(offers, [
          { header: 'offer_id', value: (u) => u.offer.id },
          { header: 'offer', value: (u) => u.offer.title },
          { header: 'provider', value: (u) => u.offer.provider },
          { header: 'status', value: (u) => u.offer.status },
          { header: 'fictional', value: (u) => u.offer.fictional },
          { header: 'requests', value: (u) => u.requests },
          { header: 'under_way', value: (u) => u.inProgress },
          { header: 'completed', value: (u) => u.completed },
          { header: 'feedback_count', value: (u) => u.feedbackCount },
          {
            header: 'mean_usefulness',
            value: (u) => (u.meanUsefulness === null ? null : Math.round(u.meanUsefulness * 100) / 100),
          },
          {
            header: 'what_changed',
            value: (u) => u.quotes.map((q) => `${q.partnership}: ${q.whatChanged}`).join(' | '),
          },
        ]),
      );
    },
  );

  // ---- The partnership: needs matched to offers, requests, feedback

  const partnershipPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const [needs, requests, published] = await Promise.all([
      svc.needs(ctx, p),
      svc.partnershipRequests(ctx, p),
      svc.search(ctx, {}),
    ]);
    const canRequest = can(ctx.actor, 'support:request', p.id);
    const token = c.get('csrfToken');
    const action = `/p/${p.code}/improvement/support/requests`;
    const failed = str(raw, '_form');
    return render(c, {
      title: errors ? 'Error: support' : 'Support',
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      crumbs: [{ href: `/p/${p.code}/improvement`, label: 'Improvement' }],
      children: (
        <>
          <ErrorSummary
            errors={errors}
            labels={{ need: 'Need', offer_id: 'Offer', criterion_id: 'Principle', indicator_code: 'Indicator' }}
            idPrefix={failed ? `${failed}-` : ''}
          />
          <Fictional
            show={p.fictional}
            what="The demo partnership’s needs, requests and feedback are invented; some offers are invented too and say so."
          />
          <p>
            Needs come from the partnership’s latest self-evaluation against the nine principles (criteria scored weak)
            and from its outcomes (indicators worsening by their change criterion, or where the most income-deprived
            communities fare markedly worse). Each is matched to the published offers that address its principle or
            outcome. <a href="/support">Search all offers</a>.
          </p>
          <h2>Needs and matching offers</h2>
          {needs.length === 0 ? (
            <p class="cairn-empty">
              No needs found: no criterion scored weak in the latest self-evaluation, and no outcome worsening or
              markedly unequal.
            </p>
          ) : null}
          {needs.map((m, i) => (
            <section class="cairn-need" aria-labelledby={`need-${i}`}>
              <h3 id={`need-${i}`}>
                {m.need.title}{' '}
                <Tag colour={m.need.kind === 'criterion' ? 'blue' : 'orange'}>{NEED_KIND[m.need.kind]}</Tag>
              </h3>
              <p>
                <strong>Why:</strong> {m.summary}.
                {m.need.kind === 'criterion' && m.need.evidence ? <> Evidence recorded: {m.need.evidence}</> : null}
              </p>
              {m.offers.length === 0 ? (
                <p class="cairn-empty">No published offer meets this need yet.</p>
              ) : (
                m.offers.map((o) => {
                  const prefix = `n${i}-o${o.id}`;
                  const ownErrors = failed === prefix ? errors : null;
                  return (
                    <div class="cairn-offer" id={`offer-${o.id}`}>
                      <h4>
                        <a href={`/support/offers/${o.id}`}>{o.title}</a>
                      </h4>
                      <p>
                        {o.provider} · {o.format} · {o.theme}
                        {o.fictional ? (
                          <>
                            {' '}
                            <Tag colour="yellow">Demo – fictional</Tag>
                          </>
                        ) : null}
                      </p>
                      {canRequest ? (
                        <Form action={action} token={token}>
                          <input type="hidden" name="_form" value={prefix} />
                          <input type="hidden" name="offer_id" value={String(o.id)} />
                          {m.need.kind === 'criterion' ? (
                            <input type="hidden" name="criterion_id" value={String(m.need.criterionId)} />
                          ) : (
                            <input type="hidden" name="indicator_code" value={m.need.indicatorCode} />
                          )}
                          <TextArea
                            idPrefix={`${prefix}-`}
                            name="need"
                            label="The need, in your words"
                            value={ownErrors ? str(raw, 'need') : m.summary}
                            errors={ownErrors}
                            rows={2}
                          />
                          <Button secondary small>
                            Request this support
                          </Button>
                        </Form>
                      ) : null}
                    </div>
                  );
                })
              )}
            </section>
          ))}
          {canRequest ? (
            <>
              <h2>Request any offer</h2>
              <Form action={action} token={token}>
                <input type="hidden" name="_form" value="any" />
                <SelectField
                  idPrefix="any-"
                  name="offer_id"
                  label="Offer"
                  options={published.map((o) => ({ value: String(o.id), label: `${o.title} (${o.provider})` }))}
                  value={failed === 'any' ? str(raw, 'offer_id') : ''}
                  placeholder="Choose"
                  errors={failed === 'any' ? errors : null}
                />
                <TextArea
                  idPrefix="any-"
                  name="need"
                  label="The need it would meet"
                  value={failed === 'any' ? str(raw, 'need') : ''}
                  errors={failed === 'any' ? errors : null}
                  rows={3}
                />
                <Button>Request this support</Button>
              </Form>
            </>
          ) : null}
          <h2>The partnership’s requests</h2>
          <Table
            caption="Support the partnership has asked for"
            rows={requests}
            empty="The partnership has not asked for support yet."
            columns={[
              {
                header: 'Offer',
                cell: (r) => <a href={`/p/${p.code}/improvement/support/requests/${r.id}`}>{r.offerTitle}</a>,
              },
              { header: 'Provider', cell: (r) => r.provider },
              { header: 'Need', cell: (r) => r.need },
              { header: 'Status', cell: (r) => <StatusTag r={r} /> },
              { header: 'Asked', cell: (r) => formatDate(r.createdAt) },
              {
                header: 'Usefulness',
                cell: (r) =>
                  r.usefulness !== null ? r.usefulness : r.status === 'completed' ? 'No feedback yet' : '—',
              },
            ]}
          />
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/improvement/support',
      permission: 'improvement:read',
      kind: 'page',
      summary: 'The partnership’s needs matched to support offers, and its requests',
    },
    (c, { partnership: p }) => partnershipPage(c, p, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/improvement/support/requests',
      permission: 'support:request',
      kind: 'page',
      summary: 'Request an improvement support offer for the partnership',
      body: RequestSchema,
      onInvalid: (c, e, raw, p) => partnershipPage(c, p, raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const r = await svc.request(ctx, p, body);
      setFlash(c, { kind: 'success', message: `Support requested: ${r.offerTitle}.` });
      return c.redirect(`/p/${p.code}/improvement/support/requests/${r.id}`, 303);
    },
  );

  const partnershipRequestPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    id: number,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const { request: r, events } = await svc.partnershipRequest(ctx, p, id);
    const levels = await svc.usefulnessLevels();
    const usefulnessErrors = errors?.usefulness ?? [];
    return render(c, {
      title: errors ? `Error: ${r.offerTitle}` : r.offerTitle,
      label: p.name,
      subnav: partnershipNav(c, p),
      crumbs: [
        { href: `/p/${p.code}/improvement`, label: 'Improvement' },
        { href: `/p/${p.code}/improvement/support`, label: 'Support' },
      ],
      children: (
        <>
          <ErrorSummary errors={errors} labels={{ usefulness: 'How useful it was', what_changed: 'What changed' }} />
          <Fictional show={r.fictional} what="The demo partnership’s request and feedback are invented." />
          <RequestSummary r={r} />
          {r.status === 'completed' && r.feedbackAt === null && can(ctx.actor, 'support:request', p.id) ? (
            <>
              <h2>Feedback</h2>
              <p>
                Your rating and account of what changed are shown to national bodies beside the offer, to monitor its
                use and impact.
              </p>
              <Form action={`/p/${p.code}/improvement/support/requests/${r.id}/feedback`} token={c.get('csrfToken')}>
                <fieldset class={`ds_question${usefulnessErrors.length ? ' ds_question--error' : ''}`} id="usefulness">
                  <legend class="ds_label">How useful was the support?</legend>
                  {usefulnessErrors.length ? (
                    <p class="ds_question__error-message">{usefulnessErrors.join(' ')}</p>
                  ) : null}
                  <div class="ds_field-group">
                    {levels.map((l) => (
                      <div class="ds_radio ds_radio--small">
                        <input
                          class="ds_radio__input"
                          type="radio"
                          id={`usefulness-${l.score}`}
                          name="usefulness"
                          value={String(l.score)}
                          checked={str(raw, 'usefulness') === String(l.score)}
                        />
                        <label class="ds_radio__label" for={`usefulness-${l.score}`}>
                          {l.score} – {l.label}
                        </label>
                      </div>
                    ))}
                  </div>
                </fieldset>
                <TextArea
                  name="what_changed"
                  label="What changed because of it"
                  value={str(raw, 'what_changed')}
                  errors={errors}
                  rows={4}
                />
                <Button>Send the feedback</Button>
              </Form>
            </>
          ) : null}
          <History events={events} />
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/improvement/support/requests/:id',
      permission: 'improvement:read',
      kind: 'page',
      summary: 'One of the partnership’s support requests, with its history and feedback',
    },
    (c, { partnership: p }) => partnershipRequestPage(c, p, idParam(c, 'id'), {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/improvement/support/requests/:id/feedback',
      permission: 'support:request',
      kind: 'page',
      summary: 'Feedback on completed support: usefulness from 1 to 5 and what changed',
      body: FeedbackSchema,
      onInvalid: (c, e, raw, p) => partnershipRequestPage(c, p, idParam(c, 'id'), raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const id = idParam(c, 'id');
      await svc.feedback(ctx, p, id, body);
      setFlash(c, { kind: 'success', message: 'Thank you: the feedback is recorded.' });
      return c.redirect(`/p/${p.code}/improvement/support/requests/${id}`, 303);
    },
  );
}

function RequestSummary({ r }: { r: RequestView }) {
  return (
    <SummaryList
      items={[
        { key: 'Offer', value: <a href={`/support/offers/${r.offerId}`}>{r.offerTitle}</a> },
        { key: 'Provider', value: r.provider },
        { key: 'Partnership', value: r.partnershipName },
        { key: 'Need', value: r.need },
        { key: 'Status', value: <StatusTag r={r} /> },
        { key: 'Asked', value: `${formatDate(r.createdAt)}${r.requestedBy ? ` by ${r.requestedBy}` : ''}` },
        ...(r.completedAt ? [{ key: 'Completed', value: formatDate(r.completedAt) }] : []),
        ...(r.usefulness !== null
          ? [
              {
                key: 'Usefulness',
                value: r.usefulnessLabel ? `${r.usefulness} – ${r.usefulnessLabel}` : String(r.usefulness),
              },
              { key: 'What changed', value: r.whatChanged ?? '' },
            ]
          : []),
      ]}
    />
  );
}

function History({
  events,
}: {
  events: { action: string; from: string | null; to: string; note: string | null; by: string | null; at: Date }[];
}) {
  return (
    <>
      <h2>History</h2>
      <Table
        caption="The request’s history"
        rows={events}
        empty="No history yet."
        columns={[
          { header: 'When', cell: (e) => formatDateTime(e.at) },
          { header: 'Status', cell: (e) => (e.from ? `${e.from} → ${e.to}` : e.to) },
          { header: 'By', cell: (e) => e.by ?? 'Cairn' },
          { header: 'Note', cell: (e) => e.note ?? '' },
        ]}
      />
    </>
  );
}
