import { z } from 'zod';
import { getCookie } from 'hono/cookie';
import type { Context } from 'hono';
import { NATIONAL_ROLES, ROLE_LABELS } from '../../core/access/permissions.ts';
import { ConflictError, TooManyRequestsError, type FieldErrors } from '../../core/errors.ts';
import type { AppEnv } from '../../core/http/env.ts';
import { idParam } from '../../core/http/params.ts';
import { localRedirectTarget } from '../../core/http/redirects.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import {
  Button,
  ErrorSummary,
  Form,
  formatDateTime,
  SelectField,
  Table,
  Tag,
  TextField,
} from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import type { Config } from '../../config.ts';
import { Me } from './accounts.api-schemas.ts';
import { ChangePasswordSchema, CreateUserSchema, LoginSchema } from './accounts.schemas.ts';
import type { AccountsService } from './accounts.service.ts';
import { PASSWORD_MIN_LENGTH } from './passwords.ts';
import { tokensRoutes } from './tokens.routes.tsx';
import type { TokensService } from './tokens.service.ts';
import { TokensSection } from './tokens.views.tsx';

import { clearSessionCookie, SESSION_COOKIE, setFlash, setSessionCookie } from '../../core/http/cookies.ts';

function LoginPage({
  c,
  errors,
  email,
  next,
  message,
}: {
  c: Context<AppEnv>;
  errors?: FieldErrors | null;
  email?: string;
  next?: string;
  message?: string;
}) {
  return (
    <>
      <ErrorSummary errors={errors} labels={{ email: 'Email address', password: 'Password' }} />
      {message ? (
        <div class="ds_inset-text" role="alert">
          <div class="ds_inset-text__text">{message}</div>
        </div>
      ) : null}
      <Form action="/login" token={c.get('csrfToken')}>
        <input type="hidden" name="next" value={next ?? ''} />
        <TextField
          name="email"
          label="Email address"
          type="email"
          autocomplete="username"
          value={email}
          errors={errors}
        />
        <TextField name="password" label="Password" type="password" autocomplete="current-password" errors={errors} />
        <Button>Sign in</Button>
      </Form>
      <p>Forgotten your password? Ask your partnership manager or a Cairn administrator to reset it.</p>
    </>
  );
}

const UserIdParam = (c: Context<AppEnv>) => idParam(c, 'userId');

/** What the account routes use: the accounts and tokens services, and the settings of the session cookie. */
export interface AccountsRoutesDeps {
  accounts: AccountsService;
  tokens: TokensService;
  config: Pick<Config, 'baseUrl' | 'secureCookies' | 'sessionHours'>;
}

