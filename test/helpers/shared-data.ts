import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real Scottish open data, read in place (never copied into the repository): `../shared/data` beside
 * the project, or wherever CAIRN_SHARED_DATA points.
 */
export function sharedData(...parts: string[]): string {
  const root =
    process.env['CAIRN_SHARED_DATA'] ??
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data');
  const file = path.join(root, ...parts);
  if (!existsSync(file))
    throw new Error(`Real data not found at ${file}: put ../shared/data beside the project or set CAIRN_SHARED_DATA`);
  return file;
}
