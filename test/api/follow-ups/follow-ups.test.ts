// Follow-ups through the API (DOMAIN.md, "Follow-ups"): made alone, with a note or with a PO flag;
// the assignee told at once; completed by the assignee, the creator or an ADMIN; "My follow-ups"
// overdue first; refusals with their codes, in the order of checks, and nothing written.
import { addDays, todayUtc } from '../../../packages/domain/src/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, userWithRoles, type TestApp } from '../../support/api-app.js';
import { checkOrganization } from '../../support/invariants.js';
import { ok, OPS, product, project, refused, salesOrder, team, type Team } from '../../support/workflow.js';

const FOLLOW_UP = 'id body dueOn done overdue assignee { id } createdBy { id } doneBy { id } purchaseOrder { id } salesOrder { id } invoice { id } project { id } can { complete { allowed code reason } }';
const CREATE = `mutation($input: CreateFollowUpInput!) { createFollowUp(input: $input) { followUp { ${FOLLOW_UP} } userErrors { code message field } } }`;
const COMPLETE = `mutation($id: ID!) { completeFollowUp(id: $id) { followUp { ${FOLLOW_UP} } userErrors { code message field } } }`;
const SET_STATUS = `mutation($id: ID!, $status: PurchaseOrderStatus!, $followUp: FollowUpInput) { setPurchaseOrderStatus(id: $id, status: $status, followUp: $followUp) { purchaseOrder { id status followUps { ${FOLLOW_UP} } } userErrors { code message field } } }`;
const ADD_NOTE = `mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } userErrors { code message field } } }`;
const MINE = `query($first: Int, $after: String, $includeDone: Boolean, $assigneeId: ID) { followUps(first: $first, after: $after, includeDone: $includeDone, assigneeId: $assigneeId) { nodes { ${FOLLOW_UP} } pageInfo { hasNextPage endCursor } totalCount } }`;

let app: TestApp;
let t: Team;
let prj: { id: string; number: string };
let otherPrj: { id: string };
let so: { id: string };
let po: { id: string; number: string };
let otherPo: { id: string };
const today = todayUtc();

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  const mug = await product(t, false, 100);
  prj = await project(t);
  otherPrj = await project(t);
  so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 10 }]);
  [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
  const otherSo = await salesOrder(t, otherPrj.id, [{ productId: mug.id, quantity: 1 }]);
  [otherPo] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: otherSo.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
}, 120_000);
afterAll(() => app?.stop());

async function notificationsOf(token: string) {
  const r = await app.gql('{ notifications { nodes { kind message read actor { id } project { id } followUp { id body } } } }', {}, { token });
  return r.data.notifications.nodes as { kind: string; message: string; actor: { id: string } | null; project: { id: string } | null; followUp: { id: string; body: string } | null }[];
}

/** Runs `call`, which must be refused with `codes`, and checks that nothing was written. */
async function refusedUnchanged(call: () => Promise<string[]>, codes: string[]) {
  const before = await checkOrganization(app, t.admin.organizationId);
  const followUps = await app.sql('select count(*)::int as n from follow_up');
  const notifications = await app.sql('select count(*)::int as n from notification');
  expect(await call()).toEqual(codes);
  expect((await checkOrganization(app, t.admin.organizationId)).fingerprint).toBe(before.fingerprint);
  expect(await app.sql('select count(*)::int as n from follow_up')).toEqual(followUps);
  expect(await app.sql('select count(*)::int as n from notification')).toEqual(notifications);
}

