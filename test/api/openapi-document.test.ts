import SwaggerParser from '@apidevtools/swagger-parser';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createWorld, type TestWorld } from '../helpers/app.ts';

/**
 * The OpenAPI document is generated from the routes' own schemas (core/http/router.ts). Two independent
 * validators must accept it with no error: @seriousme/openapi-schema-validator (the OpenAPI 3.1 JSON Schema)
 * and @apidevtools/swagger-parser (schema, then every $ref resolved and the document checked as a whole).
 */
describe('the OpenAPI document', () => {
  let world: TestWorld;
  let doc: Record<string, unknown>;
  beforeAll(async () => {
    world = await createWorld();
    const res = await new Client(world).get('/api/openapi.json');
    expect(res.status).toBe(200);
    doc = res.json<Record<string, unknown>>();
  });
  afterAll(() => world.close());

  it('is valid OpenAPI 3.1 to @seriousme/openapi-schema-validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('is valid to @apidevtools/swagger-parser, every reference resolved', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('describes how to authenticate, and every operation says which it takes', () => {
    const components = doc['components'] as { securitySchemes: Record<string, { type: string; scheme?: string }> };
    expect(components.securitySchemes['bearer']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(components.securitySchemes['session']).toMatchObject({ type: 'apiKey' });
    const paths = doc['paths'] as Record<string, Record<string, { security?: unknown[]; operationId?: string }>>;
    const ops = Object.values(paths).flatMap((methods) => Object.values(methods));
    expect(ops.length).toBeGreaterThan(30);
    for (const op of ops) expect(op.security, op.operationId).toBeDefined();
  });

  it('is the same document at /api/v1/openapi.json', async () => {
    const res = await new Client(world).get('/api/v1/openapi.json');
    expect(res.json()).toEqual(doc);
  });
});
