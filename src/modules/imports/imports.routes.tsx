import type { Context } from 'hono';
import { z } from 'zod';
import { can } from '../../core/access/actor.ts';
import type { FieldErrors } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import { partnershipHref } from '../../core/http/paths.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import { csvResponse } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import { ImportError } from './import-errors.ts';
import { describeImport, importRunsCsv, ownValuesCsv } from './imports.presenters.ts';
import type { ImportsService } from './imports.service.ts';
import { NationalData, OwnData, type LocalUploadValues } from './imports.views.tsx';
import { OwnIndicatorName, OwnIndicatorUnit } from './local-data.importer.ts';
import { NATIONAL_IMPORTS, nationalImport } from './national-kinds.ts';

const LocalUpload = z.object({
  file: z.instanceof(File, { error: 'Choose a CSV file' }),
  format: z.enum(['tidy', 'open-sdg'], { error: 'Choose the layout of the file' }),
  // The same schemas hold a name and unit given in the file (local-data.importer.ts).
  indicator: OwnIndicatorName.optional(),
  unit: OwnIndicatorUnit.optional(),
  higher_is_better: z.enum(['', 'true', 'false']).optional(),
  dry_run: z.enum(['true', 'false']).default('false'),
});

const NationalUpload = z.object({
  kind: z.enum(NATIONAL_IMPORTS.map((k) => k.kind) as [string, ...string[]], { error: 'Choose what the file is' }),
  files: z
    .union([z.instanceof(File), z.array(z.instanceof(File))], {
      error: 'Choose the file (or, for CPOP’s inequality inputs, the files)',
    })
    .transform((f) => (Array.isArray(f) ? f : [f]))
    .refine((f) => f.length > 0 && f.every((x) => x.size > 0), {
      error: 'Choose the file (or, for CPOP’s inequality inputs, the files)',
    }),
  dry_run: z.enum(['true', 'false']).default('false'),
});

/** A form field's value as typed, or '' when it was not (or not text). */
const typed = (raw: Record<string, unknown>, key: string): string =>
  typeof raw[key] === 'string' ? (raw[key] as string) : '';

/** The own-data form's fields as they were sent (an empty form when nothing was). */
const sent = (raw: Record<string, unknown>): LocalUploadValues => ({
  format: typed(raw, 'format'),
  indicator: typed(raw, 'indicator'),
  unit: typed(raw, 'unit'),
  higher_is_better: typed(raw, 'higher_is_better'),
});

/** What the imports routes need: the imports service, nothing else. */
export interface ImportsRoutesDeps {
  imports: ImportsService;
}

export function importsRoutes(router: Router, deps: ImportsRoutesDeps): void {
  nationalDataRoutes(router, deps);
  ownDataRoutes(router, deps);
}