describe('createFollowUp', () => {
  it('makes a follow-up about a PO and tells its assignee at once, in words', async () => {
    const r = await ok(t, t.production.token, CREATE, { input: { projectId: prj.id, assigneeId: t.invoicing.userId, dueOn: addDays(today, 1), body: 'Invoice the 300 that shipped', purchaseOrderId: po.id } }, 'createFollowUp');
    expect(r.followUp).toMatchObject({ body: 'Invoice the 300 that shipped', dueOn: addDays(today, 1), done: false, overdue: false, assignee: { id: t.invoicing.userId }, createdBy: { id: t.production.userId }, purchaseOrder: { id: po.id }, project: { id: prj.id } });
    expect(r.followUp.can.complete).toEqual({ allowed: true, code: null, reason: null });
    const inbox = await notificationsOf(t.invoicing.token);
    const n = inbox.find((x) => x.followUp?.id === r.followUp.id)!;
    expect(n).toMatchObject({ kind: 'FOLLOW_UP_ASSIGNED', actor: { id: t.production.userId }, project: { id: prj.id } });
    expect(n.message).toMatch(/^Priya Production asked you to follow up on PRJ-\d+ Spring promo by \w{3} \d{1,2}, \d{4}: “Invoice the 300 that shipped”$/);
    const activity = await app.gql('query($id: ID!) { project(id: $id) { activity { nodes { kind message } } } }', { id: prj.id }, { token: t.admin.token });
    expect(activity.data.project.activity.nodes).toContainEqual({ kind: 'follow_up.created', message: expect.stringContaining('Priya Production asked Ines Invoicing to follow up on PO-') });
  });

  it('never notifies a self-assigned follow-up', async () => {
    const before = (await notificationsOf(t.order.token)).length;
    await ok(t, t.order.token, CREATE, { input: { projectId: prj.id, assigneeId: t.order.userId, dueOn: today, body: 'Call the client' } }, 'createFollowUp');
    expect((await notificationsOf(t.order.token)).length).toBe(before);
  });

  it('refuses, in the order of checks, and writes nothing', async () => {
    const input = { projectId: prj.id, assigneeId: t.invoicing.userId, dueOn: today, body: 'x' };
    const call = (token: string, i: Record<string, unknown>) => () => refused(t, token, CREATE, { input: { ...input, ...i } }, 'createFollowUp');
    await refusedUnchanged(call(t.order.token, { projectId: '00000000-0000-0000-0000-000000000000', body: '' }), ['NOT_FOUND']);
    // a PO of another project is as unknown as a missing one (before the input checks)
    await refusedUnchanged(call(t.order.token, { purchaseOrderId: otherPo.id, body: '' }), ['NOT_FOUND']);
    await refusedUnchanged(call(t.order.token, { purchaseOrderId: po.id, salesOrderId: so.id }), ['INVALID_INPUT']);
    await refusedUnchanged(call(t.order.token, { assigneeId: '00000000-0000-0000-0000-000000000000' }), ['INVALID_INPUT']);
    await refusedUnchanged(call(t.order.token, { body: '   ' }), ['INVALID_INPUT']);
    await refusedUnchanged(call(t.order.token, { body: 'y'.repeat(2001) }), ['INVALID_INPUT']);
    // an inactive assignee
    const gone = await userWithRoles(app, t.admin.token, ['ACCOUNTANT'], 'Gone Gary');
    await ok(t, t.admin.token, 'mutation($input: UpdateUserInput!) { updateUser(input: $input) { userErrors { code } } }', { input: { userId: gone.userId, active: false } }, 'updateUser');
    await refusedUnchanged(call(t.order.token, { assigneeId: gone.userId }), ['INVALID_INPUT']);
    const r = await app.gql(CREATE, { input }, {});
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('completeFollowUp', () => {
  it('by the assignee, the creator or an admin; anyone else is FORBIDDEN; a done one is INVALID_TRANSITION', async () => {
    const make = async () =>
      (await ok(t, t.production.token, CREATE, { input: { projectId: prj.id, assigneeId: t.invoicing.userId, dueOn: today, body: 'Check the count' } }, 'createFollowUp')).followUp.id as string;
    const id = await make();
    const seen = await app.gql(`query { followUps(assigneeId: "${t.invoicing.userId}") { nodes { id can { complete { allowed code reason } } } } }`, {}, { token: t.accountant.token });
    expect(seen.data.followUps.nodes.find((n: { id: string }) => n.id === id).can.complete).toMatchObject({ allowed: false, code: 'FORBIDDEN', reason: expect.stringContaining('Only the person it was given to') });
    await refusedUnchanged(() => refused(t, t.accountant.token, COMPLETE, { id }, 'completeFollowUp'), ['FORBIDDEN']);
    await refusedUnchanged(() => refused(t, t.accountant.token, COMPLETE, { id: '00000000-0000-0000-0000-000000000000' }, 'completeFollowUp'), ['NOT_FOUND']);
    const done = await ok(t, t.invoicing.token, COMPLETE, { id }, 'completeFollowUp');
    expect(done.followUp).toMatchObject({ done: true, overdue: false, doneBy: { id: t.invoicing.userId } });
    expect(done.followUp.can.complete.code).toBe('INVALID_TRANSITION');
    await refusedUnchanged(() => refused(t, t.production.token, COMPLETE, { id }, 'completeFollowUp'), ['INVALID_TRANSITION']);
    // the creator and an admin may too
    await ok(t, t.production.token, COMPLETE, { id: await make() }, 'completeFollowUp');
    await ok(t, t.admin.token, COMPLETE, { id: await make() }, 'completeFollowUp');
  });
});

describe('a follow-up with a PO flag', () => {
  it('flagging FOLLOW_UP with who and by when makes the follow-up about the PO, its text defaulting to the flag', async () => {
    const r = await ok(t, t.production.token, SET_STATUS, { id: po.id, status: 'FOLLOW_UP', followUp: { assigneeId: t.invoicing.userId, dueOn: addDays(today, 1) } }, 'setPurchaseOrderStatus');
    expect(r.purchaseOrder.status).toBe('FOLLOW_UP');
    const made = r.purchaseOrder.followUps.find((f: { body: string }) => f.body === `${po.number} flagged Follow up`);
    expect(made).toMatchObject({ assignee: { id: t.invoicing.userId }, purchaseOrder: { id: po.id }, project: { id: prj.id } });
    const kinds = (await notificationsOf(t.invoicing.token)).filter((n) => n.followUp?.id === made.id).map((n) => n.kind);
    expect(kinds).toEqual(['FOLLOW_UP_ASSIGNED']);
  });

  it('refuses a follow-up with OK, with the status the PO already has, and writes nothing', async () => {
    const followUp = { assigneeId: t.invoicing.userId, dueOn: today };
    await refusedUnchanged(() => refused(t, t.production.token, SET_STATUS, { id: po.id, status: 'FOLLOW_UP', followUp }, 'setPurchaseOrderStatus'), ['INVALID_INPUT']);
    await refusedUnchanged(() => refused(t, t.production.token, SET_STATUS, { id: po.id, status: 'OK', followUp }, 'setPurchaseOrderStatus'), ['INVALID_INPUT']);
    await refusedUnchanged(() => refused(t, t.production.token, SET_STATUS, { id: po.id, status: 'PROBLEM', followUp: { ...followUp, assigneeId: '00000000-0000-0000-0000-000000000000' } }, 'setPurchaseOrderStatus'), ['INVALID_INPUT']);
    await refusedUnchanged(() => refused(t, t.production.token, SET_STATUS, { id: po.id, status: 'PROBLEM', followUp: { ...followUp, body: '' } }, 'setPurchaseOrderStatus'), ['INVALID_INPUT']);
    // the role first
    await refusedUnchanged(() => refused(t, t.invoicing.token, SET_STATUS, { id: po.id, status: 'PROBLEM', followUp }, 'setPurchaseOrderStatus'), ['FORBIDDEN']);
    // a stock purchase order belongs to no project: no follow-up with its flag
    const pen = await product(t, true, 50);
    const stock = (await ok(t, t.purchasing.token, OPS.createPurchaseOrder, { input: { supplierId: t.supplierId, lines: [{ productId: pen.id, quantity: 5 }] } }, 'createPurchaseOrder')).purchaseOrder;
    await refusedUnchanged(() => refused(t, t.purchasing.token, SET_STATUS, { id: stock.id, status: 'FOLLOW_UP', followUp }, 'setPurchaseOrderStatus'), ['INVALID_INPUT']);
    // completing does not change the flag
    const mine = await app.gql(MINE, {}, { token: t.invoicing.token });
    const flagged = mine.data.followUps.nodes.find((f: { purchaseOrder: { id: string } | null; body: string }) => f.body.endsWith('flagged Follow up'));
    await ok(t, t.invoicing.token, COMPLETE, { id: flagged.id }, 'completeFollowUp');
    const again = await app.gql('query($id: ID!) { purchaseOrder(id: $id) { status } }', { id: po.id }, { token: t.admin.token });
    expect(again.data.purchaseOrder.status).toBe('FOLLOW_UP');
  });
});

describe('a follow-up with the flag dialog (flagPurchaseOrder)', () => {
  const FLAG = `mutation($input: FlagPurchaseOrderInput!) { flagPurchaseOrder(input: $input) { purchaseOrder { id status followUps { ${FOLLOW_UP} } } userErrors { code message field } } }`;

  it('makes the follow-up with the flag, all or nothing, its refusals under input.followUp', async () => {
    const mug = await product(t, false, 100);
    const order = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 3 }]);
    const [flagged] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: order.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
    const input = { purchaseOrderId: flagged.id, status: 'FOLLOW_UP', note: '@nobody the mugs are late' };
    const r = await app.gql(FLAG, { input: { ...input, followUp: { assigneeId: '00000000-0000-0000-0000-000000000000', dueOn: today } } }, { token: t.production.token });
    expect(r.data.flagPurchaseOrder.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'followUp', 'assigneeId'] })]);
    const still = await app.gql('query($id: ID!) { purchaseOrder(id: $id) { status followUps { id } } }', { id: flagged.id }, { token: t.production.token });
    expect(still.data.purchaseOrder).toEqual({ status: 'OK', followUps: [] });

    const done = await ok(t, t.production.token, FLAG, { input: { ...input, followUp: { assigneeId: t.invoicing.userId, dueOn: addDays(today, 1) } } }, 'flagPurchaseOrder');
    expect(done.purchaseOrder.status).toBe('FOLLOW_UP');
    expect(done.purchaseOrder.followUps).toEqual([expect.objectContaining({ assignee: { id: t.invoicing.userId }, dueOn: addDays(today, 1), purchaseOrder: { id: flagged.id } })]);
  });
});

