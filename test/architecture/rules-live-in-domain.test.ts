// No business refusal is written outside packages/domain (issue 11, "Decide once"): the apps carry
// the domain's decisions, they do not make refusals of their own. Counted by folder, so a new
// `userError(` in a service fails here with where it is.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' || e.name === 'gql' ? [] : sources(full);
    return /\.(ts|vue)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [full] : [];
  });
}

/** Where a refusal is built: `userError(…)`, or an ErrorCode named to make one. */
const REFUSAL = /\buserError\s*\(|\bErrorCode\.[A-Z_]+/g;

/** Refusals built per folder (relative to the repository), for the files under `dir`. */
function refusalsByFolder(dir: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const file of sources(path.join(ROOT, dir))) {
    const n = (fs.readFileSync(file, 'utf8').match(REFUSAL) ?? []).length;
    if (n === 0) continue;
    const folder = path.relative(ROOT, path.dirname(file));
    counts[folder] = (counts[folder] ?? 0) + n;
  }
  return counts;
}

describe('business refusals are decided in packages/domain only', () => {
  it('the API and the web app build none', () => {
    expect(refusalsByFolder('apps/api/src')).toEqual({});
    expect(refusalsByFolder('apps/web/src')).toEqual({});
  });

  it('the domain builds them (the count would catch them if they moved)', () => {
    const domain = refusalsByFolder('packages/domain/src');
    expect(domain['packages/domain/src'] ?? 0).toBeGreaterThan(100);
  });
});
