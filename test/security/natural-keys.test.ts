import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartnershipRef } from '../../src/core/http/env.ts';
import { migrator } from '../../src/db/connect.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.ts';
import { Client, createWorld, DEMO, OTHER, signedIn, type TestWorld } from '../helpers/app.ts';
import { createTestDatabase, engine } from '../helpers/db.ts';

/**
 * Issue 14, defect 2 and its siblings: cross-partnership writes through natural keys.
 *
 * The limit checked everywhere here: a natural key of a partnership's rows (a land reference, an
 * organisation's name, a locality's name, an indicator's or framework's name, a self-evaluation's year …)
 * is unique inside one partnership only. It is configured in the schema, not in settings: the unique
 * keys of src/db/migrations (0024_land_register_scope.ts scopes the two that were not), and the
 * services' lookups and ON CONFLICT targets that use the same key (land.service.ts LAND_KEY,
 * partnerships.repository.ts findOrganisationByName). ADR 0013 records the decision for the land register.
 *
 * Partnership A is the demo (Glenlochy), B is OTHER (Fife). In each test both use the same key, and
 * neither can change, block or learn about the other's row.
 */

const A_MANAGER = 'manager@glenlochy.example';

let world: TestWorld;
let a: PartnershipRef;
let b: PartnershipRef;
let managerA: Client;
let managerB: Client;

const db = () => world.handle.db;
const orgId = async (name: string) =>
  (
    await db()
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', name)
      .where('owner_partnership_id', 'is', null)
      .executeTakeFirstOrThrow()
  ).id;
const lastAuditId = async () =>
  Number(
    (
      await db()
        .selectFrom('audit_events')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow()
    ).id ?? 0,
  );
const auditSince = (id: number) =>
  db().selectFrom('audit_events').selectAll().where('id', '>', String(id)).orderBy('id').execute();
const csvFile = (name: string, text: string) => new File([text], name, { type: 'text/csv' });

beforeAll(async () => {
  world = await createWorld();
  a = (await world.deps.partnerships.resolve(DEMO.code))!;
  b = (await world.deps.partnerships.resolve(OTHER.code))!;
  managerA = await signedIn(world, A_MANAGER);
  managerB = await signedIn(world, OTHER.email);
});
afterAll(() => world.close());

describe(`natural keys are unique inside one partnership only (${engine()})`, () => {
  // The mechanism: a unique key over a partnership's rows that leaves the partnership out spans every
  // partnership, so an upsert on it lands on another's row and a check on it refuses or reveals another's.
  // This walks the database's own catalogue, so a key added later without its partnership fails here.
  it('every unique key of a table with a partnership column includes that column, or is listed here with the reason it is safe', async () => {
    const EXEMPT: Record<string, string> = {
      areas_pkey:
        'a locality is coded <council area code>-Lnn, and every partnership has a council area of its own (checked below)',
      indicators_pkey:
        'a partnership’s own indicator is coded <partnership code>-<name> (checked below); national ones by national analysts only',
      evaluation_frameworks_code_key:
        'a partnership’s own framework is coded <partnership code>-<name> (checked below)',
      community_requests_reference_key: 'Cairn makes the reference from the row’s serial id; no user chooses it',
      notifications_dedupe_key_key:
        'Cairn makes the key from ids of the deadline or request and the user; no user chooses it',
      api_tokens_token_hash_key:
        'the SHA-256 of a token Cairn makes from 32 random bytes; no user chooses it, and the partnership is only the one a token writes in',
      recommendation_responses_recommendation_id_action_id_key:
        'the action is one of the partnership’s own, found by a query on its partnership before the insert',
    };
    const { rows } = await sql<{ table: string; index: string; def: string }>`
      SELECT t.relname AS table, i.relname AS index, pg_get_indexdef(i.oid) AS def
      FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND x.indisunique
        AND EXISTS (SELECT 1 FROM information_schema.columns c
                    WHERE c.table_schema = current_schema() AND c.table_name = t.relname
                      AND c.column_name IN ('partnership_id', 'owner_partnership_id'))
      ORDER BY 1, 2`.execute(db());
    const keys = rows.filter((r) => !/USING btree \(id\)$/.test(r.def));
    expect(keys.length).toBeGreaterThan(5);
    const unscoped = keys
      .filter((r) => !r.def.includes('partnership_id') && !(r.index in EXEMPT))
      .map((r) => `${r.table}: ${r.def}`);
    expect(unscoped).toEqual([]);
    // An exemption that no longer matches a key is stale: the list says only what is true.
    expect(Object.keys(EXEMPT).filter((k) => !keys.some((r) => r.index === k))).toEqual([]);
  });

  it('keys made as <partnership code>-… or <council area code>-… cannot meet: no code is another’s code followed by a hyphen', async () => {
    const partnerships = await db().selectFrom('partnerships').select(['code', 'council_area_code']).execute();
    const clashes = (codes: string[]) =>
      codes.flatMap((x) => codes.filter((y) => y !== x && y.startsWith(`${x}-`)).map((y) => `${x} / ${y}`));
    expect(partnerships.length).toBeGreaterThanOrEqual(33);
    expect(clashes(partnerships.map((p) => p.code))).toEqual([]);
    expect(clashes(partnerships.map((p) => p.council_area_code))).toEqual([]);
    const national = await db().selectFrom('indicators').select('code').where('partnership_id', 'is', null).execute();
    expect(national.filter((i) => partnerships.some((p) => i.code.startsWith(`${p.code}-`)))).toEqual([]);
  });
});

