import openapiTS, { astToString } from 'openapi-typescript';
import type { CairnApp } from '../../src/app.tsx';

/** Where the client's types live: generated from the OpenAPI document, committed, checked for staleness. */
export const CLIENT_TYPES = new URL('./cairn-api.generated.ts', import.meta.url);

const HEADER =
  '// Generated from Cairn\u2019s OpenAPI document by openapi-typescript: do not edit.\n' +
  '// Make it anew with `npm run api:types` after changing a route (test/api/api-client.test.ts checks it).\n\n';

/** The TypeScript types openapi-typescript writes for the document the app serves. */
export async function clientTypes(cairn: CairnApp): Promise<string> {
  const res = await cairn.app.request('/api/openapi.json');
  if (res.status !== 200) throw new Error(`/api/openapi.json answered ${res.status}`);
  return HEADER + astToString(await openapiTS((await res.json()) as never));
}
