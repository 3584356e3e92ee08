import { z } from 'zod';
import { getCookie } from 'hono/cookie';
import type { Context } from 'hono';
import { ConflictError, TooManyRequestsError, type FieldErrors } from '../../core/errors.ts';
import { clearSessionCookie, SESSION_COOKIE, setFlash, setSessionCookie } from '../../core/http/cookies.ts';
import type { AppEnv } from '../../core/http/env.ts';
import { idParam } from '../../core/http/params.ts';
import { localRedirectTarget } from '../../core/http/redirects.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import { render } from '../../core/ui/layout.tsx';
import type { Config } from '../../config.ts';
import { Me } from './accounts.api-schemas.ts';
import { meJson } from './accounts.presenters.ts';
import { ChangePasswordSchema, CreateUserSchema, LoginSchema } from './accounts.schemas.ts';
import type { AccountsService } from './accounts.service.ts';
import { AccountPage, LoginPage, TemporaryPasswordPage, UsersPage } from './accounts.views.tsx';
import { tokensRoutes } from './tokens.routes.tsx';
import type { TokensService } from './tokens.service.ts';

const UserIdParam = (c: Context<AppEnv>) => idParam(c, 'userId');

/** What the account routes use: the accounts and tokens services, and the settings of the session cookie. */
export interface AccountsRoutesDeps {
  accounts: AccountsService;
  tokens: TokensService;
  config: Pick<Config, 'baseUrl' | 'secureCookies' | 'sessionHours'>;
}

export function accountsRoutes(router: Router, deps: AccountsRoutesDeps): void {
  sessionRoutes(router, deps);
  accountRoutes(router, deps);
  userAdminRoutes(router, deps);
}

/** The sign-in page, signing in and signing out. */
function sessionRoutes(router: Router, deps: AccountsRoutesDeps): void {
  router.route(
    { method: 'GET', path: '/login', permission: 'session:create', kind: 'page', summary: 'Sign-in form' },
    (c) => {
      const next = c.req.query('next');
      // Already signed in: carry on to where they were going.
      if (c.get('actor').kind === 'user') return c.redirect(localRedirectTarget(next, deps.config.baseUrl), 303);
      return render(c, { title: 'Sign in', children: <LoginPage csrfToken={c.get('csrfToken')} next={next} /> });
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
              csrfToken={c.get('csrfToken')}
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
            children: (
              <LoginPage csrfToken={c.get('csrfToken')} email={body.email} next={body.next} message={error.message} />
            ),
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
}

/** The signed-in user’s own account: its page, changing the password, their API tokens, and the API for them. */
function accountRoutes(router: Router, deps: AccountsRoutesDeps): void {
  const accountPage = async (
    c: Context<AppEnv>,
    errors: FieldErrors | null,
    tokenForm: { errors: FieldErrors; raw: Record<string, unknown> } | null = null,
  ) => {
    const ctx = requestContext(c);
    const me = await deps.accounts.me(ctx);
    const actor = c.get('actor');
    const [tokens, partnerships] = me.mustChangePassword
      ? [[], []]
      : await Promise.all([deps.tokens.listOwn(ctx), deps.tokens.partnershipsForTokens(ctx)]);
    return render(c, {
      title: 'Your account',
      children: (
        <AccountPage
          me={me}
          nationalRoles={actor.kind === 'user' ? actor.nationalRoles : []}
          tokens={tokens}
          partnerships={partnerships}
          errors={errors}
          tokenForm={tokenForm}
          csrfToken={c.get('csrfToken')}
        />
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
    async (c, { ctx }) => c.json(meJson(await deps.accounts.me(ctx), ctx.actor)),
  );
}

/** The administration of user accounts: list, create, reset a password, deactivate or reactivate. */
function userAdminRoutes(router: Router, deps: AccountsRoutesDeps): void {
  const usersPage = async (c: Context<AppEnv>, errors: FieldErrors | null, raw: Record<string, unknown> = {}) => {
    const ctx = requestContext(c);
    const users = await deps.accounts.listUsers(ctx);
    return render(c, {
      title: 'User accounts',
      wide: true,
      crumbs: [{ href: '/', label: 'Home' }],
      children: <UsersPage users={users} errors={errors} raw={raw} csrfToken={c.get('csrfToken')} />,
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
      children: <TemporaryPasswordPage email={email} password={password} />,
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
