import { actorUserId, authorize } from '../../core/access/actor.ts';
import { recordAudit } from '../../db/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import { distinctKeys } from '../../core/keys.ts';
import type { Clock } from '../../core/time.ts';
import type { PeopleDirectory } from '../accounts/index.ts';
import type { Framework } from './codes.ts';
import type { IndicatorsRepository } from './indicators.repository.ts';

/** One national indicator as the catalogue shows it. */
export interface IndicatorEntry {
  code: string;
  name: string;
  unit: string | null;
  higherIsBetter: boolean | null;
  frameworks: Framework[];
  externalCode: string | null;
  category: string | null;
  definition: string | null;
  source: string;
  prevention: boolean;
  preventionNote: string | null;
  preventionSetBy: string | null;
  preventionSetAt: Date | null;
  /** Values loaded, and the latest period any area has. */
  values: number;
  latestPeriod: string | null;
}

export type { Framework };

export interface IndicatorFilter {
  framework?: Framework | undefined;
  prevention?: boolean | undefined;
  q?: string | undefined;
}

/**
 * The catalogue of national indicators (a partnership's own indicators are its own business and stay on
 * its data page): definitions, frameworks, polarity, source, and whether each measures prevention.
 * National analysts set the prevention tag, always with the reason, since no published source says
 * which indicators measure prevention.
 */
export class IndicatorsService {
  /** `people`: the accounts module's, for the name of the analyst who set a prevention tag. */
  constructor(
    private readonly repo: IndicatorsRepository,
    private readonly clock: Clock,
    private readonly people: Pick<PeopleDirectory, 'usersByIds'>,
  ) {}

  list(ctx: RequestContext, filter: IndicatorFilter = {}): Promise<IndicatorEntry[]> {
    authorize(ctx.actor, 'outcome:read');
    return this.entries(filter);
  }

  async get(ctx: RequestContext, code: string): Promise<IndicatorEntry> {
    authorize(ctx.actor, 'outcome:read');
    const [found] = await this.entries({ code });
    if (!found) throw new NotFoundError('indicator');
    return found;
  }

  /** National indicators matching the filter (one, by code), with their frameworks and what is loaded. */
  private async entries(filter: IndicatorFilter & { code?: string }): Promise<IndicatorEntry[]> {
    const rows = await this.repo.entries(filter);
    if (!rows.length) return [];
    const codes = rows.map((r) => r.code);
    const [frameworks, counts, latest, setters] = await Promise.all([
      this.repo.frameworks(codes),
      this.repo.valueCounts(codes),
      this.repo.latestPeriods(codes),
      this.people.usersByIds(distinctKeys(rows.map((r) => r.prevention_set_by_user_id))),
    ]);
    return rows.map((r) => {
      const count = counts.find((c) => c.indicator_code === r.code);
      return {
        code: r.code,
        name: r.name,
        unit: r.unit,
        higherIsBetter: r.higher_is_better,
        frameworks: frameworks.filter((f) => f.indicator_code === r.code).map((f) => f.framework),
        externalCode: r.external_code,
        category: r.category,
        definition: r.definition,
        source: r.source,
        prevention: r.prevention,
        preventionNote: r.prevention_note,
        preventionSetBy:
          r.prevention_set_by_user_id === null
            ? null
            : (setters.get(r.prevention_set_by_user_id)?.display_name ?? null),
        preventionSetAt: r.prevention_set_at,
        values: Number(count?.n ?? 0),
        latestPeriod: latest.find((l) => l.indicator_code === r.code)?.period_label ?? null,
      };
    });
  }

  /** Tag a national indicator as a measure of prevention (a reason is required), or take the tag off. */
  async setPrevention(
    ctx: RequestContext,
    code: string,
    input: { prevention: boolean; note?: string | undefined },
  ): Promise<void> {
    authorize(ctx.actor, 'indicator:tag');
    if (input.prevention && !input.note)
      throw new ValidationError({
        note: ['Say why this indicator measures prevention (the catalogue shows it beside the tag)'],
      });
    await this.repo.transaction(async (repo, trx) => {
      const before = await repo.findNationalPrevention(code);
      if (!before) throw new NotFoundError('indicator');
      const after = {
        prevention: input.prevention,
        prevention_note: input.prevention ? input.note! : null,
        prevention_set_by_user_id: actorUserId(ctx.actor),
        prevention_set_at: this.clock.now(),
      };
      await repo.updatePrevention(code, after);
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: null,
        action: 'indicator.prevention',
        resourceType: 'indicator',
        resourceId: code,
        before: { prevention: before.prevention, prevention_note: before.prevention_note },
        after: { prevention: after.prevention, prevention_note: after.prevention_note },
      });
    });
  }
}
