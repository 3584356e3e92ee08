import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import type { Client } from './helpers/app.ts';
import { auditCount, createWorld, DEMO, OTHER, signedIn, type TestWorld } from './helpers/app.ts';
import { demoPlan } from './helpers/samples.ts';

/** Plans over HTTP on the real database: structure, bad input, who sees drafts, progress and approval, versions. */
let world: TestWorld;
const MANAGER = 'manager@glenlochy.example';
const OFFICER = 'officer@glenlochy.example';

beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const as = (email: string | null) => signedIn(world, email);

const orgId = async (name: string) =>
  (await world.handle.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow())
    .id;

async function newPlan(manager: Client, form: Record<string, string> = {}): Promise<number> {
  const res = await manager.post(`/partnerships/${DEMO.code}/plans`, {
    kind: 'loip',
    title: `Test LOIP ${Math.random().toString(36).slice(2)}`,
    start_year: '2026',
    end_year: '2030',
    ...form,
  });
  expect(res.status, res.text.slice(0, 300)).toBe(303);
  return Number(/plans\/(\d+)/.exec(res.location ?? '')![1]);
}

describe('a plan from draft to publication', () => {
  it('builds priorities → outcomes → measures and actions, stays private as a draft, and is public once published', async () => {
    const manager = await as(MANAGER);
    const id = await newPlan(manager);
    const base = `/partnerships/${DEMO.code}/plans/${id}`;
    expect((await manager.post(`${base}/priorities`, { title: 'Tackling child poverty' })).status).toBe(303);
    const priority = await world.handle.db
      .selectFrom('plan_priorities')
      .select('id')
      .where('plan_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(
      (
        await manager.post(`${base}/outcomes`, {
          priority_id: String(priority.id),
          title: 'Fewer children in poverty',
          national_outcomes: ['children', 'poverty'],
        })
      ).status,
    ).toBe(303);
    const outcome = await world.handle.db
      .selectFrom('plan_outcomes')
      .select('id')
      .where('priority_id', '=', priority.id)
      .executeTakeFirstOrThrow();
    const measure = await manager.post(`${base}/measures`, {
      outcome_id: String(outcome.id),
      title: 'Child poverty',
      indicator_code: 'cpop-child-poverty',
      baseline_year: '2018',
      baseline_value: '23.9',
      targets: '2028: 17\n2031: 15',
    });
    expect(measure.status, measure.text.slice(0, 300)).toBe(303);
    const action = await manager.post(`${base}/actions`, {
      outcome_id: String(outcome.id),
      title: 'Advice in every school',
      lead_organisation_id: String(await orgId('Glenlochy Council')),
      contributors: [String(await orgId('NHS Glenlochy'))],
      horizon: 'short',
      due_date: '2026-01-31',
      status: 'in_progress',
    });
    expect(action.status).toBe(303);

    // A draft: the partnership sees it; the public and another partnership do not.
    const publicUrl = `/partnerships/${DEMO.code}/plans/${id}`;
    expect((await (await as(null)).get(publicUrl)).status).toBe(404);
    expect((await (await as(OTHER.email)).get(publicUrl)).status).toBe(404);
    expect((await (await as(OTHER.email)).get(`/api/v1/partnerships/${DEMO.code}/plans/${id}`)).status).toBe(404);
    expect((await (await as(OTHER.email)).get(base)).status).toBe(404);
    expect((await (await as(null)).get(`/partnerships/${DEMO.code}/plans`)).text).not.toContain(`/plans/${id}"`);
    const mine = await manager.get(publicUrl);
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('Fewer children in poverty');

    // The tree, with the data status from the (fictional) outcomes data and an overdue action: 23.9 (2018) to
    // 21.9 (2022) is −2.2% a year; reaching 17 by 2028 needs −3.3% a year, a ratio of 0.65: acceleration needed.
    const tree = (await manager.get(`/api/v1/partnerships/${DEMO.code}/plans/${id}`)).json<{
      priorities: {
        outcomes: {
          national: { code: string }[];
          measures: { values: unknown[]; targets: { year: number }[]; progress: { status: string } }[];
          actions: { overdue: boolean; contributors: { name: string }[] }[];
        }[];
      }[];
    }>();
    const o = tree.priorities[0]!.outcomes[0]!;
    expect(o.national.map((n) => n.code)).toEqual(['children', 'poverty']);
    expect(o.measures[0]!.targets.map((t) => t.year)).toEqual([2028, 2031]);
    expect(o.measures[0]!.values.length).toBeGreaterThan(3);
    expect(o.measures[0]!.progress.status).toBe('acceleration_needed');
    expect(o.actions[0]).toMatchObject({ overdue: true, contributors: [{ name: 'NHS Glenlochy' }] });

    // Published: public, and frozen as version 1 then 2.
    expect((await manager.post(`${base}/status`, { status: 'approved', note: 'Board, 1 December' })).status).toBe(303);
    expect((await manager.post(`${base}/status`, { status: 'published' })).status).toBe(303);
    const pub = await (await as(null)).get(publicUrl);
    expect(pub.status).toBe(200);
    expect(pub.text).toContain('Published');
    const csv = await (await as(null)).get(`${publicUrl}/measures.csv`);
    expect(csv.text.split('\r\n')[1]).toContain(
      'Tackling child poverty,Fewer children in poverty,Children; Poverty,Child poverty,cpop-child-poverty',
    );
    const versions = await world.handle.db
      .selectFrom('plan_versions')
      .select(['version', 'status'])
      .where('plan_id', '=', id)
      .orderBy('version')
      .execute();
    expect(versions).toEqual([
      { version: 1, status: 'approved' },
      { version: 2, status: 'published' },
    ]);

    // A change after publication shows in the diff of the next version.
    await manager.post(`${base}/status`, { status: 'draft' });
    await manager.post(`${base}/priorities`, { title: 'Healthier lives' });
    await manager.post(`${base}/status`, { status: 'approved' });
    const diff = await manager.get(`${base}/versions`);
    expect(diff.text).toContain('What changed from version 2 to version 3');
    expect(diff.text).toContain('Priority: Healthier lives');
  });

  it('refuses bad input by field and writes nothing', async () => {
    const manager = await as(MANAGER);
    const before = await auditCount(world);
    const backwards = await manager.post(`/partnerships/${DEMO.code}/plans`, {
      kind: 'loip',
      title: 'Backwards',
      start_year: '2030',
      end_year: '2026',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.text).toContain('The plan must end in or after the year it starts');
    const noLocality = await manager.post(`/partnerships/${DEMO.code}/plans`, {
      kind: 'locality',
      title: 'Somewhere',
      start_year: '2026',
      end_year: '2028',
    });
    expect(noLocality.text).toContain('Choose the locality the plan is for');
    const foreignLocality = await manager.post(`/partnerships/${DEMO.code}/plans`, {
      kind: 'locality',
      title: 'Elsewhere',
      start_year: '2026',
      end_year: '2028',
      locality_code: 'S02001234',
    });
    expect(foreignLocality.status).toBe(400);
    expect(foreignLocality.text).toContain('Choose one of the partnership’s localities');
    expect(await auditCount(world)).toBe(before);

    const id = await newPlan(manager);
    const base = `/partnerships/${DEMO.code}/plans/${id}`;
    await manager.post(`${base}/priorities`, { title: 'A priority' });
    const priority = await world.handle.db
      .selectFrom('plan_priorities')
      .select('id')
      .where('plan_id', '=', id)
      .executeTakeFirstOrThrow();
    await manager.post(`${base}/outcomes`, { priority_id: String(priority.id), title: 'An outcome' });
    const outcome = await world.handle.db
      .selectFrom('plan_outcomes')
      .select('id')
      .where('priority_id', '=', priority.id)
      .executeTakeFirstOrThrow();
    const count = async () =>
      (
        await world.handle.db
          .selectFrom('plan_measures')
          .select('id')
          .where('plan_outcome_id', '=', outcome.id)
          .execute()
      ).length;
    const outside = await manager.post(`${base}/measures`, {
      outcome_id: String(outcome.id),
      title: 'Late target',
      higher_is_better: 'true',
      targets: '2040: 50',
    });
    expect(outside.status).toBe(400);
    expect(outside.text).toContain('The target for 2040 is outside the plan, which runs from 2026/27 to 2030/31');
    const garbled = await manager.post(`${base}/measures`, {
      outcome_id: String(outcome.id),
      title: 'Garbled',
      higher_is_better: 'true',
      targets: 'next year: lots',
    });
    expect(garbled.text).toContain('“next year: lots” is not a target: write year: value, like 2030: 40');
    const halfBaseline = await manager.post(`${base}/measures`, {
      outcome_id: String(outcome.id),
      title: 'Half',
      higher_is_better: 'true',
      baseline_year: '2024',
    });
    expect(halfBaseline.text).toContain('Give both the baseline year and its value, or neither');
    const otherPlansOutcome = (await demoPlan(world)).outcomeId;
    const crossPlan = await manager.post(`${base}/measures`, {
      outcome_id: String(otherPlansOutcome),
      title: 'Wrong plan',
      higher_is_better: 'true',
    });
    expect(crossPlan.text).toContain('Choose one of this plan’s local outcomes');
    const strangerLead = await manager.post(`${base}/actions`, {
      outcome_id: String(outcome.id),
      title: 'Fife leads',
      lead_organisation_id: String(await orgId(OTHER.organisation)),
      horizon: 'short',
    });
    expect(strangerLead.text).toContain('Choose one of the partnership’s partners');
    expect(await count()).toBe(0);
    const jump = await manager.post(`${base}/status`, { status: 'published' });
    expect(jump.status).toBe(400);
    expect(jump.text).toContain('A plan that is draft can move to consultation or approved, not published');
  });
});

describe('plans under plans', () => {
  it('puts a locality plan under the LOIP, shows the link both ways, and refuses a loop, itself or another partnership’s plan, writing nothing', async () => {
    const manager = await as(MANAGER);
    const { planId: loip } = await demoPlan(world);
    const a = await newPlan(manager);
    const b = await newPlan(manager);
    expect(
      (await manager.post(`/partnerships/${DEMO.code}/plans/${a}/parent`, { parent_plan_id: String(loip) })).status,
    ).toBe(303);
    expect(
      (await manager.post(`/partnerships/${DEMO.code}/plans/${b}/parent`, { parent_plan_id: String(a) })).status,
    ).toBe(303);
    const page = await manager.get(`/partnerships/${DEMO.code}/plans/${a}`);
    expect(page.text).toContain(`Part of <a href="/partnerships/${DEMO.code}/plans/${loip}">`);
    expect(page.text).toContain(`Plans under this one: <a href="/partnerships/${DEMO.code}/plans/${b}">`);
    // The public page of the LOIP does not name the drafts under it.
    const publicLoip = await (await as(null)).get(`/partnerships/${DEMO.code}/plans/${loip}`);
    expect(publicLoip.text).not.toContain(`/plans/${a}"`);

    const parentOf = async (id: number) =>
      (
        await world.handle.db
          .selectFrom('plans')
          .select('parent_plan_id')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).parent_plan_id;
    const fife = await world.deps.plans.create(
      cliContext(systemActor('test')),
      (await world.deps.partnerships.resolve(OTHER.code))!,
      {
        kind: 'loip',
        title: 'Fife plan',
        summary: undefined,
        locality_code: undefined,
        start_year: 2026,
        end_year: 2030,
      },
    );
    const before = await auditCount(world);
    const loop = await manager.post(`/partnerships/${DEMO.code}/plans/${a}/parent`, { parent_plan_id: String(b) });
    expect(loop.status).toBe(400);
    expect(loop.text).toContain('That would make a loop:');
    expect(loop.text).toContain('This plan sits under');
    const self = await manager.post(`/partnerships/${DEMO.code}/plans/${a}/parent`, { parent_plan_id: String(a) });
    expect(self.text).toContain('A plan cannot sit under itself');
    const foreign = await manager.post(`/partnerships/${DEMO.code}/plans/${a}/parent`, {
      parent_plan_id: String(fife.id),
    });
    expect(foreign.status).toBe(400);
    expect(foreign.text).toContain('Choose one of the partnership’s plans');
    const garbage = await manager.post(`/partnerships/${DEMO.code}/plans/${a}/parent`, { parent_plan_id: 'the LOIP' });
    expect(garbage.status).toBe(400);
    expect(await parentOf(a)).toBe(loip);
    expect(await auditCount(world)).toBe(before);

    expect((await manager.post(`/partnerships/${DEMO.code}/plans/${b}/parent`, { parent_plan_id: '' })).status).toBe(
      303,
    );
    expect(await parentOf(b)).toBeNull();
  });
});

describe('progress', () => {
  it('lets a partner officer update their own organisation’s actions only, and publishes the update when a manager approves it', async () => {
    const d = await demoPlan(world);
    const officer = await as(OFFICER);
    const base = `/partnerships/${DEMO.code}/plans/${d.planId}`;
    const notTheirs = await officer.post(`${base}/updates`, {
      subject: `outcome:${d.outcomeId}`,
      rag: 'red',
      narrative: 'Not mine to say',
      update_date: '2026-11-20',
    });
    expect(notTheirs.status).toBe(403);
    // Led by the council with the college: nothing to do with the officer's health board.
    const counciLAction = await world.handle.db
      .selectFrom('plan_actions')
      .select('id')
      .where('title', '=', 'Affordable childcare places in Kilbrae')
      .executeTakeFirstOrThrow();
    expect(
      (
        await officer.post(`${base}/updates`, {
          subject: `action:${counciLAction.id}`,
          rag: 'red',
          narrative: 'Not our action',
          update_date: '2026-11-20',
        })
      ).status,
    ).toBe(403);

    const narrative = `Nine of nine practices staffed ${Math.random().toString(36).slice(2)}`;
    expect(
      (
        await officer.post(`${base}/updates`, {
          subject: `action:${d.nhsActionId}`,
          rag: 'green',
          narrative,
          update_date: '2026-11-21',
        })
      ).status,
    ).toBe(303);
    const publicUrl = `/partnerships/${DEMO.code}/plans/${d.planId}`;
    expect((await (await as(null)).get(publicUrl)).text).not.toContain(narrative);
    const row = await world.handle.db
      .selectFrom('progress_updates')
      .select(['id', 'approved'])
      .where('narrative', '=', narrative)
      .executeTakeFirstOrThrow();
    expect(row.approved).toBe(false);
    expect((await officer.post(`${base}/updates/${row.id}/approve`)).status).toBe(403);
    const manager = await as(MANAGER);
    expect((await manager.post(`${base}/updates/${row.id}/approve`)).status).toBe(303);
    expect((await (await as(null)).get(publicUrl)).text).toContain(narrative);
    expect((await manager.post(`${base}/updates/${row.id}/approve`)).status).toBe(404);
  });

  it('charts each measure against its target trajectory, with the figures as a table and CSV', async () => {
    const { planId } = await demoPlan(world);
    const page = await (await as(null)).get(`/partnerships/${DEMO.code}/plans/${planId}`);
    expect(page.text).toContain(
      'aria-label="Children in low-income families: values by year and the trajectory to its targets (dashed)"',
    );
    expect(page.text).toContain('Children in low-income families, values and targets by year');
    const csv = (
      await (await as(null)).get(`/partnerships/${DEMO.code}/plans/${planId}/measure-values.csv`)
    ).text.split('\r\n');
    expect(csv[0]).toBe('priority,local_outcome,measure,year,value,target,source');
    expect(csv).toContain(
      'Tackling child poverty,Fewer children live in low-income families,Children in low-income families,2022,21.9,,2022',
    );
  });

  it('flags measures with no recent data', async () => {
    const tree = (
      await (await as(null)).get(`/api/v1/partnerships/${DEMO.code}/plans/${(await demoPlan(world)).planId}`)
    ).json<{ priorities: { outcomes: { measures: { title: string; stale: boolean }[] }[] }[] }>();
    const measures = tree.priorities.flatMap((p) => p.outcomes.flatMap((o) => o.measures));
    // The demo's outcomes data ends in 2022 (more than three years before 2026); its own survey ran last year.
    expect(measures.find((m) => m.title === 'Children in low-income families')?.stale).toBe(true);
    expect(measures.find((m) => m.title === 'Residents who feel they can influence local decisions')?.stale).toBe(
      false,
    );
  });

  it('flags an officer’s RAG that disagrees with what the data says', async () => {
    const page = await (await as(null)).get(`/partnerships/${DEMO.code}/plans/${(await demoPlan(world)).planId}`);
    // The demo rates child poverty green while the data says acceleration is needed.
    expect(page.text).toContain('Differs from the data');
    expect(page.text).toContain('Acceleration needed');
  });
});
