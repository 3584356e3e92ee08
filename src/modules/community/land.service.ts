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
import {
  checksum,
  headerKey,
  headerList,
  ImportError,
  readTable,
  shown,
  type ImportLimits,
  type ImportTable,
  type SourceFile,
} from '../imports/index.ts';
import { AssetSchema } from './community.schemas.ts';
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

/**
 * The key of an entry on a register of land: each partnership keeps its own register, so an authority in
 * several partnerships (Police Scotland, NHS boards) has one register per partnership, and a reference in
 * one never meets, overwrites or gives away the same reference in another (ADR 0013). Every lookup and
 * every conflict target uses the whole key.
 */
const LAND_KEY = ['partnership_id', 'owner_organisation_id', 'reference'] as const;

export const LAND_CSV_COLUMNS = [
  'reference',
  'name',
  'asset_type',
  'address',
  'postcode',
  'description',
  'area_hectares',
  'uprn',
] as const;

/** A row of a register file is held to the manual form's schema (the owner is named by the upload, not the file). */
const LandRowSchema = AssetSchema.omit({ owner_organisation_id: true });

/**
 * The rows of a register file (CSV or a worksheet), each checked by the schema the form uses, so a file
 * cannot hold a longer name, address or description than a person may type; every error names the file,
 * row and column.
 */