describe('a follow-up with a note', () => {
  it('is about the note’s record, its text the note’s when none is given', async () => {
    await ok(t, t.order.token, ADD_NOTE, { input: { projectId: prj.id, body: 'Client wants the rest by Friday', salesOrderId: so.id, followUp: { assigneeId: t.production.userId, dueOn: addDays(today, 2) } } }, 'addNote');
    const r = await app.gql(`query($id: ID!) { salesOrder(id: $id) { followUps { ${FOLLOW_UP} } } }`, { id: so.id }, { token: t.production.token });
    expect(r.data.salesOrder.followUps).toContainEqual(expect.objectContaining({ body: 'Client wants the rest by Friday', salesOrder: { id: so.id }, assignee: { id: t.production.userId } }));
  });

  it('refuses a bad follow-up with the note and writes neither', async () => {
    await refusedUnchanged(
      () => refused(t, t.order.token, ADD_NOTE, { input: { projectId: prj.id, body: 'hello', followUp: { assigneeId: '00000000-0000-0000-0000-000000000000', dueOn: today } } }, 'addNote'),
      ['INVALID_INPUT'],
    );
    const notes = await app.sql(`select count(*)::int as n from note where body = 'hello'`);
    expect(notes).toEqual([{ n: 0 }]);
  });
});

