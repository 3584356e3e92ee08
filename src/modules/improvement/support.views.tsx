import type { PartnershipRef } from '../../core/http/env.ts';
import { sentText, sentTexts } from '../../core/http/forms.ts';
import type { FieldErrors } from '../../core/errors.ts';
import { partnershipHref } from '../../core/http/paths.ts';
import {
  Button,
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
import { OFFER_LABELS, type SearchInput } from './support-schemas.ts';
import { NEED_KIND } from './support.presenters.ts';
import type { GapRow, NeedMatch, OfferUse, OfferView, RequestEventView, RequestView } from './support.service.ts';

/** Views of the improvement-support portal: props in, JSX out (the routes are in support.routes.tsx). */

type Raw = Record<string, unknown>;

const num = (v: number | null) => (v === null ? '—' : v.toLocaleString('en-GB', { maximumFractionDigits: 1 }));
const STATUS_COLOUR: Record<RequestView['status'], 'grey' | 'blue' | 'teal' | 'green' | 'red'> = {
  requested: 'grey',
  accepted: 'blue',
  in_progress: 'teal',
  completed: 'green',
  declined: 'red',
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

function History({ events }: { events: RequestEventView[] }) {
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

// ---- Public: the offers

function OfferResult({ o }: { o: OfferView }) {
  return (
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
          <dd class="ds_metadata__value">{o.principles.map((p) => p.title).join('; ') || 'None named'}</dd>
        </div>
      </dl>
    </li>
  );
}

/** /support: the published offers, searched and filtered. */
export function OfferSearch({
  query,
  offers,
  principles,
  formats,
  themes,
  analyst,
  jsonHref,
}: {
  query: SearchInput;
  offers: OfferView[];
  principles: { code: string; title: string }[];
  formats: { code: string; label: string }[];
  themes: string[];
  /** Whether the reader may publish offers and see requests and gaps. */
  analyst: boolean;
  jsonHref: string;
}) {
  return (
    <>
      <p class="ds_lead">
        Support national bodies offer community planning partnerships, by the principles of effective community planning
        it addresses and the outcomes it helps with.
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
            <OfferResult o={o} />
          ))}
        </ol>
      ) : (
        <p class="cairn-empty">No published offer matches. Try fewer words or another filter.</p>
      )}
      <p>
        <a href={jsonHref}>These offers as JSON</a>
      </p>
    </>
  );
}

// ---- National analysts: publish and withdraw

/** The form to publish an offer, with what was typed and its errors. */
export function OfferForm({
  raw,
  errors,
  bodies,
  formats,
  principles,
  indicators,
  csrfToken,
}: {
  raw: Raw;
  errors: FieldErrors | null;
  bodies: { id: number; name: string }[];
  formats: { code: string; label: string }[];
  principles: { id: number; title: string }[];
  indicators: { code: string; name: string }[];
  csrfToken: string;
}) {
  return (
    <>
      <ErrorSummary errors={errors} labels={OFFER_LABELS} />
      <p>
        The offer is published as soon as you save it. Needs are matched to offers by the principles and outcomes you
        choose.
      </p>
      <Form action="/support/offers" token={csrfToken}>
        <SelectField
          name="provider_organisation_id"
          label="National body"
          hint="Leave empty and give the provider’s name below if it is not listed"
          options={bodies.map((b) => ({ value: String(b.id), label: b.name }))}
          value={sentText(raw, 'provider_organisation_id')}
          placeholder="Not listed"
          errors={errors}
        />
        <TextField
          name="provider_name"
          label="Provider’s name (when not listed)"
          value={sentText(raw, 'provider_name')}
          errors={errors}
        />
        <TextField name="title" label="Title" value={sentText(raw, 'title')} errors={errors} />
        <TextField
          name="theme"
          label="Theme"
          hint="For example: Community engagement, Using data, Governance"
          value={sentText(raw, 'theme')}
          errors={errors}
        />
        <TextArea
          name="description"
          label="What the support is"
          value={sentText(raw, 'description')}
          errors={errors}
          rows={5}
        />
        <SelectField
          name="format_code"
          label="Format"
          options={formats.map((f) => ({ value: f.code, label: f.label }))}
          value={sentText(raw, 'format_code')}
          placeholder="Choose"
          errors={errors}
        />
        <TextArea
          name="eligibility"
          label="Who can use it"
          value={sentText(raw, 'eligibility')}
          errors={errors}
          rows={2}
        />
        <TextField
          name="contact"
          label="Contact"
          hint="An e-mail address, telephone number or web page"
          value={sentText(raw, 'contact')}
          errors={errors}
        />
        <Checkboxes
          name="criteria"
          legend="Principles addressed"
          options={principles.map((p) => ({ value: String(p.id), label: p.title }))}
          checked={sentTexts(raw, 'criteria')}
          errors={errors}
        />
        <Checkboxes
          name="indicators"
          legend="Outcomes it helps with (optional)"
          options={indicators.map((i) => ({ value: i.code, label: i.name }))}
          checked={sentTexts(raw, 'indicators')}
          errors={errors}
        />
        <Button>Publish the offer</Button>
      </Form>
    </>
  );
}