function landRows(table: ImportTable) {
  const header = table.header.map(headerKey);
  const missing = ['reference', 'name', 'asset_type'].filter((n) => !header.includes(n));
  if (missing.length)
    throw new ImportError(
      table.file,
      `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${headerList(table.header)})`,
      table.headerRow,
    );
  const seen = new Map<string, number>();
  return table.rows.map((r, i) => {
    const row = table.rowNumbers[i]!;
    const cell = (name: (typeof LAND_CSV_COLUMNS)[number]) => {
      const v = header.includes(name) ? (r[header.indexOf(name)] ?? '').trim() : '';
      return v === '' ? undefined : v;
    };
    const typeText = (cell('asset_type') ?? '').toLowerCase();
    const assetType = TYPE_WORDS[typeText];
    if (!assetType)
      throw new ImportError(
        table.file,
        `“${shown(typeText)}” is not land, building, or land and building`,
        row,
        'asset_type',
      );
    const given = {
      reference: cell('reference'),
      name: cell('name'),
      address: cell('address'),
      postcode: cell('postcode'),
      description: cell('description'),
      area_hectares: cell('area_hectares')?.replace(/,/g, ''),
      uprn: cell('uprn'),
    };
    const parsed = LandRowSchema.safeParse({ ...given, asset_type: assetType });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const column = String(issue.path[0]) as (typeof LAND_CSV_COLUMNS)[number];
      const value = cell(column);
      throw new ImportError(
        table.file,
        `${issue.message}${value ? ` (the file has “${shown(value)}”)` : ''}`,
        row,
        column,
      );
    }
    const v = parsed.data;
    const earlier = seen.get(v.reference);
    if (earlier !== undefined)
      throw new ImportError(
        table.file,
        `reference ${shown(v.reference)} is already on row ${earlier}`,
        row,
        'reference',
      );
    seen.set(v.reference, row);
    return {
      reference: v.reference,
      name: v.name,
      asset_type: v.asset_type,
      address: v.address ?? null,
      postcode: v.postcode?.toUpperCase() ?? null,
      description: v.description ?? null,
      area_hectares: v.area_hectares ?? null,
      uprn: v.uprn ?? null,
    };
  });
}

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
    /** What an imported file is read under (config.imports). */
    private readonly limits: ImportLimits,
  ) {}

  /** The public register of land and buildings of a partnership's authorities. */
  async list(ctx: RequestContext, partnershipId: number, q?: string) {
    authorize(ctx.actor, 'register:read');
    let query = this.db
      .selectFrom('land_assets as l')
      .innerJoin('organisations as o', 'o.id', 'l.owner_organisation_id')
      .select([
        'l.id',
        'l.reference',
        'l.name',
        'l.asset_type',
        'l.address',
        'l.postcode',
        'l.description',
        'l.area_hectares',
        'l.uprn',
        'o.name as owner_name',
        'o.id as owner_id',
      ])
      .where('l.partnership_id', '=', partnershipId);
    if (q) {
      const like = `%${q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['l.name']), 'like', like),
          eb(eb.fn('lower', ['l.address']), 'like', like),
          eb(eb.fn('lower', ['l.reference']), 'like', like),
          eb(eb.fn('lower', ['l.postcode']), 'like', like),
        ]),
      );
    }
    return query.orderBy('o.name').orderBy('l.name').execute();
  }

  async add(ctx: RequestContext, p: PartnershipRef, input: z.output<typeof AssetSchema>) {
    authorize(ctx.actor, 'land-register:manage', p.id);
    return tx(this.db, async (trx) => {
      const authorities = await this.requests.authorities(p.id, trx);
      if (!authorities.some((a) => a.id === input.owner_organisation_id))
        throw ValidationError.field(
          'owner_organisation_id',
          'Choose one of the partnership’s public service authorities',
        );
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
        // A reference already on this partnership's register is refused by the key itself, so two adds at
        // once cannot both pass a check; another partnership's register is not in the key's reach.
        .onConflict((oc) => oc.columns([...LAND_KEY]).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) {
        const message =
          'This authority already has land or a building with this reference on the partnership’s register';
        throw new ConflictError(message, { reference: [message] });
      }
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'land_asset.create',
        resourceType: 'land_asset',
        resourceId: row.id,
        after: row,
      });
      return row;
    });
  }

  /**
   * Import an authority's register of land from CSV or an Excel workbook (.xlsx: its first worksheet
   * with a header row). Columns: reference, name, asset_type, and optionally address, postcode,
   * description, area_hectares, uprn. All or nothing; rows with a reference already on the register are
   * updated, so importing the same file twice changes nothing.
   */
  async importFile(
    ctx: RequestContext,
    p: PartnershipRef,
    ownerOrganisationId: number,
    source: SourceFile,
    dryRun = false,
  ): Promise<LandImportSummary> {
    authorize(ctx.actor, 'land-register:manage', p.id);
    const authorities = await this.requests.authorities(p.id);
    if (!authorities.some((a) => a.id === ownerOrganisationId))
      throw ValidationError.field(
        'owner_organisation_id',
        'Choose one of the partnership’s public service authorities',
      );
    const rows = landRows(await readTable(source, this.limits));
    const summary: LandImportSummary = { file: source.name, rowsRead: rows.length, added: 0, updated: 0, dryRun };
    try {
      await this.db.transaction().execute(async (trx) => {
        const now = this.clock.now();
        const run = await trx
          .insertInto('import_runs')
          .values({
            kind: 'land-register',
            file_name: source.name,
            checksum: checksum(source.content),
            bytes: source.content.length,
            rows_read: rows.length,
            rows_loaded: 0,
            rows_skipped: 0,
            summary: null,
            partnership_id: p.id,
            actor_user_id: actorUserId(ctx.actor),
            actor_label: actorLabel(ctx.actor),
            started_at: now,
            finished_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const existing = new Set(
          (
            await trx
              .selectFrom('land_assets')
              .select('reference')
              .where('partnership_id', '=', p.id)
              .where('owner_organisation_id', '=', ownerOrganisationId)
              .execute()
          ).map((r) => r.reference),
        );
        for (const r of rows) {
          if (existing.has(r.reference)) summary.updated++;
          else summary.added++;
          await trx
            .insertInto('land_assets')
            .values({
              ...r,
              partnership_id: p.id,
              owner_organisation_id: ownerOrganisationId,
              import_run_id: run.id,
              created_at: now,
              updated_at: now,
            })
            .onConflict((oc) =>
              oc.columns([...LAND_KEY]).doUpdateSet({
                name: r.name,
                asset_type: r.asset_type,
                address: r.address,
                postcode: r.postcode,
                description: r.description,
                area_hectares: r.area_hectares,
                uprn: r.uprn,
                import_run_id: run.id,
                updated_at: now,
              }),
            )
            .execute();
        }
        await trx
          .updateTable('import_runs')
          .set({ rows_loaded: rows.length, summary: JSON.stringify(summary) })
          .where('id', '=', run.id)
          .execute();
        await recordAudit(trx, ctx, this.clock, {
          partnershipId: p.id,
          action: 'import.land-register',
          resourceType: 'import_run',
          resourceId: run.id,
          after: summary,
        });
        if (dryRun) throw new DryRun();
      });
    } catch (e) {
      if (!(e instanceof DryRun)) throw e;
    }
    return summary;
  }

  /** One entry of a partnership's register; another partnership's entries are "not found". */
  async get(ctx: RequestContext, partnershipId: number, id: number) {
    authorize(ctx.actor, 'register:read');
    const row = await this.db
      .selectFrom('land_assets as l')
      .innerJoin('organisations as o', 'o.id', 'l.owner_organisation_id')
      .selectAll('l')
      .select('o.name as owner_name')
      .where('l.id', '=', id)
      .where('l.partnership_id', '=', partnershipId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('land or building');
    return row;
  }
}

class DryRun extends Error {}
