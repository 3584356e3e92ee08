// `npm run api:types`: write the generated client's types (test/api/cairn-api.generated.ts) from the document the
// app serves (a fresh in-memory database: the document depends on the routes alone), formatted as the tree is.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { createApp } from '../../src/app.tsx';
import { loadConfig } from '../../src/config.ts';
import { connect, migrateToLatest } from '../../src/db/connect.ts';
import { buildDeps } from '../../src/deps.ts';
import { CLIENT_TYPES, clientTypes } from './client-types.ts';

const handle = await connect({ dataDir: ':memory:' });
try {
  await migrateToLatest(handle.db);
  const cairn = createApp(buildDeps(handle, loadConfig({ CAIRN_LOG: 'silent', CAIRN_DATA_DIR: '/nonexistent' })));
  const file = fileURLToPath(CLIENT_TYPES);
  const text = await format(await clientTypes(cairn), { ...(await resolveConfig(file)), filepath: file });
  await writeFile(file, text);
  console.log(`wrote ${file}`);
} finally {
  await handle.close();
}
