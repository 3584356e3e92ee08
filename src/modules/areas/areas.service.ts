import { authorize } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { AreasRepository } from './areas.repository.ts';

export const SCOTLAND_CODE = 'S92000003';

/** The geography is public: anyone may read it. Localities are read through their partnership. */
export class AreasService {
  constructor(private readonly repo: AreasRepository) {}

  async councilAreas(ctx: RequestContext) {
    authorize(ctx.actor, 'area:read');
    return this.repo.listAreas('council_area', SCOTLAND_CODE);
  }

  async area(ctx: RequestContext, code: string) {
    authorize(ctx.actor, 'area:read');
    // Localities belong to partnerships and are shown there, not in the public geography.
    const area = await this.repo.findPublicArea(code);
    if (!area) throw new NotFoundError('area');
    const [variants, aliases, counts, parent] = await Promise.all([
      this.repo.variantsOf(code),
      this.repo.aliasesOf(code),
      this.repo.childCounts(code),
      area.parent_code ? this.repo.findArea(area.parent_code) : Promise.resolve(undefined),
    ]);
    return {
      code: area.code,
      name: area.name,
      level: area.level,
      fictional: area.fictional,
      source: area.source,
      parent: parent ? { code: parent.code, name: parent.name } : null,
      nameVariants: variants.map((v) => v.name),
      previousCodes: aliases.map((a) => ({ code: a.old_code, changedIn: a.changed_in })),
      children: Object.fromEntries(counts.map((c) => [c.level, Number(c.n)])),
    };
  }

  async resolve(ctx: RequestContext, nameOrCode: string): Promise<string | null> {
    authorize(ctx.actor, 'area:read');
    return this.repo.resolveName(nameOrCode);
  }
}