export function accountsRoutes(router: Router, deps: AccountsRoutesDeps): void {
  router.route(
    { method: 'GET', path: '/login', permission: 'session:create', kind: 'page', summary: 'Sign-in form' },
    (c) => {
      const next = c.req.query('next');
      // Already signed in: carry on to where they were going.
      if (c.get('actor').kind === 'user') return c.redirect(localRedirectTarget(next, deps.config.baseUrl), 303);
      return render(c, { title: 'Sign in', children: <LoginPage c={c} next={next} /> });
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/login',
      permission: 'session:create',
      kind: 'page',
      summary: 'Sign in',
      body: LoginSchema,
      onInvalid: (c, error, raw) =>
        render(c, {
          title: 'Sign in',
          children: (
            <LoginPage
              c={c}
              errors={error.fields}
              email={String(raw['email'] ?? '')}
              next={String(raw['next'] ?? '')}
            />
          ),
        }),
    },
    async (c, { body, ctx }) => {
      try {
        const { token, user } = await deps.accounts.login(body.email, body.password, ctx);
        setSessionCookie(c, token, { secure: deps.config.secureCookies, hours: deps.config.sessionHours });
        return c.redirect(
          user.mustChangePassword ? '/account?must-change=1' : localRedirectTarget(body.next, deps.config.baseUrl),
          303,
        );
      } catch (error) {
        if (error instanceof TooManyRequestsError) {
          c.header('Retry-After', String(error.retryAfterSeconds));
          c.status(429);
          return render(c, {
            title: 'Sign in',
            children: <LoginPage c={c} email={body.email} next={body.next} message={error.message} />,
          });
        }
        throw error;
      }
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/logout',
      permission: 'session:delete',
      kind: 'page',
      summary: 'Sign out',
      body: z.object({}),
    },
    async (c, { ctx }) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await deps.accounts.logout(token, ctx);
      clearSessionCookie(c);
      setFlash(c, { kind: 'success', message: 'You have signed out.' });
      return c.redirect('/', 303);
    },
  );

  const accountPage = async (
    c: Context<AppEnv>,
    errors: FieldErrors | null,
    tokenForm: { errors: FieldErrors; raw: Record<string, unknown> } | null = null,
  ) => {
    const ctx = requestContext(c);
    const me = await deps.accounts.me(ctx);
    const actor = c.get('actor');
    const mustChange = me.mustChangePassword;
    const [tokens, partnerships] = mustChange
      ? [[], []]
      : await Promise.all([deps.tokens.listOwn(ctx), deps.tokens.partnershipsForTokens(ctx)]);
    return render(c, {
      title: 'Your account',
      children: (
        <>
          {mustChange ? (
            <div class="ds_inset-text" role="alert">
              <div class="ds_inset-text__text">
                You signed in with a temporary password. Choose a new password to continue.
              </div>
            </div>
          ) : null}
          <dl class="ds_summary-list">
            <div class="ds_summary-list__item">
              <dt class="ds_summary-list__key">Name</dt>
              <dd class="ds_summary-list__value">{me.displayName}</dd>
            </div>
            <div class="ds_summary-list__item">
              <dt class="ds_summary-list__key">Email address</dt>
              <dd class="ds_summary-list__value">{me.email}</dd>
            </div>
            {actor.kind === 'user' && actor.nationalRoles.length ? (
              <div class="ds_summary-list__item">
                <dt class="ds_summary-list__key">National roles</dt>
                <dd class="ds_summary-list__value">{actor.nationalRoles.map((r) => ROLE_LABELS[r]).join(', ')}</dd>
              </div>
            ) : null}
          </dl>
          <h2>Change your password</h2>
          <ErrorSummary
            errors={errors}
            labels={{
              current_password: 'Current password',
              new_password: 'New password',
              confirm_password: 'Confirm new password',
            }}
          />
          <Form action="/account/password" token={c.get('csrfToken')}>
            <TextField
              name="current_password"
              label="Current password"
              type="password"
              autocomplete="current-password"
              errors={errors}
            />
            <TextField
              name="new_password"
              label="New password"
              hint={`At least ${PASSWORD_MIN_LENGTH} characters. Three random words make a strong password that is easy to remember.`}
              type="password"
              autocomplete="new-password"
              errors={errors}
            />
            <TextField
              name="confirm_password"
              label="Confirm new password"
              type="password"
              autocomplete="new-password"
              errors={errors}
            />
            <Button>Change password</Button>
          </Form>
          {mustChange ? null : (
            <TokensSection
              tokens={tokens}
              partnerships={partnerships}
              csrfToken={c.get('csrfToken')}
              errors={tokenForm?.errors ?? null}
              raw={tokenForm?.raw ?? {}}
            />
          )}
        </>
      ),
    });
  };

  router.route(
    { method: 'GET', path: '/account', permission: 'account:read', kind: 'page', summary: 'Your account' },
    (c) => accountPage(c, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/account/password',
      permission: 'account:update',
      kind: 'page',
      summary: 'Change your password',
      body: ChangePasswordSchema,
      onInvalid: (c, error) => accountPage(c, error.fields),
    },
    async (c, { body, ctx }) => {
      await deps.accounts.changePassword(ctx, getCookie(c, SESSION_COOKIE), body.current_password, body.new_password);
      setFlash(c, {
        kind: 'success',
        message: 'Your password has been changed. Your other sessions have been signed out.',
      });
      return c.redirect('/', 303);
    },
  );

  tokensRoutes(router, deps, (c, tokenForm) => accountPage(c, null, tokenForm));

  router.route(
    {
      method: 'GET',
      path: '/api/v1/me',
      permission: 'account:read',
      kind: 'api',
      summary: 'The signed-in user and their roles',
      tag: 'accounts',
      operationId: 'getMe',
      response: Me,
    },
    async (c, { ctx }) => {
      const me = await deps.accounts.me(ctx);
      const actor = ctx.actor;
      return c.json({
        id: me.id,
        email: me.email,
        displayName: me.displayName,
        mustChangePassword: me.mustChangePassword,
        nationalRoles: actor.kind === 'user' ? actor.nationalRoles : [],
        partnershipRoles:
          actor.kind === 'user'
            ? [...actor.partnershipRoles].map(([partnershipId, role]) => ({ partnershipId, role }))
            : [],
      });
    },
  );

  // Administration of accounts
  const usersPage = async (c: Context<AppEnv>, errors: FieldErrors | null, raw: Record<string, unknown> = {}) => {
    const ctx = requestContext(c);
    const users = await deps.accounts.listUsers(ctx);
    return render(c, {
      title: 'User accounts',
      wide: true,
      crumbs: [{ href: '/', label: 'Home' }],
      children: (
        <>
          <Table
            caption="User accounts"
            rows={users}
            empty="There are no accounts."
            columns={[
              {
                header: 'Name',
                cell: (u) => (
                  <>
                    {u.display_name}
                    {u.fictional ? (
                      <>
                        {' '}
                        <Tag colour="yellow">Demo</Tag>
                      </>
                    ) : null}
                  </>
                ),
              },
              { header: 'Email', cell: (u) => u.email },
              {
                header: 'Roles',
                cell: (u) => (
                  <>
                    {[
                      ...u.nationalRoles.map((r) => ROLE_LABELS[r]),
                      ...u.partnershipRoles.map((r) => `${ROLE_LABELS[r.role as 'viewer']}, ${r.partnership_name}`),
                    ].join('; ') || 'None'}
                  </>
                ),
              },
              {
                header: 'Status',
                cell: (u) =>
                  u.active ? (
                    u.must_change_password ? (
                      <Tag colour="orange">Must change password</Tag>
                    ) : (
                      <Tag colour="green">Active</Tag>
                    )
                  ) : (
                    <Tag colour="grey">Deactivated</Tag>
                  ),
              },
              { header: 'Last sign-in', cell: (u) => formatDateTime(u.last_login_at) || 'Never' },
              {
                header: 'Actions',
                cell: (u) => (
                  <>
                    <Form
                      action={`/admin/users/${u.id}/reset-password`}
                      token={c.get('csrfToken')}
                      class="cairn-inline-form"
                    >
                      <button type="submit" class="cairn-link-button">
                        Reset password<span class="visually-hidden"> for {u.email}</span>
                      </button>
                    </Form>
                    {' · '}
                    <Form action={`/admin/users/${u.id}/active`} token={c.get('csrfToken')} class="cairn-inline-form">
                      <input type="hidden" name="active" value={u.active ? 'false' : 'true'} />
                      <button type="submit" class="cairn-link-button">
                        {u.active ? 'Deactivate' : 'Reactivate'}
                        <span class="visually-hidden"> {u.email}</span>
                      </button>
                    </Form>
                  </>
                ),
              },
            ]}
          />
          <p>
            <a href="/admin/tokens">API tokens of all users</a>
          </p>
          <h2>Create an account</h2>
          <p>A temporary password is shown once; the person must change it when they first sign in.</p>
          <ErrorSummary
            errors={errors}
            labels={{ email: 'Email address', display_name: 'Name', national_role: 'National role' }}
          />
          <Form action="/admin/users" token={c.get('csrfToken')}>
            <TextField name="display_name" label="Name" value={String(raw['display_name'] ?? '')} errors={errors} />
            <TextField
              name="email"
              label="Email address"
              type="email"
              value={String(raw['email'] ?? '')}
              errors={errors}
            />
            <SelectField
              name="national_role"
              label="National role"
              hint="Leave as none for people who work in one partnership; a partnership manager then gives them a role there."
              placeholder="None"
              options={NATIONAL_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              value={String(raw['national_role'] ?? '')}
              errors={errors}
            />
            <Button>Create account</Button>
          </Form>
        </>
      ),
    });
  };

  router.route(
    { method: 'GET', path: '/admin/users', permission: 'user:read', kind: 'page', summary: 'All user accounts' },
    (c) => usersPage(c, null),
  );

  const secretPage = (c: Context<AppEnv>, title: string, email: string, password: string) =>
    render(c, {
      title,
      crumbs: [{ href: '/admin/users', label: 'User accounts' }],
      children: (
        <>
          <p>
            Give this temporary password to <strong>{email}</strong> by a secure route. It is shown only once. They must
            choose a new password when they sign in.
          </p>
          <p>
            <span class="cairn-secret">{password}</span>
          </p>
          <p>
            <a href="/admin/users">Back to user accounts</a>
          </p>
        </>
      ),
    });

  router.route(
    {
      method: 'POST',
      path: '/admin/users',
      permission: 'user:manage',
      kind: 'page',
      summary: 'Create an account',
      body: CreateUserSchema,
      onInvalid: (c, error, raw) => usersPage(c, error.fields, raw),
    },
    async (c, { body, ctx }) => {
      try {
        const { user, temporaryPassword } = await deps.accounts.createUser(ctx, body);
        return secretPage(c, 'Account created', user.email, temporaryPassword as string);
      } catch (error) {
        if (error instanceof ConflictError) {
          c.status(409);
          return usersPage(c, error.fields, body);
        }
        throw error;
      }
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/admin/users/:userId/reset-password',
      permission: 'user:manage',
      kind: 'page',
      summary: 'Reset a password',
      body: z.object({}),
    },
    async (c, { ctx }) => {
      const { user, temporaryPassword } = await deps.accounts.resetPassword(ctx, UserIdParam(c));
      return secretPage(c, 'Password reset', user.email, temporaryPassword);
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/admin/users/:userId/active',
      permission: 'user:manage',
      kind: 'page',
      summary: 'Deactivate or reactivate an account',
      body: z.object({ active: z.enum(['true', 'false'], { error: 'Say whether the account is active' }) }),
    },
    async (c, { body, ctx }) => {
      const user = await deps.accounts.setActive(ctx, UserIdParam(c), body.active === 'true');
      setFlash(c, {
        kind: 'success',
        message: `${user.email} is ${user.active ? 'active again' : 'deactivated and signed out'}.`,
      });
      return c.redirect('/admin/users', 303);
    },
  );
}
