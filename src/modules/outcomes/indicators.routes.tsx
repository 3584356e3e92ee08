import type { Context } from 'hono';
import { z } from 'zod';
import { can } from '../../core/access/actor.ts';
import type { FieldErrors } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import type { AppEnv } from '../../core/http/env.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import { codeParam } from '../../core/http/params.ts';
import { csvResponse } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { catalogueCsv } from './indicators.presenters.ts';
import { FRAMEWORKS } from './codes.ts';
import type { IndicatorsService } from './indicators.service.ts';
import { IndicatorCatalogue, IndicatorDetail } from './indicators.views.tsx';

const CatalogueQuery = z.object({
  q: z.string().trim().max(200, { error: 'Use at most 200 characters' }).optional(),
  framework: z
    .enum(FRAMEWORKS as [string, ...string[]], { error: 'Choose CPOP, LGBF or NPF' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  prevention: z.enum(['yes', 'no', ''], { error: 'Choose yes or no' }).optional(),
});
const PreventionSchema = z.object({
  prevention: z.enum(['yes', 'no'], { error: 'Say whether the indicator measures prevention' }),
  note: z.string().trim().max(2000, { error: 'Use at most 2,000 characters' }).optional(),
});

/** What the indicator catalogue's routes need: the indicators service, nothing else. */
export interface IndicatorsRoutesDeps {
  indicators: IndicatorsService;
}

/**
 * The catalogue of national indicators: what each measures, in which frameworks, which way is better,
 * where it comes from, how much data is loaded, and whether it measures prevention (and why).
 */
export function indicatorsRoutes(router: Router, deps: IndicatorsRoutesDeps): void {
  const filterOf = (q: z.output<typeof CatalogueQuery>) => ({
    q: q.q || undefined,
    framework: q.framework as (typeof FRAMEWORKS)[number] | undefined,
    prevention: q.prevention === 'yes' ? true : q.prevention === 'no' ? false : undefined,
  });

  router.route(
    {
      method: 'GET',
      path: '/indicators',
      permission: 'outcome:read',
      kind: 'page',
      summary: 'The catalogue of national indicators: definitions, frameworks, polarity, source, prevention tags',
      query: CatalogueQuery,
    },
    async (c, { ctx, query }) => {
      const rows = await deps.indicators.list(ctx, filterOf(query));
      const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]).toString();
      const csvHref = `/indicators.csv${params ? `?${params}` : ''}`;
      return render(c, {
        title: 'Indicators',
        wide: true,
        crumbs: [{ href: '/scotland', label: 'Scotland' }],
        children: <IndicatorCatalogue rows={rows} query={query} csvHref={csvHref} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/indicators.csv',
      permission: 'outcome:read',
      kind: 'file',
      summary: 'The catalogue of national indicators as CSV',
      query: CatalogueQuery,
    },
    async (c, { ctx, query }) =>
      csvResponse(c, 'indicators.csv', catalogueCsv(await deps.indicators.list(ctx, filterOf(query)))),
  );

  const indicatorPage = async (c: Context<AppEnv>, raw: Record<string, unknown>, errors: FieldErrors | null) => {
    const ctx = requestContext(c);
    const i = await deps.indicators.get(ctx, codeParam(c, 'code'));
    const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
    return render(c, {
      title: errors ? `Error: ${i.name}` : i.name,
      label: 'Indicator',
      crumbs: [{ href: '/indicators', label: 'Indicators' }],
      children: (
        <IndicatorDetail
          indicator={i}
          values={{ prevention: str('prevention'), note: str('note') }}
          errors={errors}
          canTag={can(ctx.actor, 'indicator:tag')}
          csrfToken={c.get('csrfToken')}
        />
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/indicators/:code',
      permission: 'outcome:read',
      kind: 'page',
      summary: 'One national indicator: definition, frameworks, polarity, source, prevention tag',
    },
    (c) => indicatorPage(c, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/indicators/:code/prevention',
      permission: 'indicator:tag',
      kind: 'page',
      summary: 'Tag a national indicator as a measure of prevention (with the reason), or take the tag off',
      body: PreventionSchema,
      onInvalid: (c, e, raw) => indicatorPage(c, raw, e.fields),
    },
    async (c, { ctx, body }) => {
      const code = codeParam(c, 'code');
      await deps.indicators.setPrevention(ctx, code, {
        prevention: body.prevention === 'yes',
        note: body.note || undefined,
      });
      setFlash(c, {
        kind: 'success',
        message:
          body.prevention === 'yes'
            ? 'The indicator is tagged as a measure of prevention.'
            : 'The indicator is not tagged as a measure of prevention.',
      });
      return c.redirect(`/indicators/${encodeURIComponent(code)}`, 303);
    },
  );
}
