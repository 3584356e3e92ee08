import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createWorld, DEMO, type TestWorld } from './helpers/app.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

describe('smoke', () => {
  it('serves the start page and lets the demo manager reach the dashboard', async () => {
    const client = new Client(world);
    expect((await client.get('/')).status).toBe(200);
    await client.login('manager@glenlochy.example');
    const dash = await client.get(`/p/${DEMO.code}`);
    expect(dash.status).toBe(200);
    expect(dash.text).toContain('Glenlochy Community Planning Partnership (demo)');
  });
});
