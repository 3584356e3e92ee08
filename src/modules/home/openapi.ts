import { z } from 'zod';
import { PERMISSIONS } from '../../core/access/permissions.ts';
import type { RouteSpec } from '../../core/http/router.ts';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  try {
    const out = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
    delete out['$schema'];
    return out;
  } catch {
    return {};
  }
}

/** OpenAPI 3.1 for every JSON route, generated from the same declarations the router enforces. */
export function openApiDocument(specs: readonly RouteSpec[], baseUrl: string, version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs.filter((s) => s.kind === 'api')) {
    const path = spec.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const params = [...spec.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query: unknown[] = [];
    if (spec.query) {
      const js = jsonSchema(spec.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(js.properties ?? {})) {
        query.push({ name, in: 'query', required: js.required?.includes(name) ?? false, schema });
      }
    }
    const op: Record<string, unknown> = {
      summary: spec.summary,
      tags: [spec.tag ?? 'general'],
      description: `Requires the permission \`${spec.permission}\`: ${PERMISSIONS[spec.permission]}.`,
      parameters: [...params, ...query],
      responses: {
        '200': {
          description: 'OK',
          content: { 'application/json': { schema: spec.response ? jsonSchema(spec.response, 'output') : {} } },
        },
        '400': { description: 'Invalid input; `error.fields` names each field with its messages' },
        '401': { description: 'Not signed in' },
        '403': { description: 'Signed in without the permission' },
        '404': { description: 'Not found, or no access (the two are not told apart)' },
      },
    };
    if (spec.body) {
      op['requestBody'] = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } },
      };
      op['parameters'] = [
        ...(op['parameters'] as unknown[]),
        { name: 'X-CSRF-Token', in: 'header', required: true, schema: { type: 'string' } },
      ];
    }
    (paths[path] ??= {})[spec.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cairn API',
      version,
      description:
        'The JSON API of Cairn. Sign in through /login to get a session cookie; unsafe requests repeat the ' +
        'cairn_csrf cookie value in the X-CSRF-Token header.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: baseUrl }],
    paths,
  };
}
