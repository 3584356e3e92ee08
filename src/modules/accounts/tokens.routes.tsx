import type { Context } from 'hono';
import type { Config } from '../../config.ts';
import { z } from 'zod';
import { ConflictError, type FieldErrors } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import type { AppEnv } from '../../core/http/env.ts';
import { idParam } from '../../core/http/params.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import { render } from '../../core/ui/layout.tsx';
import { tokenJson } from './tokens.presenters.ts';
import { ApiTokenJson, CreateTokenSchema } from './tokens.schemas.ts';
import type { TokensService } from './tokens.service.ts';
import { AllTokens, RevokeConfirmation, TokenCreated } from './tokens.views.tsx';

/** The account page, showing the token form with what was typed and its errors. */
export type AccountPageWithTokenForm = (
  c: Context<AppEnv>,
  tokenForm: { errors: FieldErrors; raw: Record<string, unknown> },
) => Response | Promise<Response>;

/** What the token routes use: the tokens service, and the address a new token's worked example names. */
export interface TokensRoutesDeps {
  tokens: TokensService;
  config: Pick<Config, 'baseUrl'>;
}

/** Personal API tokens: the account page's form posts here; the list is on the account page and in the API. */
export function tokensRoutes(router: Router, deps: TokensRoutesDeps, accountPage: AccountPageWithTokenForm): void {
  router.route(
    {
      method: 'POST',
      path: '/account/tokens',
      permission: 'token:create',
      kind: 'page',
      summary: 'Create a personal API token',
      body: CreateTokenSchema,
      onInvalid: (c, error, raw) => accountPage(c, { errors: error.fields, raw }),
    },
    async (c, { body, ctx }) => {
      try {
        const { token, secret } = await deps.tokens.create(ctx, body);
        return render(c, {
          title: 'API token created',
          crumbs: [{ href: '/account', label: 'Your account' }],
          children: <TokenCreated token={token} secret={secret} baseUrl={deps.config.baseUrl} />,
        });
      } catch (error) {
        if (error instanceof ConflictError) {
          c.status(409);
          return accountPage(c, { errors: error.fields, raw: body });
        }
        throw error;
      }
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/account/tokens/:id/revoke',
      permission: 'token:delete',
      kind: 'page',
      summary: 'Confirm revoking an API token',
    },
    async (c) => {
      const ctx = requestContext(c);
      const token = await deps.tokens.findRevocable(ctx, idParam(c, 'id'));
      const own = ctx.actor.kind === 'user' && ctx.actor.userId === token.userId;
      const owner = own ? null : token.userEmail;
      const back = own ? '/account' : '/admin/tokens';
      return render(c, {
        title: `Revoke the API token “${token.name}”?`,
        crumbs: [{ href: back, label: own ? 'Your account' : 'API tokens' }],
        children: <RevokeConfirmation token={token} owner={owner} csrfToken={c.get('csrfToken')} back={back} />,
      });
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/account/tokens/:id/revoke',
      permission: 'token:delete',
      kind: 'page',
      summary: 'Revoke an API token',
      body: z.object({}),
    },
    async (c, { ctx }) => {
      const { token, revoked } = await deps.tokens.revoke(ctx, idParam(c, 'id'));
      const own = ctx.actor.kind === 'user' && ctx.actor.userId === token.userId;
      setFlash(c, {
        kind: 'success',
        message: revoked
          ? `The API token “${token.name}” is revoked: it no longer works.`
          : `The API token “${token.name}” was already revoked.`,
      });
      return c.redirect(own ? '/account' : '/admin/tokens', 303);
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/account/tokens',
      permission: 'token:read',
      kind: 'api',
      tag: 'accounts',
      operationId: 'listApiTokens',
      summary: 'Your personal API tokens that are not revoked (never their secrets)',
      response: z.object({ data: z.array(ApiTokenJson) }),
    },
    async (c, { ctx }) => c.json({ data: (await deps.tokens.listOwn(ctx)).map(tokenJson) }),
  );

  router.route(
    {
      method: 'GET',
      path: '/admin/tokens',
      permission: 'token:manage',
      kind: 'page',
      summary: 'Every user’s API tokens',
    },
    async (c) => {
      const tokens = await deps.tokens.listAll(requestContext(c));
      return render(c, {
        title: 'API tokens',
        wide: true,
        crumbs: [{ href: '/admin/users', label: 'User accounts' }],
        children: <AllTokens tokens={tokens} />,
      });
    },
  );
}
