import type { Insertable, Kysely, Transaction } from 'kysely';
import type { CommunityBodyTable, Database } from '../../db/schema.ts';
import { DEMO_AREA, DEMO_PARTNERSHIP, DEMO_ZONES } from './demo.data.ts';

/** What the demo writes into its source columns: every row it makes is labelled fictional. */
const DEMO_SOURCE = 'Cairn demo (fictional)';

/** The database, and the seed's transaction, as the composition root hands them over. */
export type DemoDb = Kysely<Database>;
export type DemoTransaction = Transaction<Database>;

/** A user as the demo acts as them. */
export interface DemoUser {
  id: number;
  email: string;
  display_name: string;
  organisation_id: number | null;
}

/**
 * Before the seed: is this database one the demo may be added to? (Read on the database, outside the seed's
 * transaction.)
 */
export class DemoChecks {
  constructor(private readonly db: Kysely<Database>) {}

  /** Run the seed in one transaction: all of it is there, or none of it. */
  inTransaction<T>(fn: (repo: DemoRepository) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new DemoRepository(trx)));
  }

  async hasDemoPartnership(): Promise<boolean> {
    const row = await this.db
      .selectFrom('partnerships')
      .select('id')
      .where('code', '=', DEMO_PARTNERSHIP.code)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The real (not fictional) partnerships that have people or partners recorded: a database in real use. */
  async realPartnershipsInUse(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('partnerships as p')
      .select('p.name')
      .where('p.fictional', '=', false)
      .where((eb) =>
        eb.or([
          eb.exists(
            eb.selectFrom('partnership_roles as r').select('r.user_id').whereRef('r.partnership_id', '=', 'p.id'),
          ),
          eb.exists(
            eb
              .selectFrom('partnership_organisations as o')
              .select('o.organisation_id')
              .whereRef('o.partnership_id', '=', 'p.id'),
          ),
        ]),
      )
      .execute();
    return rows.map((r) => r.name);
  }

  /** Which of these e-mail addresses already have accounts. */
  async existingEmails(emails: readonly string[]): Promise<string[]> {
    const rows = await this.db.selectFrom('users').select('email').where('email', 'in', emails).execute();
    return rows.map((r) => r.email);
  }
}

/**
 * The demo seeder's own queries, inside its one transaction: the rows no service makes (the fictional council
 * area and its zones, the partnership itself, the demo's series, the community bodies as registered before
 * Cairn), and the look-ups the seed makes to act as its fictional people. Everything else the demo does goes
 * through the services, as a user's actions would.
 */
export class DemoRepository {
  constructor(
    /** The seed's transaction, for the services that take the caller's transaction. */
    readonly trx: Transaction<Database>,
  ) {}

  /** Every user by e-mail address. */
  async usersByEmail(emails?: readonly string[]): Promise<Map<string, DemoUser>> {
    let q = this.trx.selectFrom('users').select(['id', 'email', 'display_name', 'organisation_id']);
    if (emails) q = q.where('email', 'in', emails);
    return new Map((await q.execute()).map((u) => [u.email, u]));
  }

  /** Organisations' ids by name: all of them, or only the national ones (no owning partnership). */
  async organisationIds(options: { nationalOnly?: boolean; names?: readonly string[] } = {}) {
    let q = this.trx.selectFrom('organisations').select(['id', 'name']);
    if (options.nationalOnly) q = q.where('owner_partnership_id', 'is', null);
    if (options.names) q = q.where('name', 'in', options.names);
    return new Map((await q.execute()).map((o) => [o.name, o.id]));
  }

  /** The fictional council area and its intermediate zones. */
  async insertDemoArea(now: Date): Promise<void> {
    const common = { partnership_id: null, fictional: true, source: DEMO_SOURCE, created_at: now };
    await this.trx
      .insertInto('areas')
      .values({
        code: DEMO_AREA.code,
        name: DEMO_AREA.name,
        level: 'council_area',
        parent_code: 'S92000003',
        ...common,
      })
      .execute();
    await this.trx
      .insertInto('areas')
      .values(
        DEMO_ZONES.map((z) => ({ ...z, level: 'intermediate_zone' as const, parent_code: DEMO_AREA.code, ...common })),
      )
      .execute();
  }

  /** The fictional partnership. */
  insertDemoPartnership(now: Date) {
    return this.trx
      .insertInto('partnerships')
      .values({
        code: DEMO_PARTNERSHIP.code,
        name: DEMO_PARTNERSHIP.name,
        council_area_code: DEMO_AREA.code,
        fictional: true,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** A community body as registered before Cairn, with its lead (the register's own rows). */
  async insertCommunityBody(
    body: Omit<Insertable<CommunityBodyTable>, 'partnership_id' | 'fictional' | 'created_at' | 'updated_at'>,
    partnershipId: number,
    lead: { userId: number; at: Date },
  ) {
    const row = await this.trx
      .insertInto('community_bodies')
      .values({ ...body, partnership_id: partnershipId, fictional: true, created_at: lead.at, updated_at: lead.at })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.trx
      .insertInto('community_body_members')
      .values({ community_body_id: row.id, user_id: lead.userId, role: 'lead', created_at: lead.at })
      .execute();
    return row;
  }

  /** A partnership's community body by name. */
  communityBody(partnershipId: number, name: string) {
    return this.trx
      .selectFrom('community_bodies')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
  }

  /** The demo's yearly series of one indicator for the fictional council area. */
  async insertSeries(indicator: string, points: readonly (readonly [number, number])[]): Promise<void> {
    await this.trx
      .insertInto('observations')
      .values(
        points.map(([year, value]) => ({
          indicator_code: indicator,
          area_code: DEMO_AREA.code,
          period_label: String(year),
          period_kind: 'year',
          period_start: `${year}-01-01`,
          period_end: `${year}-12-31`,
          value_type: 'raw' as const,
          value,
          import_run_id: null,
        })),
      )
      .execute();
  }

  /** The partnership's localities, by name. */
  localities(partnershipId: number) {
    return this.trx
      .selectFrom('areas')
      .select(['code', 'name'])
      .where('partnership_id', '=', partnershipId)
      .where('level', '=', 'locality')
      .orderBy('name')
      .execute();
  }

  /** A self-evaluation framework, by code. */
  framework(code: string) {
    return this.trx.selectFrom('evaluation_frameworks').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  }

  /** The ids of a self-evaluation framework's criteria, by code. */
  async criteriaIds(frameworkCode: string): Promise<Map<string, number>> {
    const rows = await this.trx
      .selectFrom('evaluation_criteria as c')
      .innerJoin('evaluation_frameworks as f', 'f.id', 'c.framework_id')
      .select(['c.id', 'c.code'])
      .where('f.code', '=', frameworkCode)
      .execute();
    return new Map(rows.map((c) => [c.code, c.id]));
  }

  /** Which of these indicators exist (the national data may not have been imported). */
  async existingIndicators(codes: readonly string[]): Promise<Set<string>> {
    const rows = await this.trx.selectFrom('indicators').select('code').where('code', 'in', codes).execute();
    return new Set(rows.map((i) => i.code));
  }
}