/** One offer: where the reader's partnerships ask for it, and (for national analysts) withdrawing it. */
export function OfferPage({
  o,
  mine,
  analyst,
  csrfToken,
}: {
  o: OfferView;
  /** The reader's own partnerships. */
  mine: { code: string; name: string }[];
  analyst: boolean;
  csrfToken: string;
}) {
  return (
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
                <a href={`${partnershipHref(p.code, 'improvement', 'support')}#offer-${o.id}`}>{p.name}: support</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {analyst && o.status === 'published' ? (
        <>
          <h2>Withdraw</h2>
          <p>A withdrawn offer leaves the public list; requests already made carry on.</p>
          <Form action={`/support/offers/${o.id}/withdraw`} token={csrfToken}>
            <Button secondary>Withdraw this offer</Button>
          </Form>
        </>
      ) : null}
    </>
  );
}

// ---- National analysts: every request, moved along the workflow

/** Every partnership's request, open ones first. */
export function AllRequests({ requests }: { requests: RequestView[] }) {
  return (
    <>
      <p>
        Every request partnerships have made, open ones first. Open a request to accept, start, complete or decline it.
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
  );
}

/** One request with its history and the actions the workflow allows from its status. */
export function RequestPage({
  r,
  events,
  actions,
  raw,
  errors,
  csrfToken,
}: {
  r: RequestView;
  events: RequestEventView[];
  actions: { action: string; label: string; note_required: boolean }[];
  raw: Raw;
  errors: FieldErrors | null;
  csrfToken: string;
}) {
  return (
    <>
      <ErrorSummary errors={errors} labels={{ action: 'Action', note: 'Note' }} />
      <Fictional show={r.fictional} what="The demo partnership’s request is invented." />
      <RequestSummary r={r} />
      {actions.length ? (
        <>
          <h2>Move it along</h2>
          <Form action={`/support/requests/${r.id}/transition`} token={csrfToken}>
            <SelectField
              name="action"
              label="Action"
              options={actions.map((a) => ({
                value: a.action,
                label: `${a.label}${a.note_required ? ' (say why below)' : ''}`,
              }))}
              value={sentText(raw, 'action')}
              errors={errors}
            />
            <TextArea
              name="note"
              label="Note"
              hint="Shown to the partnership in the request’s history"
              value={sentText(raw, 'note')}
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
  );
}

// ---- National analysts: gaps and impact

function GapsTable({ gaps }: { gaps: GapRow[] }) {
  return (
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
  );
}

function OfferUseTable({ offers }: { offers: OfferUse[] }) {
  return (
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
  );
}

/** Needs no published offer meets, and each offer's use and rated impact. */
export function GapsPage({ gaps, offers }: { gaps: GapRow[]; offers: OfferUse[] }) {
  return (
    <>
      <p>
        Needs come from each partnership’s latest self-evaluation against the nine principles (criteria scored weak) and
        from its outcomes (indicators worsening by their change criterion, or where the most income-deprived communities
        fare markedly worse). A need is a gap when no published offer addresses its principle or outcome. Partnerships
        are named where the evidence is public: outcomes data, or a published self-evaluation; needs from unpublished
        self-evaluations are counted only.
      </p>
      <h2>Needs no offer meets</h2>
      <GapsTable gaps={gaps} />
      <p>
        <a href="/support/gaps.csv?table=needs">Download the unmet needs as CSV</a>
      </p>
      <h2>Each offer’s use and rated impact</h2>
      <OfferUseTable offers={offers} />
      <p>
        <a href="/support/gaps.csv?table=offers">Download the offers’ use and impact as CSV</a>
      </p>
    </>
  );
}

// ---- The partnership: needs matched to offers, requests, feedback

/** The forms on the partnership's support page: where they post, and the one that failed with its errors. */
interface RequestForms {
  /** Whether the reader may request support for the partnership. */
  canRequest: boolean;
  action: string;
  csrfToken: string;
  raw: Raw;
  errors: FieldErrors | null;
  /** The `_form` of the form that failed, if one did. */
  failed: string;
}

function MatchedOffer({ m, i, o, forms }: { m: NeedMatch; i: number; o: OfferView; forms: RequestForms }) {
  const prefix = `n${i}-o${o.id}`;
  const ownErrors = forms.failed === prefix ? forms.errors : null;
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
      {forms.canRequest ? (
        <Form action={forms.action} token={forms.csrfToken}>
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
            value={ownErrors ? sentText(forms.raw, 'need') : m.summary}
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
}

function NeedSection({ m, i, forms }: { m: NeedMatch; i: number; forms: RequestForms }) {
  return (
    <section class="cairn-need" aria-labelledby={`need-${i}`}>
      <h3 id={`need-${i}`}>
        {m.need.title} <Tag colour={m.need.kind === 'criterion' ? 'blue' : 'orange'}>{NEED_KIND[m.need.kind]}</Tag>
      </h3>
      <p>
        <strong>Why:</strong> {m.summary}.
        {m.need.kind === 'criterion' && m.need.evidence ? <> Evidence recorded: {m.need.evidence}</> : null}
      </p>
      {m.offers.length === 0 ? (
        <p class="cairn-empty">No published offer meets this need yet.</p>
      ) : (
        m.offers.map((o) => <MatchedOffer m={m} i={i} o={o} forms={forms} />)
      )}
    </section>
  );
}

function RequestAnyOffer({ published, forms }: { published: OfferView[]; forms: RequestForms }) {
  const failed = forms.failed === 'any';
  return (
    <>
      <h2>Request any offer</h2>
      <Form action={forms.action} token={forms.csrfToken}>
        <input type="hidden" name="_form" value="any" />
        <SelectField
          idPrefix="any-"
          name="offer_id"
          label="Offer"
          options={published.map((o) => ({ value: String(o.id), label: `${o.title} (${o.provider})` }))}
          value={failed ? sentText(forms.raw, 'offer_id') : ''}
          placeholder="Choose"
          errors={failed ? forms.errors : null}
        />
        <TextArea
          idPrefix="any-"
          name="need"
          label="The need it would meet"
          value={failed ? sentText(forms.raw, 'need') : ''}
          errors={failed ? forms.errors : null}
          rows={3}
        />
        <Button>Request this support</Button>
      </Form>
    </>
  );
}

function PartnershipRequests({ p, requests }: { p: PartnershipRef; requests: RequestView[] }) {
  return (
    <Table
      caption="Support the partnership has asked for"
      rows={requests}
      empty="The partnership has not asked for support yet."
      columns={[
        {
          header: 'Offer',
          cell: (r) => <a href={partnershipHref(p.code, 'improvement', 'support', 'requests', r.id)}>{r.offerTitle}</a>,
        },
        { header: 'Provider', cell: (r) => r.provider },
        { header: 'Need', cell: (r) => r.need },
        { header: 'Status', cell: (r) => <StatusTag r={r} /> },
        { header: 'Asked', cell: (r) => formatDate(r.createdAt) },
        {
          header: 'Usefulness',
          cell: (r) => (r.usefulness !== null ? r.usefulness : r.status === 'completed' ? 'No feedback yet' : '—'),
        },
      ]}
    />
  );
}

/** The partnership's needs matched to offers, the forms to request support, and its requests. */
export function PartnershipSupport({
  p,
  needs,
  requests,
  published,
  canRequest,
  raw,
  errors,
  csrfToken,
}: {
  p: PartnershipRef;
  needs: NeedMatch[];
  requests: RequestView[];
  published: OfferView[];
  canRequest: boolean;
  raw: Raw;
  errors: FieldErrors | null;
  csrfToken: string;
}) {
  const failed = sentText(raw, '_form');
  const forms: RequestForms = {
    canRequest,
    action: partnershipHref(p.code, 'improvement', 'support', 'requests'),
    csrfToken,
    raw,
    errors,
    failed,
  };
  return (
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
        Needs come from the partnership’s latest self-evaluation against the nine principles (criteria scored weak) and
        from its outcomes (indicators worsening by their change criterion, or where the most income-deprived communities
        fare markedly worse). Each is matched to the published offers that address its principle or outcome.{' '}
        <a href="/support">Search all offers</a>.
      </p>
      <h2>Needs and matching offers</h2>
      {needs.length === 0 ? (
        <p class="cairn-empty">
          No needs found: no criterion scored weak in the latest self-evaluation, and no outcome worsening or markedly
          unequal.
        </p>
      ) : null}
      {needs.map((m, i) => (
        <NeedSection m={m} i={i} forms={forms} />
      ))}
      {canRequest ? <RequestAnyOffer published={published} forms={forms} /> : null}
      <h2>The partnership’s requests</h2>
      <PartnershipRequests p={p} requests={requests} />
    </>
  );
}

function FeedbackForm({
  action,
  levels,
  raw,
  errors,
  csrfToken,
}: {
  action: string;
  levels: { score: number; label: string }[];
  raw: Raw;
  errors: FieldErrors | null;
  csrfToken: string;
}) {
  const usefulnessErrors = errors?.usefulness ?? [];
  return (
    <>
      <h2>Feedback</h2>
      <p>
        Your rating and account of what changed are shown to national bodies beside the offer, to monitor its use and
        impact.
      </p>
      <Form action={action} token={csrfToken}>
        <fieldset class={`ds_question${usefulnessErrors.length ? ' ds_question--error' : ''}`} id="usefulness">
          <legend class="ds_label">How useful was the support?</legend>
          {usefulnessErrors.length ? <p class="ds_question__error-message">{usefulnessErrors.join(' ')}</p> : null}
          <div class="ds_field-group">
            {levels.map((l) => (
              <div class="ds_radio ds_radio--small">
                <input
                  class="ds_radio__input"
                  type="radio"
                  id={`usefulness-${l.score}`}
                  name="usefulness"
                  value={String(l.score)}
                  checked={sentText(raw, 'usefulness') === String(l.score)}
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
          value={sentText(raw, 'what_changed')}
          errors={errors}
          rows={4}
        />
        <Button>Send the feedback</Button>
      </Form>
    </>
  );
}

/** One of the partnership's requests, its history, and the feedback form once the support is completed. */
export function PartnershipRequestPage({
  p,
  r,
  events,
  levels,
  canFeedback,
  raw,
  errors,
  csrfToken,
}: {
  p: PartnershipRef;
  r: RequestView;
  events: RequestEventView[];
  levels: { score: number; label: string }[];
  /** Whether the reader may give feedback for the partnership. */
  canFeedback: boolean;
  raw: Raw;
  errors: FieldErrors | null;
  csrfToken: string;
}) {
  return (
    <>
      <ErrorSummary errors={errors} labels={{ usefulness: 'How useful it was', what_changed: 'What changed' }} />
      <Fictional show={r.fictional} what="The demo partnership’s request and feedback are invented." />
      <RequestSummary r={r} />
      {r.status === 'completed' && r.feedbackAt === null && canFeedback ? (
        <FeedbackForm
          action={partnershipHref(p.code, 'improvement', 'support', 'requests', r.id, 'feedback')}
          levels={levels}
          raw={raw}
          errors={errors}
          csrfToken={csrfToken}
        />
      ) : null}
      <History events={events} />
    </>
  );
}