describe(`register of land: one per partnership, also for an authority in several (${engine()})`, () => {
  it('B imports A’s reference for a national authority in both: A’s row is unchanged, B gets its own, the audit row is B’s, and the manual add does not answer 409', async () => {
    const police = await orgId('Police Scotland');
    // Police Scotland is a statutory partner of the demo; make it one of Fife's too.
    expect(
      (
        await managerB.post(`/partnerships/${OTHER.code}/organisations`, {
          organisation_id: String(police),
          kind: 'statutory_partner',
        })
      ).status,
    ).toBe(303);
    for (const [reference, name] of [
      ['PS-0001', 'Kilbrae Police Office'],
      ['PS-0002', 'Strathmorrow Police Box'],
    ]) {
      const added = await managerA.post(`/partnerships/${DEMO.code}/land`, {
        owner_organisation_id: String(police),
        reference: reference!,
        name: name!,
        asset_type: 'building',
      });
      expect(added.status).toBe(303);
    }
    const rowsOf = (p: PartnershipRef) =>
      db()
        .selectFrom('land_assets')
        .selectAll()
        .where('partnership_id', '=', p.id)
        .where('owner_organisation_id', '=', police)
        .orderBy('reference')
        .execute();
    const aBefore = await rowsOf(a);
    expect(aBefore.map((r) => r.reference)).toEqual(['PS-0001', 'PS-0002']);
    const since = await lastAuditId();

    // A dry run is where a probe would start: it must count A's reference as new in B's register.
    const csv = 'reference,name,asset_type\r\nPS-0001,Fife Police Office,building\r\n';
    const dry = await managerB.request('POST', `/partnerships/${OTHER.code}/land/import`, {
      multipart: { owner_organisation_id: String(police), file: csvFile('fife-police.csv', csv), dry_run: 'true' },
    });
    expect(dry.status).toBe(200);
    expect(dry.text).toContain('1 rows read; 1 new, 0 updated');
    const imported = await managerB.request('POST', `/partnerships/${OTHER.code}/land/import`, {
      multipart: { owner_organisation_id: String(police), file: csvFile('fife-police.csv', csv) },
    });
    expect(imported.status).toBe(303);

    expect(await rowsOf(a)).toEqual(aBefore);
    const bRows = await rowsOf(b);
    expect(bRows.map((r) => [r.reference, r.name])).toEqual([['PS-0001', 'Fife Police Office']]);
    const trail = await auditSince(since);
    expect(trail.map((e) => [e.partnership_id, e.action])).toEqual([[b.id, 'import.land-register']]);
    const run = await db()
      .selectFrom('import_runs')
      .selectAll()
      .where('id', '=', Number(trail[0]!.resource_id))
      .executeTakeFirstOrThrow();
    expect(run.partnership_id).toBe(b.id);
    expect(
      (await db().selectFrom('land_assets').select('id').where('import_run_id', '=', run.id).execute()).map(
        (r) => r.id,
      ),
    ).toEqual([bRows[0]!.id]);

    // The manual add of A's other reference: B's register does not have it, so it is added (no 409).
    const manual = await managerB.post(`/partnerships/${OTHER.code}/land`, {
      owner_organisation_id: String(police),
      reference: 'PS-0002',
      name: 'Fife Police Box',
      asset_type: 'building',
    });
    expect(manual.status).toBe(303);
    expect(await rowsOf(a)).toEqual(aBefore);
    // B's own register still holds its key, and its refusal speaks of B's register only.
    const again = await managerB.post(`/partnerships/${OTHER.code}/land`, {
      owner_organisation_id: String(police),
      reference: 'PS-0002',
      name: 'Another',
      asset_type: 'land',
    });
    expect(again.status).toBe(409);
    expect(again.text).not.toContain('Strathmorrow');
    expect((await auditSince(since)).every((e) => e.partnership_id === b.id)).toBe(true);

    // And the other way round: A re-imports its reference; B's row is not touched, A's is updated.
    const bBefore = await rowsOf(b);
    const back = await managerA.request('POST', `/partnerships/${DEMO.code}/land/import`, {
      multipart: {
        owner_organisation_id: String(police),
        file: csvFile(
          'glenlochy-police.csv',
          'reference,name,asset_type\r\nPS-0001,Kilbrae Police Station,building\r\n',
        ),
        dry_run: 'true',
      },
    });
    expect(back.text).toContain('1 rows read; 0 new, 1 updated');
    expect(
      (
        await managerA.request('POST', `/partnerships/${DEMO.code}/land/import`, {
          multipart: {
            owner_organisation_id: String(police),
            file: csvFile(
              'glenlochy-police.csv',
              'reference,name,asset_type\r\nPS-0001,Kilbrae Police Station,building\r\n',
            ),
          },
        })
      ).status,
    ).toBe(303);
    expect(await rowsOf(b)).toEqual(bBefore);
    expect((await rowsOf(a)).map((r) => r.name)).toEqual(['Kilbrae Police Station', 'Strathmorrow Police Box']);

    // Each partnership's register, inside and in public, shows its own entries only.
    const fifeLand = await managerB.get(`/partnerships/${OTHER.code}/land`);
    expect(fifeLand.text).toContain('Fife Police Box');
    expect(fifeLand.text).not.toContain('Kilbrae Police');
    const publicFife = await new Client(world).get(`/registers/land.csv?partnership=${OTHER.code}`);
    expect(publicFife.text).toContain('Fife Police Office');
    expect(publicFife.text).not.toContain('Kilbrae');
  });
});

