import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { actorLabel, actorUserId, authorize } from '../../core/access/actor.ts';
import { recordAudit } from '../../core/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { Clock } from '../../core/time.ts';
import { tx } from '../../core/tx.ts';
import type { Database } from '../../db/schema.ts';
import { checksum, ImportError, looksLikeXlsx, readCsv, readXlsx, type SourceFile } from '../imports/index.ts';
import type { AssetSchema } from './community.schemas.ts';
import type { RequestsService } from './requests.service.ts';

const TYPE_WORDS: Record<string, 'land' | 'building' | 'land_and_building'> = {
  land: 'land',
  building: 'building',
  buildings: 'building',
  'land and building': 'land_and_building',
  'land and buildings': 'land_and_building',
  'land & building': 'land_and_building',
  land_and_building: 'land_and_building',
};

export const LAND_CSV_COLUMNS = ['reference', 'name', 'asset_type', 'address', 'postcode', 'description', 'area_hectares', 'uprn'] as const;

export interface LandImportSummary {
  file: string;
  rowsRead: number;
  added: number;
  updated: number;
  dryRun: boolean;
}

export class LandRegisterService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly requests: RequestsService,
  ) {}

  /** The public register of land and buildings of a partnership's authorities. */
  async list(ctx: RequestContext, partnershipId: number, q?: string) {
    authorize(ctx.actor, 'register:read');
    let query = this.db
      .selectFrom('land_assets as l')
      .innerJoin('organisations as o', 'o.id', 'l.owner_organisation_id')
      .select(['l.id', 'l.reference', 'l.name', 'l.asset_type', 'l.address', 'l.postcode', 'l.description', 'l.area_hectares', 'l.uprn', 'o.name as owner_name', 'o.id as owner_id'])
      .where('l.partnership_id', '=', partnershipId);
    if (q) {
      const like = `%${q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      query = query.where((eb) =>
        eb.or([eb(eb.fn('lower', ['l.name']), 'like', like), eb(eb.fn('lower', ['l.address']), 'like', like), eb(eb.fn('lower', ['l.reference']), 'like', like), eb(eb.fn('lower', ['l.postcode']), 'like', like)]),
      );
    }
    return query.orderBy('o.name').orderBy('l.name').execute();
  }

  async add(ctx: RequestContext, p: PartnershipRef, input: z.output<typeof AssetSchema>) {
    authorize(ctx.actor, 'land-register:manage', p.id);
    return tx(this.db, async (trx) => {
      const authorities = await this.requests.authorities(trx, p.id);
      if (!authorities.some((a) => a.id === input.owner_organisation_id)) throw ValidationError.field('owner_organisation_id', 'Choose one of the partnership’s public service authorities');
      const clash = await trx.selectFrom('land_assets').select('id').where('owner_organisation_id', '=', input.owner_organisation_id).where('reference', '=', input.reference).executeTakeFirst();
      if (clash) throw new ConflictError('This authority already has land or a building with this reference', { reference: ['This authority already has land or a building with this reference'] });
      const now = this.clock.now();
      const row = await trx
        .insertInto('land_assets')
        .values({
          partnership_id: p.id,
          owner_organisation_id: input.owner_organisation_id,
          reference: input.reference,
          name: input.name,
          asset_type: input.asset_type,
          address: input.address ?? null,
          postcode: input.postcode?.toUpperCase() ?? null,
          description: input.description ?? null,
          area_hectares: input.area_hectares ?? null,
          uprn: input.uprn ?? null,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, this.clock, { partnershipId: p.id, action: 'land_asset.create', resourceType: 'land_asset', resourceId: row.id, after: row });
      return row;
    });
  }

  /**
   * Import an authority's register of land from CSV or an Excel workbook (.xlsx: its first worksheet
   * with a header row). Columns: reference, name, asset_type, and optionally address, postcode,
   * description, area_hectares, uprn. All or nothing; rows with a reference already on the register are
   * updated, so importing the same file twice changes nothing.
   */
  async importFile(ctx: RequestContext, p: PartnershipRef, ownerOrganisationId: number, source: SourceFile, dryRun = false): Promise<LandImportSummary> {
    authorize(ctx.actor, 'land-register:manage', p.id);
    const authorities = await this.requests.authorities(this.db, p.id);
    if (!authorities.some((a) => a.id === ownerOrganisationId)) throw ValidationError.field('owner_organisation_id', 'Choose one of the partnership’s public service authorities');
    const table = looksLikeXlsx(source) ? readXlsx(source) : { ...readCsv(source), headerRow: 1 };
    const rowNumber = (i: number) => table.headerRow + 1 + i;
    const header = table.header.map((h) => h.toLowerCase().replace(/[\s-]+/g, '_'));
    const col = (name: string) => header.indexOf(name);
    const missing = ['reference', 'name', 'asset_type'].filter((n) => col(n) < 0);
    if (missing.length) throw new ImportError(table.file, `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${table.header.join(', ')})`, table.headerRow);
    const cell = (r: string[], name: string) => {
      const i = col(name);
      const v = i < 0 ? '' : (r[i] ?? '').trim();
      return v === '' ? null : v;
    };
    const seen = new Map<string, number>();
    const rows = table.rows.map((r, i) => {
      const row = rowNumber(i);
      const reference = cell(r, 'reference');
      if (!reference) throw new ImportError(table.file, 'the reference is empty', row, 'reference');
      if (seen.has(reference)) throw new ImportError(table.file, `reference ${reference} is already on row ${seen.get(reference)}`, row, 'reference');
      seen.set(reference, row);
      const name = cell(r, 'name');
      if (!name) throw new ImportError(table.file, 'the name is empty', row, 'name');
      const typeText = (cell(r, 'asset_type') ?? '').toLowerCase();
      const assetType = TYPE_WORDS[typeText];
      if (!assetType) throw new ImportError(table.file, `“${typeText}” is not land, building, or land and building`, row, 'asset_type');
      const areaText = cell(r, 'area_hectares');
      const area = areaText === null ? null : Number(areaText.replace(/,/g, ''));
      if (area !== null && (!Number.isFinite(area) || area < 0)) throw new ImportError(table.file, `“${areaText}” is not an area in hectares`, row, 'area_hectares');
      const uprn = cell(r, 'uprn');
      if (uprn !== null && !/^\d{1,12}$/.test(uprn)) throw new ImportError(table.file, `“${uprn}” is not a UPRN (up to 12 digits)`, row, 'uprn');
      return { reference, name, asset_type: assetType, address: cell(r, 'address'), postcode: cell(r, 'postcode')?.toUpperCase() ?? null, description: cell(r, 'description'), area_hectares: area, uprn };
    });
    const summary: LandImportSummary = { file: source.name, rowsRead: rows.length, added: 0, updated: 0, dryRun };
    try {
      await this.db.transaction().execute(async (trx) => {
        const now = this.clock.now();
        const run = await trx
          .insertInto('import_runs')
          .values({ kind: 'land-register', file_name: source.name, checksum: checksum(source.content), bytes: source.content.length, rows_read: rows.length, rows_loaded: 0, rows_skipped: 0, summary: null, partnership_id: p.id, actor_user_id: actorUserId(ctx.actor), actor_label: actorLabel(ctx.actor), started_at: now, finished_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        const existing = new Set(
          (await trx.selectFrom('land_assets').select('reference').where('owner_organisation_id', '=', ownerOrganisationId).execute()).map((r) => r.reference),
        );
        for (const r of rows) {
          if (existing.has(r.reference)) summary.updated++;
          else summary.added++;
          await trx
            .insertInto('land_assets')
            .values({ ...r, partnership_id: p.id, owner_organisation_id: ownerOrganisationId, import_run_id: run.id, created_at: now, updated_at: now })
            .onConflict((oc) =>
              oc.columns(['owner_organisation_id', 'reference']).doUpdateSet({ name: r.name, asset_type: r.asset_type, address: r.address, postcode: r.postcode, description: r.description, area_hectares: r.area_hectares, uprn: r.uprn, import_run_id: run.id, updated_at: now }),
            )
            .execute();
        }
        await trx.updateTable('import_runs').set({ rows_loaded: rows.length, summary: JSON.stringify(summary) }).where('id', '=', run.id).execute();
        await recordAudit(trx, ctx, this.clock, { partnershipId: p.id, action: 'import.land-register', resourceType: 'import_run', resourceId: run.id, after: summary });
        if (dryRun) throw new DryRun();
      });
    } catch (e) {
      if (!(e instanceof DryRun)) throw e;
    }
    return summary;
  }

  async get(ctx: RequestContext, id: number) {
    authorize(ctx.actor, 'register:read');
    const row = await this.db
      .selectFrom('land_assets as l')
      .innerJoin('organisations as o', 'o.id', 'l.owner_organisation_id')
      .selectAll('l')
      .select('o.name as owner_name')
      .where('l.id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('land or building');
    return row;
  }
}

class DryRun extends Error {}
