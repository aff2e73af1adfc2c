// Writes the served schema to packages/schema/schema.graphql (`pnpm schema:emit`), the file the web
// app's code generator reads. A test fails when the committed file is stale.
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { workspaceRoot } from './config.js';
import { createSchema } from './schema.js';

export const SCHEMA_FILE = path.join(workspaceRoot(), 'packages/schema/schema.graphql');

export async function printServedSchema(): Promise<string> {
  const header = '# Emitted by `pnpm schema:emit` from the API (apps/api). Do not edit: change the resolvers.\n\n';
  return header + printSchema(lexicographicSortSchema(await createSchema())) + '\n';
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  fs.writeFileSync(SCHEMA_FILE, await printServedSchema());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