describe(`the other natural keys of a partnership’s rows (${engine()})`, () => {
  it('organisations: B creates its own organisation with the name of one of A’s own; A’s is untouched and B is not told it exists', async () => {
    const name = 'Glenlochy Third Sector Interface';
    const aOrg = await db().selectFrom('organisations').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
    expect(aOrg.owner_partnership_id).toBe(a.id);
    const created = await managerB.post(`/partnerships/${OTHER.code}/organisations`, {
      name,
      type_code: 'third_sector_interface',
      kind: 'partner',
    });
    expect(created.status).toBe(303);
    const both = await db().selectFrom('organisations').selectAll().where('name', '=', name).orderBy('id').execute();
    expect(both.map((o) => o.owner_partnership_id)).toEqual([a.id, b.id]);
    expect(both[0]).toEqual(aOrg);
    // Within B the name is still taken (its own list would show two), and a national body's name too.
    const twice = await managerB.post(`/partnerships/${OTHER.code}/organisations`, {
      name: name.toUpperCase(),
      type_code: 'third_sector_interface',
      kind: 'partner',
    });
    expect(twice.status).toBe(409);
    expect(
      (
        await managerB.post(`/partnerships/${OTHER.code}/organisations`, {
          name: 'Police Scotland',
          type_code: 'business',
          kind: 'partner',
        })
      ).status,
    ).toBe(409);
    // A's own organisation cannot be linked by its id: the refusal is the one for an id that does not exist.
    const byId = await managerB.post(`/partnerships/${OTHER.code}/organisations`, {
      organisation_id: String(aOrg.id),
      kind: 'partner',
    });
    const noSuch = await managerB.post(`/partnerships/${OTHER.code}/organisations`, {
      organisation_id: '987654',
      kind: 'partner',
    });
    expect([byId.status, noSuch.status]).toEqual([400, 400]);
    for (const res of [byId, noSuch]) expect(res.text).toContain('Choose an organisation from the list');
    expect(
      (
        await db()
          .selectFrom('partnership_organisations')
          .select('partnership_id')
          .where('organisation_id', '=', aOrg.id)
          .execute()
      ).map((r) => r.partnership_id),
    ).toEqual([a.id]);
  });

  it('localities: B names a locality as A did; each keeps its own code and components', async () => {
    const aLocality = await db()
      .selectFrom('areas')
      .selectAll()
      .where('partnership_id', '=', a.id)
      .where('level', '=', 'locality')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const name = aLocality.name;
    const aComponents = await db()
      .selectFrom('locality_components')
      .selectAll()
      .where('locality_code', '=', aLocality.code)
      .execute();
    expect((await managerB.post(`/partnerships/${OTHER.code}/localities`, { name, components: '' })).status).toBe(303);
    const bLocality = await db()
      .selectFrom('areas')
      .selectAll()
      .where('partnership_id', '=', b.id)
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    expect(bLocality.code).toBe(`${b.councilAreaCode}-L01`);
    expect(
      await db().selectFrom('areas').selectAll().where('code', '=', aLocality.code).executeTakeFirstOrThrow(),
    ).toEqual(aLocality);
    expect(
      await db().selectFrom('locality_components').selectAll().where('locality_code', '=', aLocality.code).execute(),
    ).toEqual(aComponents);
    // B's components can only be its own council area's zones: A's are refused as not B's.
    const foreign = await managerB.post(`/partnerships/${OTHER.code}/localities`, {
      name: 'Borrowed zones',
      components: aComponents[0]!.component_code,
    });
    expect(foreign.status).toBe(400);
  });

  it('community bodies: a body registers in B under the name of one of A’s; A’s is untouched and no 409 tells of it', async () => {
    const aBody = await db()
      .selectFrom('community_bodies')
      .selectAll()
      .where('partnership_id', '=', a.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const res = await new Client(world).post('/community/register', {
      partnership: OTHER.code,
      name: aBody.name,
      body_type: 'community_council',
      community: 'Residents of a Fife village (test)',
      community_kind: 'place',
      your_name: 'Fife Volunteer',
      your_email: 'volunteer@fife.example',
      password: DEMO_PASSWORD,
      confirm_password: DEMO_PASSWORD,
    });
    expect(res.status).toBe(303);
    const same = await db()
      .selectFrom('community_bodies')
      .selectAll()
      .where('name', '=', aBody.name)
      .orderBy('id')
      .execute();
    expect(same.map((x) => x.partnership_id)).toEqual([a.id, b.id]);
    expect(same[0]).toEqual(aBody);
  });

  it('own data: both partnerships load an indicator of the same name; each gets its own, and A’s values stay', async () => {
    const indicator = 'Residents who feel safe after dark (test survey)';
    const load = (client: Client, p: PartnershipRef, value: number) =>
      client.request('POST', `/partnerships/${p.code}/data/import`, {
        multipart: {
          format: 'tidy',
          file: csvFile(
            'survey.csv',
            `area_code,indicator,period,value\r\n${p.councilAreaCode},${indicator},2025,${value}\r\n`,
          ),
        },
      });
    expect((await load(managerA, a, 61)).status).toBe(303);
    const aValues = await db()
      .selectFrom('observations as o')
      .innerJoin('indicators as i', 'i.code', 'o.indicator_code')
      .selectAll('o')
      .where('i.name', '=', indicator)
      .execute();
    expect((await load(managerB, b, 48)).status).toBe(303);
    const both = await db()
      .selectFrom('indicators')
      .select(['code', 'partnership_id'])
      .where('name', '=', indicator)
      .orderBy('partnership_id')
      .execute();
    expect(both.map((i) => i.partnership_id).sort()).toEqual([a.id, b.id].sort());
    expect(new Set(both.map((i) => i.code)).size).toBe(2);
    const aCode = both.find((i) => i.partnership_id === a.id)!.code;
    expect(await db().selectFrom('observations').selectAll().where('indicator_code', '=', aCode).execute()).toEqual(
      aValues,
    );
    // Naming A's indicator by its code does not reach it from B: the code is not one of B's.
    const byCode = await managerB.request('POST', `/partnerships/${OTHER.code}/data/import`, {
      multipart: {
        format: 'tidy',
        file: csvFile('survey.csv', `area_code,indicator,period,value\r\n${b.councilAreaCode},${aCode},2024,1\r\n`),
      },
    });
    expect(byCode.status).toBe(303);
    expect(await db().selectFrom('observations').selectAll().where('indicator_code', '=', aCode).execute()).toEqual(
      aValues,
    );
  });

  it('self-evaluation: B adds a framework of the name A used, and starts the national framework for A’s year; A’s rows stay', async () => {
    const base = (p: PartnershipRef) => `/partnerships/${p.code}/improvement/self-evaluation`;
    const framework = {
      name: 'Locality forums review',
      source: 'Board paper (test)',
      criteria: 'Forums are accessible\nPlans reflect what residents said',
      scale: 'national',
    };
    expect((await managerA.post(`${base(a)}/frameworks`, framework)).status).toBe(303);
    expect((await managerB.post(`${base(b)}/frameworks`, framework)).status).toBe(303);
    const frameworks = await db()
      .selectFrom('evaluation_frameworks')
      .select(['code', 'partnership_id'])
      .where('name', '=', framework.name)
      .execute();
    expect(frameworks.map((f) => f.partnership_id).sort()).toEqual([a.id, b.id].sort());

    const national = await db()
      .selectFrom('evaluation_frameworks')
      .select('id')
      .where('code', '=', 'principles-2016')
      .executeTakeFirstOrThrow();
    const aEvaluations = await db()
      .selectFrom('self_evaluations')
      .selectAll()
      .where('partnership_id', '=', a.id)
      .orderBy('id')
      .execute();
    const year = aEvaluations.find((e) => e.framework_id === national.id)!.year;
    expect((await managerB.post(base(b), { framework_id: String(national.id), year: String(year) })).status).toBe(303);
    expect(
      await db().selectFrom('self_evaluations').selectAll().where('partnership_id', '=', a.id).orderBy('id').execute(),
    ).toEqual(aEvaluations);
    expect(
      await db()
        .selectFrom('self_evaluations')
        .select('year')
        .where('partnership_id', '=', b.id)
        .where('framework_id', '=', national.id)
        .execute(),
    ).toEqual([{ year }]);

    // Scores are keyed by (evaluation, criterion): A's evaluation is not found through B.
    const aDraft = aEvaluations.find((e) => e.status === 'draft')!;
    const aScores = await db()
      .selectFrom('self_evaluation_scores')
      .selectAll()
      .where('evaluation_id', '=', aDraft.id)
      .execute();
    expect(
      (
        await managerB.post(`${base(b)}/${aDraft.id}/scores`, {
          score_prevention: '1',
          evidence_prevention: 'Overwritten from Fife',
        })
      ).status,
    ).toBe(404);
    expect(
      await db().selectFrom('self_evaluation_scores').selectAll().where('evaluation_id', '=', aDraft.id).execute(),
    ).toEqual(aScores);
  });

  it('roles: B gives A’s manager a role in B; A’s role and the account stay as they were', async () => {
    const user = await db().selectFrom('users').selectAll().where('email', '=', A_MANAGER).executeTakeFirstOrThrow();
    const aRole = await db()
      .selectFrom('partnership_roles')
      .selectAll()
      .where('user_id', '=', user.id)
      .where('partnership_id', '=', a.id)
      .executeTakeFirstOrThrow();
    const res = await managerB.post(`/partnerships/${OTHER.code}/members`, {
      email: A_MANAGER,
      display_name: 'Renamed From Fife',
      role: 'viewer',
    });
    expect(res.status).toBe(303);
    expect(
      await db()
        .selectFrom('partnership_roles')
        .selectAll()
        .where('user_id', '=', user.id)
        .where('partnership_id', '=', a.id)
        .executeTakeFirstOrThrow(),
    ).toEqual(aRole);
    expect(
      (
        await db()
          .selectFrom('partnership_roles')
          .select('role')
          .where('user_id', '=', user.id)
          .where('partnership_id', '=', b.id)
          .executeTakeFirstOrThrow()
      ).role,
    ).toBe('viewer');
    const after = await db().selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect({ ...after, last_login_at: null }).toEqual({ ...user, last_login_at: null });
  });

  it('plans: a measure’s values are keyed by (measure, year); A’s measure is not found through B', async () => {
    const measure = await db()
      .selectFrom('plan_measures as m')
      .innerJoin('plan_outcomes as o', 'o.id', 'm.plan_outcome_id')
      .innerJoin('plan_priorities as pr', 'pr.id', 'o.priority_id')
      .innerJoin('plans as pl', 'pl.id', 'pr.plan_id')
      .select(['m.id', 'pl.id as plan_id'])
      .where('pl.partnership_id', '=', a.id)
      .where('m.indicator_code', 'is', null)
      .orderBy('m.id')
      .executeTakeFirstOrThrow();
    const before = await db().selectFrom('measure_values').selectAll().where('measure_id', '=', measure.id).execute();
    expect(before.length).toBeGreaterThan(0);
    const res = await managerB.post(
      `/partnerships/${OTHER.code}/plans/${measure.plan_id}/measures/${measure.id}/values`,
      {
        year: String(before[0]!.year),
        value: '0',
      },
    );
    expect(res.status).toBe(404);
    expect(await db().selectFrom('measure_values').selectAll().where('measure_id', '=', measure.id).execute()).toEqual(
      before,
    );
  });

  it('recommendation responses: keyed by (recommendation, action); B cannot link A’s action, and is answered as for no action at all', async () => {
    const addressed = await db()
      .selectFrom('recommendation_addressees')
      .select('recommendation_id')
      .where('kind', '=', 'all_cpps')
      .orderBy('recommendation_id')
      .executeTakeFirstOrThrow();
    const aAction = await db()
      .selectFrom('plan_actions as x')
      .innerJoin('plan_outcomes as o', 'o.id', 'x.plan_outcome_id')
      .innerJoin('plan_priorities as pr', 'pr.id', 'o.priority_id')
      .innerJoin('plans as pl', 'pl.id', 'pr.plan_id')
      .select('x.id')
      .where('pl.partnership_id', '=', a.id)
      .where('pl.kind', '=', 'improvement')
      .orderBy('x.id')
      .executeTakeFirstOrThrow();
    const before = await db().selectFrom('recommendation_responses').selectAll().orderBy('id').execute();
    const link = (actionId: number) =>
      managerB.post(`/partnerships/${OTHER.code}/improvement/recommendations/link`, {
        recommendation_id: String(addressed.recommendation_id),
        action_id: String(actionId),
      });
    const theirs = await link(aAction.id);
    const none = await link(987654);
    expect(theirs.status).toBe(none.status);
    expect(theirs.status).toBeGreaterThanOrEqual(400);
    for (const res of [theirs, none])
      expect(res.text).toContain('Choose an action of your partnership’s improvement plan');
    expect(await db().selectFrom('recommendation_responses').selectAll().orderBy('id').execute()).toEqual(before);
  });
});

describe(`migration 0024 on existing data (${engine()})`, () => {
  it('scopes the keys without touching a row, and its down() refuses, naming the clash, until the partnerships’ keys are apart again', async () => {
    const handle = await createTestDatabase({ migrate: false });
    try {
      const to = async (name: string) => {
        const result = await (await migrator(handle.db)).migrateTo(name);
        if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
      };
      const d = handle.db;
      await to('0023_indicator_prevention');
      const [fife, falkirk] = await Promise.all(
        ['fife', 'falkirk'].map(
          async (code) =>
            (await d.selectFrom('partnerships').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id,
        ),
      );
      const police = (
        await d.selectFrom('organisations').select('id').where('name', '=', 'Police Scotland').executeTakeFirstOrThrow()
      ).id;
      const now = new Date('2026-11-01T00:00:00Z');
      const asset = (partnership_id: number, reference: string) => ({
        partnership_id,
        owner_organisation_id: police,
        reference,
        name: `Station ${reference}`,
        asset_type: 'building' as const,
        created_at: now,
        updated_at: now,
      });
      await d
        .insertInto('land_assets')
        .values([asset(fife!, 'A-1'), asset(falkirk!, 'A-2')])
        .execute();
      await d
        .insertInto('organisations')
        .values({
          name: 'Community Justice Partnership',
          type_code: 'other',
          owner_partnership_id: fife!,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const rowsBefore = await d.selectFrom('land_assets').selectAll().orderBy('id').execute();

      await to('0024_land_register_scope');
      expect(await d.selectFrom('land_assets').selectAll().orderBy('id').execute()).toEqual(rowsBefore);
      // Now the same reference and the same name can be used by another partnership, not twice by one.
      await d.insertInto('land_assets').values(asset(falkirk!, 'A-1')).execute();
      await expect(d.insertInto('land_assets').values(asset(falkirk!, 'A-1')).execute()).rejects.toThrow(
        /land_assets_partnership_owner_reference_key/,
      );
      await d
        .insertInto('organisations')
        .values({
          name: 'community justice partnership',
          type_code: 'other',
          owner_partnership_id: falkirk!,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await expect(
        d
          .insertInto('organisations')
          .values({
            name: 'Police scotland',
            type_code: 'other',
            owner_partnership_id: null,
            created_at: now,
            updated_at: now,
          })
          .execute(),
      ).rejects.toThrow(/organisations_national_name_idx/);

      await expect(to('0023_indicator_prevention')).rejects.toThrow(
        /land reference A-1 of organisation \d+ is on the registers of partnerships \d+, \d+; organisation name “community justice partnership” is used more than once/,
      );
      await d.deleteFrom('land_assets').where('partnership_id', '=', falkirk!).where('reference', '=', 'A-1').execute();
      await d.deleteFrom('organisations').where('owner_partnership_id', '=', falkirk!).execute();
      await to('0023_indicator_prevention');
      await expect(d.insertInto('land_assets').values(asset(falkirk!, 'A-1')).execute()).rejects.toThrow(
        /land_assets_owner_organisation_id_reference_key/,
      );
      await to('0024_land_register_scope');
    } finally {
      await handle.close();
    }
  });
});
