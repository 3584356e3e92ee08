import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, DEMO, OTHER, type TestWorld } from './helpers/app.ts';
import { demoPlan } from './helpers/samples.ts';

/**
 * The plan rows PlansService hands the improvement module (recommendations and the national view): each
 * method on the demo's plans, and a partnership's rows never answering for another partnership.
 */
let world: TestWorld;
let demoId: number;
let otherId: number;
/** The demo's improvement-plan action (the demo links it to a recommendation and reports on it). */
let improvementAction: { id: number; plan_id: number };

beforeAll(async () => {
  world = await createWorld();
  demoId = (await world.deps.partnerships.resolve(DEMO.code))!.id;
  otherId = (await world.deps.partnerships.resolve(OTHER.code))!.id;
  const [first] = await world.deps.plans.improvementActions(demoId);
  improvementAction = first!;
});
afterAll(() => world.close());

describe('PlansService for the improvement module', () => {
  it('lists a partnership’s improvement-plan actions, with their plan, and none of another partnership’s', async () => {
    const actions = await world.deps.plans.improvementActions(demoId);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions[0]).toEqual({
      id: expect.any(Number),
      title: expect.stringContaining('prevention'),
      status: 'in_progress',
      plan_id: expect.any(Number),
      plan_title: 'Glenlochy Partnership Improvement Plan (demo)',
    });
    expect(await world.deps.plans.improvementActions(otherId)).toEqual([]);
  });

  it('finds an action of any kind of plan inside its partnership only', async () => {
    const { nhsActionId, planId } = await demoPlan(world);
    expect(await world.deps.plans.actionInPartnership(nhsActionId, demoId)).toEqual({
      id: nhsActionId,
      title: expect.any(String),
      kind: 'loip',
      plan_id: planId,
    });
    expect(await world.deps.plans.actionInPartnership(improvementAction.id, demoId)).toMatchObject({
      kind: 'improvement',
      plan_id: improvementAction.plan_id,
    });
    expect(await world.deps.plans.actionInPartnership(nhsActionId, otherId)).toBeUndefined();
    // Inside the caller's transaction too.
    await world.handle.db.transaction().execute(async (trx) => {
      expect(await world.deps.plans.actionInPartnership(nhsActionId, demoId, trx)).toMatchObject({ id: nhsActionId });
    });
  });

  it('gives each action’s plan partnership and status, and nothing for no actions', async () => {
    const { nhsActionId } = await demoPlan(world);
    const rows = await world.deps.plans.actionPlans([nhsActionId, improvementAction.id]);
    expect(rows.sort((a, b) => a.action_id - b.action_id)).toEqual(
      [
        { action_id: nhsActionId, partnership_id: demoId, status: 'published' },
        { action_id: improvementAction.id, partnership_id: demoId, status: 'approved' },
      ].sort((a, b) => a.action_id - b.action_id),
    );
    expect(await world.deps.plans.actionPlans([])).toEqual([]);
  });

  it('lists every LOIP and every published plan, newest first', async () => {
    const { planId } = await demoPlan(world);
    const loips = await world.deps.plans.loips();
    expect(loips.map((p) => p.id)).toContain(planId);
    expect(Object.keys(loips[0]!).sort()).toEqual(
      ['end_year', 'id', 'partnership_id', 'published_at', 'start_year', 'status', 'title', 'updated_at'].sort(),
    );
    const published = await world.deps.plans.publishedPlans();
    expect(published.map((p) => p.id)).toContain(planId);
    expect(published.map((p) => p.id)).not.toContain(improvementAction.plan_id);
    const times = published.map((p) => (p.published_at ? new Date(p.published_at).getTime() : 0));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('gives the shape of plans: priorities with outcomes, measures with targets, and money per year', async () => {
    const { planId, outcomeId, priorityId } = await demoPlan(world);
    const shapes = await world.deps.plans.planShapes([planId]);
    expect(shapes.outcomes).toContainEqual({ plan_id: planId, priority_id: priorityId, outcome_id: outcomeId });
    expect(shapes.measures.length).toBeGreaterThan(0);
    expect(shapes.measures.every((m) => m.plan_id === planId && typeof m.has_target === 'boolean')).toBe(true);
    expect(shapes.money.length).toBeGreaterThan(0);
    for (const m of shapes.money) {
      expect(m.plan_id).toBe(planId);
      expect(Number(m.preventative)).toBeLessThanOrEqual(Number(m.money));
    }
    expect(await world.deps.plans.planShapes([])).toEqual({ outcomes: [], measures: [], money: [] });
  });

  it('gives the approved updates of a partnership’s actions, oldest first, and none across partnerships', async () => {
    const updates = await world.deps.plans.approvedActionUpdates(demoId, [improvementAction.id]);
    expect(updates.length).toBeGreaterThan(0);
    expect(updates[0]).toEqual({
      id: expect.any(Number),
      subject_id: improvementAction.id,
      rag: 'amber',
      update_date: expect.anything(),
      narrative: expect.stringContaining('partners'),
    });
    expect(await world.deps.plans.approvedActionUpdates(otherId, [improvementAction.id])).toEqual([]);
    expect(await world.deps.plans.approvedActionUpdates(demoId, [])).toEqual([]);
  });
});
