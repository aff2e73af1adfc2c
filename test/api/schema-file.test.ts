import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printServedSchema, SCHEMA_FILE } from '../../apps/api/src/schema-emit.js';

describe('packages/schema/schema.graphql', () => {
  it('is the schema the API serves (run `pnpm schema:emit` after changing a resolver)', async () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(await printServedSchema());
  });
});
