import type { Child } from 'hono/jsx';
import { sentText } from '../../core/http/forms.ts';
import { TOKEN_SCOPE_NAMES, TOKEN_SCOPES, type TokenScope } from '../../core/access/permissions.ts';
import type { FieldErrors } from '../../core/errors.ts';
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
  TextField,
} from '../../core/ui/components.tsx';
import type { PublicToken } from './tokens.service.ts';
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS } from './tokens.rules.ts';

/** Views of personal API tokens: props in, JSX out (the routes are in tokens.routes.tsx). */

export const SCOPE_LABELS: Record<TokenScope, string> = {
  read: 'Read only',
  'partnership-write': 'Read, and write in one partnership',
};

/** The fields of the create form, with their labels for the error summary; ids are prefixed `token-`. */
const ID_PREFIX = 'token-';
export const TOKEN_FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  scope: 'What the token may do',
  partnership_id: 'Partnership it may write in',
  expires_in_days: 'Expires after (days)',
};

function Status({ token }: { token: PublicToken }) {
  if (token.status === 'revoked') return <Tag colour="grey">Revoked</Tag>;
  if (token.status === 'expired') return <Tag colour="orange">Expired</Tag>;
  return <Tag colour="green">Active</Tag>;
}

function RevokeLink({ token }: { token: PublicToken }) {
  return (
    <a href={`/account/tokens/${token.id}/revoke`}>
      Revoke<span class="visually-hidden"> the token {token.name}</span>
    </a>
  );
}

