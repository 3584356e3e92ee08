#!/usr/bin/env node
// `npx cairn …`: run the TypeScript CLI through tsx's loader, with the project's own tsconfig wherever
// the command is run from (its JSX settings render the pages and reports).
import { fileURLToPath, URL } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli.ts');