/** The national data page: the files loaded (also as CSV), and loading a national file. */
function nationalDataRoutes(router: Router, deps: ImportsRoutesDeps): void {
  const nationalPage = async (c: Context<AppEnv>, raw: Record<string, unknown>, errors: FieldErrors | null) => {
    const ctx = requestContext(c);
    const runs = await deps.imports.runs(ctx, 50);
    return render(c, {
      title: errors ? 'Error: national data' : 'National data',
      wide: true,
      children: (
        <NationalData
          kinds={NATIONAL_IMPORTS}
          runs={runs}
          canRun={can(ctx.actor, 'import:run')}
          kind={typeof raw['kind'] === 'string' ? raw['kind'] : null}
          csrfToken={c.get('csrfToken')}
          errors={errors}
        />
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/imports',
      permission: 'import:read',
      kind: 'page',
      summary:
        'The national files loaded (file, checksum, when, who, counts), and for national analysts a form to load more',
    },
    (c) => nationalPage(c, {}, null),
  );

  router.route(
    {
      method: 'GET',
      path: '/imports.csv',
      permission: 'import:read',
      kind: 'file',
      summary: 'The national files loaded, as CSV',
    },
    async (c, { ctx }) => csvResponse(c, 'cairn-imports.csv', importRunsCsv(await deps.imports.runs(ctx, 1000))),
  );

  router.route(
    {
      method: 'POST',
      path: '/imports',
      permission: 'import:run',
      kind: 'page',
      summary: 'Load a national file (all or nothing; dry_run checks only)',
      upload: 'import',
      body: NationalUpload,
      onInvalid: (c, e, raw) => nationalPage(c, raw, e.fields),
    },
    async (c, { ctx, body }) => {
      const kind = nationalImport(body.kind)!;
      if (!kind.multiple && body.files.length > 1) {
        c.status(400);
        return nationalPage(c, { kind: body.kind }, { files: [`${kind.label} is one file: choose one`] });
      }
      try {
        const sources = await Promise.all(
          body.files.map(async (f) => ({ name: f.name || 'upload', content: Buffer.from(await f.arrayBuffer()) })),
        );
        const s = await kind.run(deps.imports, ctx, sources, { dryRun: body.dry_run === 'true' });
        setFlash(c, { kind: 'success', message: describeImport(s) });
        return c.redirect('/imports', 303);
      } catch (e) {
        if (!(e instanceof ImportError)) throw e;
        c.status(400);
        return nationalPage(c, { kind: body.kind }, { files: [e.message] });
      }
    },
  );
}

/** A partnership’s own data page: its indicators and files, its values as CSV, and loading a file of its own data. */
function ownDataRoutes(router: Router, deps: ImportsRoutesDeps): void {
  const dataPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    values: LocalUploadValues,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const [indicators, runs] = await Promise.all([deps.imports.ownIndicators(ctx, p), deps.imports.runsFor(ctx, p)]);
    return render(c, {
      title: errors ? 'Error: the partnership’s own data' : 'The partnership’s own data',
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      children: (
        <OwnData
          councilAreaCode={p.councilAreaCode}
          indicators={indicators}
          runs={runs}
          canImport={can(ctx.actor, 'outcome:import', p.id)}
          valuesHref={partnershipHref(p.code, 'data', 'values.csv')}
          importHref={partnershipHref(p.code, 'data', 'import')}
          csrfToken={c.get('csrfToken')}
          values={values}
          errors={errors}
        />
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/data',
      permission: 'partnership:read',
      kind: 'page',
      summary: 'The partnership’s own indicators, the files loaded, and a form to load more',
    },
    (c, { partnership: p }) => dataPage(c, p, sent({}), null),
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/data/values.csv',
      permission: 'partnership:read',
      kind: 'file',
      summary: 'Every value of the partnership’s own indicators, as a tidy CSV (the import layout)',
    },
    async (c, { partnership: p, ctx }) =>
      csvResponse(c, `${p.code}-own-data.csv`, ownValuesCsv(await deps.imports.ownValues(ctx, p))),
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/data/import',
      permission: 'outcome:import',
      kind: 'page',
      summary: 'Load the partnership’s own data from a tidy or Open SDG CSV (all or nothing; dry_run checks only)',
      upload: 'import',
      body: LocalUpload,
      onInvalid: (c, e, raw, p) => dataPage(c, p, sent(raw), e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const openSdg = {
        indicator: body.indicator ?? '',
        unit: body.unit || null,
        higherIsBetter: body.higher_is_better ? body.higher_is_better === 'true' : null,
      };
      const source = { name: body.file.name || 'upload.csv', content: Buffer.from(await body.file.arrayBuffer()) };
      try {
        const s = await deps.imports.importLocalData(ctx, p, source, body.format, {
          dryRun: body.dry_run === 'true',
          ...(body.format === 'open-sdg' ? { openSdg } : {}),
        });
        const created = s.result.indicatorsCreated.length
          ? ` New indicators: ${s.result.indicatorsCreated.length}.`
          : '';
        setFlash(c, { kind: 'success', message: `${describeImport(s)}${created}` });
        return c.redirect(partnershipHref(p.code, 'data'), 303);
      } catch (e) {
        if (!(e instanceof ImportError)) throw e;
        c.status(400);
        const values = {
          format: body.format,
          indicator: body.indicator,
          unit: body.unit,
          higher_is_better: body.higher_is_better,
        };
        return dataPage(c, p, sent(values), { file: [e.message] });
      }
    },
  );
}