function ScopeRadios({
  value,
  errors,
  canWrite,
}: {
  value: string;
  errors: FieldErrors | null | undefined;
  canWrite: boolean;
}) {
  const messages = errors?.['scope'] ?? [];
  const scopes = TOKEN_SCOPE_NAMES.filter((s) => canWrite || s !== 'partnership-write');
  return (
    <fieldset
      class={`ds_question${messages.length ? ' ds_question--error' : ''}`}
      id={`${ID_PREFIX}scope`}
      aria-describedby={messages.length ? `${ID_PREFIX}scope-error` : undefined}
    >
      <legend class="ds_label">{TOKEN_FIELD_LABELS['scope']}</legend>
      {messages.length ? (
        <p class="ds_question__error-message" id={`${ID_PREFIX}scope-error`}>
          {messages.join(' ')}
        </p>
      ) : null}
      <div class="ds_field-group">
        {scopes.map((scope) => (
          <div class="ds_radio">
            <input
              class="ds_radio__input"
              type="radio"
              id={`${ID_PREFIX}scope-${scope}`}
              name="scope"
              value={scope}
              checked={(value || 'read') === scope}
              aria-describedby={`${ID_PREFIX}scope-${scope}-hint`}
            />
            <label class="ds_radio__label" for={`${ID_PREFIX}scope-${scope}`}>
              {SCOPE_LABELS[scope]}
            </label>
            <p class="ds_hint-text" id={`${ID_PREFIX}scope-${scope}-hint`}>
              {TOKEN_SCOPES[scope]}.
            </p>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** The account page's section: one's tokens, and the form that makes one. */
export function TokensSection({
  tokens,
  partnerships,
  csrfToken,
  errors,
  raw,
}: {
  tokens: readonly PublicToken[];
  partnerships: readonly { id: number; code: string; name: string }[];
  csrfToken: string;
  errors: FieldErrors | null;
  raw: Record<string, unknown>;
}) {
  return (
    <section aria-labelledby="api-tokens">
      <h2 id="api-tokens">API tokens</h2>
      <p>
        A personal API token lets a script of yours use Cairn’s JSON API (addresses under <code>/api/</code>) as you,
        with <code>Authorization: Bearer</code> and the token. A token never does more than you may do yourself at the
        time, and its scope can narrow that further. <a href="/api">About the API</a>.
      </p>
      <Table
        caption="Your API tokens"
        rows={tokens}
        empty="You have no API tokens."
        columns={[
          { header: 'Name', cell: (t) => t.name },
          { header: 'Token', cell: (t) => <code>{t.prefix}…</code> },
          { header: 'Scope', cell: (t) => SCOPE_LABELS[t.scope] },
          { header: 'Partnership', cell: (t) => t.partnership?.name ?? '—' },
          { header: 'Created', cell: (t) => formatDate(t.createdAt) },
          {
            header: 'Expires',
            cell: (t) => (
              <>
                {formatDate(t.expiresAt)}
                {t.status === 'expired' ? (
                  <>
                    {' '}
                    <Status token={t} />
                  </>
                ) : null}
              </>
            ),
          },
          { header: 'Last used', cell: (t) => formatDateTime(t.lastUsedAt) || 'Never' },
          { header: 'Actions', cell: (t) => <RevokeLink token={t} /> },
        ]}
      />
      <h3 id="create-token">Create a token</h3>
      <ErrorSummary errors={errors} labels={TOKEN_FIELD_LABELS} idPrefix={ID_PREFIX} />
      {/* The fragment brings the answer to this form, with its errors, into view without JavaScript. */}
      <Form action="/account/tokens#create-token" token={csrfToken}>
        <TextField
          name="name"
          idPrefix={ID_PREFIX}
          label={TOKEN_FIELD_LABELS['name']!}
          hint="To tell your tokens apart, like “Quarterly dashboard script”."
          value={sentText(raw, 'name')}
          errors={errors}
        />
        <ScopeRadios value={sentText(raw, 'scope')} errors={errors} canWrite={partnerships.length > 0} />
        {partnerships.length ? (
          <SelectField
            name="partnership_id"
            idPrefix={ID_PREFIX}
            label={TOKEN_FIELD_LABELS['partnership_id']!}
            hint="Only for a token that writes: it may write in this partnership alone, and only as your role there allows."
            placeholder="Choose a partnership"
            options={partnerships.map((p) => ({ value: String(p.id), label: p.name }))}
            value={sentText(raw, 'partnership_id')}
            errors={errors}
          />
        ) : (
          <p>To make a token that writes, you need a role in a partnership.</p>
        )}
        <TextField
          name="expires_in_days"
          idPrefix={ID_PREFIX}
          type="number"
          width="fixed-20"
          label={TOKEN_FIELD_LABELS['expires_in_days']!}
          hint={`From 1 to ${API_TOKEN_MAX_DAYS} days. Every token expires; make a new one when it does.`}
          value={'expires_in_days' in raw ? sentText(raw, 'expires_in_days') : String(API_TOKEN_DEFAULT_DAYS)}
          errors={errors}
        />
        <Button>Create token</Button>
      </Form>
    </section>
  );
}

function Warning({ children }: { children: Child }) {
  return (
    <div class="ds_warning-text">
      <strong class="ds_warning-text__icon" aria-hidden="true"></strong>
      <strong class="visually-hidden">Warning</strong>
      <div class="ds_warning-text__text">{children}</div>
    </div>
  );
}

/** The one time a token's secret is shown. */
export function TokenCreated({ token, secret, baseUrl }: { token: PublicToken; secret: string; baseUrl: string }) {
  return (
    <>
      <Warning>
        Copy the token now: this is the only time Cairn shows it. Cairn keeps only a fingerprint of it, so it cannot
        show it again. Keep it as you would a password; anyone who has it can do what the token allows, as you.
      </Warning>
      <div class="ds_question">
        <label class="ds_label" for="api-token-secret">
          Your new API token “{token.name}”
        </label>
        <input
          class="ds_input ds_input--fluid-three-quarters"
          id="api-token-secret"
          type="text"
          readonly
          value={secret}
          autocomplete="off"
          spellcheck={false}
        />
      </div>
      <SummaryList
        items={[
          { key: 'Scope', value: SCOPE_LABELS[token.scope] },
          ...(token.partnership ? [{ key: 'Partnership', value: token.partnership.name }] : []),
          { key: 'Expires', value: formatDateTime(token.expiresAt) },
        ]}
      />
      <p>Try it:</p>
      <pre>
        <code>{`curl -H "Authorization: Bearer $CAIRN_TOKEN" ${baseUrl.replace(/\/$/, '')}/api/v1/me`}</code>
      </pre>
      <p>
        <a href="/account">Back to your account</a>
      </p>
    </>
  );
}

/** Are you sure? A revocation cannot be undone. */
export function RevokeConfirmation({
  token,
  owner,
  csrfToken,
  back,
}: {
  token: PublicToken;
  /** Set when the token is someone else's (an administrator revoking it). */
  owner: string | null;
  csrfToken: string;
  back: string;
}) {
  return (
    <>
      <SummaryList
        items={[
          ...(owner ? [{ key: 'Owner', value: owner }] : []),
          { key: 'Name', value: token.name },
          { key: 'Token', value: <code>{token.prefix}…</code> },
          { key: 'Scope', value: SCOPE_LABELS[token.scope] },
          ...(token.partnership ? [{ key: 'Partnership', value: token.partnership.name }] : []),
          { key: 'Status', value: <Status token={token} /> },
          { key: 'Last used', value: formatDateTime(token.lastUsedAt) || 'Never' },
        ]}
      />
      {token.status === 'revoked' ? (
        <p>This token is already revoked.</p>
      ) : (
        <>
          <Warning>Scripts that use this token stop working at once. A revoked token cannot be used again.</Warning>
          <Form action={`/account/tokens/${token.id}/revoke`} token={csrfToken}>
            <Button>Revoke the token</Button>
          </Form>
        </>
      )}
      <p>
        <a href={back}>Cancel and go back</a>
      </p>
    </>
  );
}

/** Every user's tokens (administrators). */
export function AllTokens({ tokens }: { tokens: readonly PublicToken[] }) {
  return (
    <>
      <p>Every API token that is not revoked, of every user. Revoke one that is lost, leaked or no longer needed.</p>
      <Table
        caption="API tokens of all users"
        rows={tokens}
        empty="No one has an API token."
        columns={[
          { header: 'Owner', cell: (t) => t.userEmail },
          { header: 'Name', cell: (t) => t.name },
          { header: 'Token', cell: (t) => <code>{t.prefix}…</code> },
          { header: 'Scope', cell: (t) => SCOPE_LABELS[t.scope] },
          { header: 'Partnership', cell: (t) => t.partnership?.name ?? '—' },
          { header: 'Expires', cell: (t) => formatDate(t.expiresAt) },
          { header: 'Status', cell: (t) => <Status token={t} /> },
          { header: 'Last used', cell: (t) => formatDateTime(t.lastUsedAt) || 'Never' },
          { header: 'Actions', cell: (t) => <RevokeLink token={t} /> },
        ]}
      />
    </>
  );
}
