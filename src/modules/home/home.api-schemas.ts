import { z } from '@hono/zod-openapi';

/** What /health answers with (the OpenAPI document's response schema; test/api-responses.test.ts checks it). */
export const Health = z
  .object({
    status: z.literal('ok').meta({ description: 'The process is up and the database answered a query' }),
    engine: z.enum(['pglite', 'postgres']).meta({ description: 'The database engine in use' }),
    version: z.string().meta({ description: 'Cairn’s version' }),
  })
  .openapi('Health');
