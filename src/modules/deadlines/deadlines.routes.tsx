import { z } from 'zod';
import { ValidationError, type FieldErrors } from '../../core/errors.ts';
import type { Router } from '../../core/http/router.ts';
import { render } from '../../core/ui/layout.tsx';
import { DeadlineCalculation, DeadlineRules } from './deadlines.api-schemas.ts';
import { deadlineCalculationJson, deadlineRulesJson } from './deadlines.presenters.ts';
import type { DeadlinesService } from './deadlines.service.ts';
import { DeadlineCalculator, type Calculation } from './deadlines.views.tsx';

const CalculatorQuery = z.object({
  rule: z.string().trim().max(64).optional(),
  start: z.string().trim().max(32).optional(),
});

const ApiQuery = z.object({
  rule: z
    .string({ error: 'Give the rule, e.g. pr-decision' })
    .trim()
    .min(1, { error: 'Give the rule, e.g. pr-decision' })
    .max(64),
  start: z
    .string({ error: 'Give the start date as YYYY-MM-DD' })
    .trim()
    .min(1, { error: 'Give the start date as YYYY-MM-DD' })
    .max(32),
});

/** What the deadline routes use: the deadlines service (the statutory rule book and calendar). */
export interface DeadlinesRoutesDeps {
  deadlines: DeadlinesService;
}

export function deadlinesRoutes(router: Router, deps: DeadlinesRoutesDeps): void {
  const svc = deps.deadlines;

  router.route(
    {
      method: 'GET',
      path: '/deadlines',
      permission: 'deadline:read',
      kind: 'page',
      summary: 'Statutory deadline calculator',
      query: CalculatorQuery,
    },
    async (c, { ctx, query }) => {
      const book = await svc.rules(ctx);
      let result: Calculation | null = null;
      let errors: FieldErrors | null = null;
      if (query.rule || query.start) {
        try {
          if (!query.rule) throw ValidationError.field('rule', 'Choose a time limit');
          if (!query.start) throw ValidationError.field('start', 'Enter the start date');
          result = await svc.calculate(ctx, query.rule, query.start);
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          errors = e.fields;
          c.status(400);
        }
      }
      return render(c, {
        title: errors ? 'Error: statutory deadline calculator' : 'Statutory deadline calculator',
        wide: true,
        children: (
          <DeadlineCalculator book={book} rule={query.rule} start={query.start} result={result} errors={errors} />
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/deadline-rules',
      permission: 'deadline:read',
      kind: 'api',
      tag: 'deadlines',
      summary: 'The statutory time limits and working-day calendars, with their sources',
      operationId: 'listDeadlineRules',
      response: DeadlineRules,
    },
    async (c, { ctx }) => c.json(deadlineRulesJson(await svc.rules(ctx))),
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/deadlines',
      permission: 'deadline:read',
      kind: 'api',
      tag: 'deadlines',
      summary: 'The due date of a statutory time limit beginning with a given date',
      query: ApiQuery,
      operationId: 'calculateDeadline',
      response: DeadlineCalculation,
    },
    async (c, { ctx, query }) => c.json(deadlineCalculationJson(await svc.calculate(ctx, query.rule, query.start))),
  );
}