describe('My follow-ups', () => {
  it('lists the viewer’s, overdue first, then by due date, done last when asked; counts the overdue in business alerts', async () => {
    const u = await userWithRoles(app, t.admin.token, ['ACCOUNTANT'], 'Fiona Follow');
    const make = async (dueOn: string, body: string) =>
      (await ok(t, t.order.token, CREATE, { input: { projectId: prj.id, assigneeId: u.userId, dueOn, body } }, 'createFollowUp')).followUp.id as string;
    await make(addDays(today, 3), 'later');
    await make(addDays(today, -2), 'two days late');
    const doneId = await make(addDays(today, -9), 'done long ago');
    await make(today, 'today');
    await make(addDays(today, -1), 'one day late');
    await ok(t, t.order.token, COMPLETE, { id: doneId }, 'completeFollowUp');

    const open = await app.gql(MINE, {}, { token: u.token });
    expect(open.data.followUps.nodes.map((f: { body: string; overdue: boolean }) => [f.body, f.overdue])).toEqual([
      ['two days late', true],
      ['one day late', true],
      ['today', false],
      ['later', false],
    ]);
    expect(open.data.followUps.totalCount).toBe(4);

    // keyset pages, done ones last
    const bodies: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const r: { data: { followUps: { nodes: { body: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } } = await app.gql(MINE, { first: 2, after, includeDone: true }, { token: u.token });
      bodies.push(...r.data.followUps.nodes.map((f) => f.body));
      if (!r.data.followUps.pageInfo.hasNextPage) break;
      after = r.data.followUps.pageInfo.endCursor;
    }
    expect(bodies).toEqual(['two days late', 'one day late', 'today', 'later', 'done long ago']);

    const alerts = await app.gql('{ businessAlerts { overdueFollowUps } }', {}, { token: u.token });
    expect(alerts.data.businessAlerts.overdueFollowUps).toBe(2);
    const project = await app.gql('query($id: ID!) { project(id: $id) { can { createFollowUp { allowed } } followUps { body } } }', { id: prj.id }, { token: u.token });
    expect(project.data.project.can.createFollowUp.allowed).toBe(true);
    expect(project.data.project.followUps.map((f: { body: string }) => f.body)).not.toContain('done long ago');
  });

  it('answers in a number of statements that does not grow with the list', async () => {
    const u = await userWithRoles(app, t.admin.token, ['PURCHASING'], 'Lars List');
    // The session is read on the first request and then cached (SESSION_CACHE_MS): counted apart.
    const count = async () => {
      // Warm the session cache (SESSION_CACHE_MS) first, so neither count includes reading the session.
      await app.gql(MINE, { includeDone: true }, { token: u.token });
      app.queries.reset();
      const r = await app.gql(MINE, { includeDone: true }, { token: u.token });
      expect(r.errors).toBeUndefined();
      return app.queries.statements.filter((q) => !/from session s join app_user u/.test(q)).length;
    };
    const make = (n: number) =>
      Promise.all(Array.from({ length: n }, (_, i) => ok(t, t.order.token, CREATE, { input: { projectId: i % 2 ? prj.id : otherPrj.id, assigneeId: u.userId, dueOn: addDays(today, i), body: `task ${i}`, ...(i % 2 ? { purchaseOrderId: po.id } : {}) } }, 'createFollowUp')));
    await make(2);
    const few = await count();
    await make(12);
    const many = await count();
    expect(many).toBe(few);
  });
});
