// The arrows of the house are ESLint rules (eslint.config.js, run by `pnpm lint`). This proves they
// bite: small files placed (in memory) where a wrong import would live must be refused, the right
// ones let through, and the real tree must have none of the refused imports.
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ARROW_RULES = new Set(['import-x/no-restricted-paths', 'no-restricted-imports']);
const eslint = new ESLint({ cwd: root, ruleFilter: ({ ruleId }) => ARROW_RULES.has(ruleId) });

interface Refusal {
  line: number;
  rule: string;
  message: string;
}

async function refusals(file: string, text: string): Promise<Refusal[]> {
  const [result] = await eslint.lintText(text, { filePath: path.join(root, file) });
  if (!result) throw new Error(`ESLint gave no result for ${file}`);
  return result.messages.map((m) => ({ line: m.line, rule: m.ruleId ?? `(fatal) ${m.message}`, message: m.message }));
}

/** One import per line; `refused` are the lines that must be refused, with a word of the reason. */
interface Case {
  file: string;
  imports: string[];
  refused: Record<number, string>;
}

const api = 'apps/api/src';
const cases: Record<string, Case> = {
  'common imports no feature, no report, no wiring': {
    file: `${api}/common/probe.ts`,
    imports: [
      "import { writeHandOffs } from '../modules/notification/hand-off.js';",
      "import type { User } from '../modules/user/user.entity.js';",
      "import { invoicesReport } from '../reports/invoices-report.js';",
      "import { createContextFactory } from '../context.js';",
      "import { createApp } from '../server.js';",
      "import { loadConfig } from '../config.js';",
      "import { ENTITIES } from '../db/entities.js';",
      "import { fail } from './errors.js';",
      "import type { Logger } from '../logger.js';",
      "import { ErrorCode } from '@baton/domain';",
    ],
    refused: { 1: 'common/', 2: 'common/', 3: 'common/', 4: 'common/', 5: 'common/', 6: 'common/', 7: 'common/' },
  },
  'a feature imports no wiring and no report': {
    file: `${api}/modules/client/probe.ts`,
    imports: [
      "import { createSchema } from '../../schema.js';",
      "import { createContextFactory } from '../../context.js';",
      "import { startBaton } from '../../main.js';",
      "import { seedDemoIfEmpty } from '../../seed/demo.js';",
      "import { backorderReport } from '../../reports/stock-reports.js';",
      "const server = await import('../../server.js');",
      "import type { Context } from '../../common/context.js';",
      "import { Project } from '../project/project.entity.js';",
    ],
    refused: { 1: 'wiring', 2: 'wiring', 3: 'wiring', 4: 'wiring', 5: 'know no report', 6: 'wiring' },
  },
  'a report imports no wiring': {
    file: `${api}/reports/probe.ts`,
    imports: [
      "import { loadConfig } from '../config.js';",
      "import { createApp } from '../server.js';",
      "import { Invoice } from '../modules/invoice/invoice.entity.js';",
      "import { pageSize } from '../common/pagination.js';",
    ],
    refused: { 1: 'wiring', 2: 'wiring' },
  },
  'the domain imports only itself': {
    file: 'packages/domain/src/probe.ts',
    imports: [
      "import { loadConfig } from '../../../apps/api/src/config.js';",
      "import { EntityManager } from '@mikro-orm/core';",
      "import { Field } from 'type-graphql';",
      "import { GraphQLError } from 'graphql';",
      "import pg from 'pg';",
      "import { ref } from 'vue';",
      "import fs from 'node:fs';",
      "import { readFile } from 'fs/promises';",
      "import { Role } from './roles.js';",
    ],
    refused: { 1: 'pure rules', 2: 'pure rules', 3: 'pure rules', 4: 'pure rules', 5: 'pure rules', 6: 'pure rules', 7: 'pure rules', 8: 'pure rules' },
  },
  "the domain's tests import the rules, vitest and fast-check": {
    file: 'packages/domain/src/probe.test.ts',
    imports: ["import { expect, it } from 'vitest';", "import fc from 'fast-check';", "import { Role } from './roles.js';", "import pg from 'pg';"],
    refused: { 4: 'fast-check only' },
  },
  'the web app imports nothing of the API and no server-only package': {
    file: 'apps/web/src/features/probe/probe.ts',
    imports: [
      "import type { Viewer } from '../../../../api/src/common/viewer.js';",
      "import { EntityManager } from '@mikro-orm/core';",
      "import express from 'express';",
      "import pg from 'pg';",
      "import path from 'node:path';",
      "import { createHash } from 'crypto';",
      "import { ref } from 'vue';",
      "import { useQuery } from '@/shared/composables/use-query';",
      "import { gql } from '@apollo/client';",
    ],
    refused: { 1: 'never import each other', 2: 'browser', 3: 'browser', 4: 'browser', 5: 'browser', 6: 'browser' },
  },
};

describe('the arrows of the house', () => {
  for (const [name, { file, imports, refused }] of Object.entries(cases)) {
    it(name, async () => {
      const found = await refusals(file, `${imports.join('\n')}\nexport {};\n`);
      expect(found.filter((r) => r.rule.startsWith('(fatal)'))).toEqual([]);
      expect(found.map((r) => r.line).sort((a, b) => a - b)).toEqual(Object.keys(refused).map(Number));
      for (const r of found) expect(r.message).toContain(refused[r.line]);
    });
  }

  it('also holds in a Vue component', async () => {
    const component = `<script setup lang="ts">\nimport type { Context } from '../../../../api/src/common/context.js';\nimport { MikroORM } from '@mikro-orm/postgresql';\ndefineProps<{ c: Context; o: MikroORM }>();\n</script>\n<template><p /></template>\n`;
    const found = await refusals('apps/web/src/features/probe/ProbeCard.vue', component);
    expect(found.map((r) => [r.line, r.rule])).toEqual([
      [2, 'import-x/no-restricted-paths'],
      [3, 'no-restricted-imports'],
    ]);
  });

  it('is kept by the real tree', { timeout: 180_000 }, async () => {
    const results = await eslint.lintFiles(['.']);
    const broken = results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.message}`));
    expect(broken).toEqual([]);
    // It did read the tree (an ignore pattern gone wrong would pass vacuously).
    expect(results.filter((r) => r.filePath.includes(`${path.sep}modules${path.sep}`)).length).toBeGreaterThan(50);
  });
});
