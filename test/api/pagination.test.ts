// Keyset pagination of lists: every row exactly once, newest first; `first` clamped to 100;
// malformed cursors and `first` < 1 are BAD_USER_INPUT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/api-app.js';
import { ok, project, team, type Team } from '../support/workflow.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterAll(() => app?.stop());

const PROJECTS = 'query($first: Int, $after: String) { projects(first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }';

describe('projects', () => {
  it('walks every project exactly once, newest first, page by page', async () => {
    const made: string[] = [];
    for (let i = 0; i < 23; i++) made.push((await project(t)).id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const r: { data: { projects: { totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } = await app.gql(PROJECTS, { first: 5, after }, { token: t.accountant.token });
      expect(r.data.projects.totalCount).toBe(23);
      seen.push(...r.data.projects.nodes.map((n) => n.id));
      if (!r.data.projects.pageInfo.hasNextPage) break;
      after = r.data.projects.pageInfo.endCursor;
    }
    expect(seen).toEqual([...made].reverse());
  });

  it.each([
    [{ first: 0 }, 'BAD_USER_INPUT'],
    [{ first: -3 }, 'BAD_USER_INPUT'],
    [{ after: 'garbage' }, 'BAD_USER_INPUT'],
    [{ after: Buffer.from('["not a date","x"]').toString('base64url') }, 'BAD_USER_INPUT'],
  ])('refuses %j with %s', async (vars, code) => {
    const r = await app.gql(PROJECTS, vars, { token: t.accountant.token });
    expect(r.errors?.[0]?.extensions?.code).toBe(code);
  });

  it('clamps first above 100 to 100', async () => {
    for (let i = 0; i < 3; i++) await project(t);
    const r = await app.gql(PROJECTS, { first: 1000 }, { token: t.accountant.token });
    expect(r.errors).toBeUndefined();
    expect(r.data.projects.nodes.length).toBe(Math.min(100, r.data.projects.totalCount));
  });
});

describe('activity and notifications', () => {
  it('pages a project’s activity without repeats', async () => {
    const prj = await project(t);
    for (let i = 0; i < 7; i++) await ok(t, t.order.token, `mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } userErrors { code } } }`, { input: { projectId: prj.id, body: `note ${i}` } }, 'addNote');
    const q = 'query($id: ID!, $after: String) { project(id: $id) { activity(first: 3, after: $after) { nodes { id message } pageInfo { hasNextPage endCursor } } } }';
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page: { nodes: { id: string; message: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = (await app.gql(q, { id: prj.id, after }, { token: t.order.token })).data.project.activity;
      seen.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(8); // project.created + 7 notes
    expect(new Set(seen).size).toBe(8);
  });
});
