// Notes that tag people, and the notifications every hand-off writes (DOMAIN.md, "Notes, mentions,
// notifications").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, OPS, product, project, refused, salesOrder, team, type Team } from '../../support/workflow.js';
import { one } from '../../support/lists.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterAll(() => app?.stop());

const NOTE = 'id body bodyHtml pinned pinnedAt pinnedBy { id } editedAt author { id } mentions { id handle } purchaseOrder { id } salesOrder { id } invoice { id }';
const ADD = `mutation($input: AddNoteInput!) { addNote(input: $input) { note { ${NOTE} } userErrors { code message field } } }`;
const EDIT = `mutation($id: ID!, $body: String!) { editNote(id: $id, body: $body) { note { ${NOTE} } userErrors { code message field } } }`;
const PIN = `mutation($id: ID!, $pinned: Boolean!) { setNotePinned(id: $id, pinned: $pinned) { note { id pinned pinnedAt pinnedBy { id } } userErrors { code } } }`;
const NOTES = `query($id: ID!, $pinnedOnly: Boolean) { project(id: $id) { notes(pinnedOnly: $pinnedOnly) { id body pinned } } }`;
const INBOX = `query($unreadOnly: Boolean) { notifications(unreadOnly: $unreadOnly) { totalCount unreadCount nodes { id kind message read actor { id } project { id } note { id } salesOrder { id } purchaseOrder { id } invoice { id } } } }`;

/** The handle of each user of the team, by user id. */
const handles = async () => {
  const users = (await app.gql('{ users { id handle } }', {}, { token: t.admin.token })).data.users as { id: string; handle: string }[];
  const byId = new Map(users.map((u) => [u.id, u.handle]));
  return (userId: string) => {
    const handle = byId.get(userId);
    if (handle === undefined) throw new Error(`no user ${userId} in the team`);
    return handle;
  };
};
const inbox = async (token: string, unreadOnly = false) => (await app.gql(INBOX, { unreadOnly }, { token })).data.notifications;

describe('notes and mentions', () => {
  it('tags the users named by @handle, case-insensitively, once each; e-mail addresses and unknown handles stay text', async () => {
    const h = await handles();
    const prj = await project(t);
    const body = `@${h(t.invoicing.userId).toUpperCase()} please invoice the 300 that shipped; @${h(t.order.userId)} FYI. @${h(t.invoicing.userId)} again. Mail ap@${h(t.accountant.userId)}.example, @nobody-here, and me: @${h(t.production.userId)}`;
    const before = await inbox(t.invoicing.token);
    const note = (await ok(t, t.production.token, ADD, { input: { projectId: prj.id, body, pinned: true } }, 'addNote')).note;
    expect(note.mentions.map((u: { id: string }) => u.id).sort()).toEqual([t.invoicing.userId, t.order.userId, t.production.userId].sort());
    expect(note).toMatchObject({ pinned: true, pinnedBy: { id: t.production.userId }, author: { id: t.production.userId } });

    const invoicing = await inbox(t.invoicing.token);
    expect(invoicing.totalCount).toBe(before.totalCount + 1);
    expect(invoicing.nodes[0]).toMatchObject({ kind: 'MENTION', read: false, actor: { id: t.production.userId }, project: { id: prj.id }, note: { id: note.id } });
    expect((await inbox(t.order.token)).nodes.filter((n: { note: { id: string } | null }) => n.note?.id === note.id)).toHaveLength(1);
    // The author tagged themself: listed, not notified. The accountant's handle inside an e-mail address: neither.
    expect((await inbox(t.production.token)).nodes.filter((n: { note: { id: string } | null }) => n.note?.id === note.id)).toHaveLength(0);
    expect((await inbox(t.accountant.token)).nodes.filter((n: { note: { id: string } | null }) => n.note?.id === note.id)).toHaveLength(0);
  });

  it('notifies only the newly mentioned on edit, and never an inactive user', async () => {
    const h = await handles();
    const prj = await project(t);
    const note = (await ok(t, t.order.token, ADD, { input: { projectId: prj.id, body: `@${h(t.invoicing.userId)} first` } }, 'addNote')).note;
    await app.sql('update app_user set active = false where id = $1', [t.purchasing.userId]);
    try {
      const counts = async () => Promise.all([t.invoicing, t.accountant, t.purchasing].map(async (u) => one(await app.sql<{ n: number }>('select count(*)::int as n from notification where note_id = $1 and recipient_id = $2', [note.id, u.userId])).n));
      expect(await counts()).toEqual([1, 0, 0]);
      const edited = (await ok(t, t.order.token, EDIT, { id: note.id, body: `@${h(t.invoicing.userId)} and @${h(t.accountant.userId)} and @${h(t.purchasing.userId)}` }, 'editNote')).note;
      expect(edited.editedAt).not.toBeNull();
      expect(edited.mentions).toHaveLength(3);
      expect(await counts()).toEqual([1, 1, 0]);
    } finally {
      await app.sql('update app_user set active = true where id = $1', [t.purchasing.userId]);
    }
  });

  it('lets only the author or an ADMIN edit', async () => {
    const prj = await project(t);
    const note = (await ok(t, t.order.token, ADD, { input: { projectId: prj.id, body: 'mine' } }, 'addNote')).note;
    expect(await refused(t, t.invoicing.token, EDIT, { id: note.id, body: 'hijacked' }, 'editNote')).toEqual(['FORBIDDEN']);
    expect((await ok(t, t.admin.token, EDIT, { id: note.id, body: 'fixed by admin' }, 'editNote')).note.body).toBe('fixed by admin');
  });

  it.each([
    ['an empty body', { body: '' }, 'INVALID_INPUT'],
    ['a blank body', { body: '   ' }, 'INVALID_INPUT'],
    ['a body of 10,001 characters', { body: 'x'.repeat(10_001) }, 'INVALID_INPUT'],
  ])('refuses %s with %s and writes nothing', async (_name, patch, code) => {
    const prj = await project(t);
    expect(await refused(t, t.order.token, ADD, { input: { projectId: prj.id, ...patch } }, 'addNote')).toEqual([code]);
    expect(await app.sql('select id from note where project_id = $1', [prj.id])).toEqual([]);
  });

  it('takes a body of exactly 10,000 characters and stores it as given', async () => {
    const prj = await project(t);
    const body = 'é‮‍'.repeat(3333) + 'x';
    const note = (await ok(t, t.order.token, ADD, { input: { projectId: prj.id, body } }, 'addNote')).note;
    expect(note.body).toBe(body);
  });

  it('refuses a purchase order, order or invoice of another project as NOT_FOUND, and more than one target', async () => {
    const mug = await product(t, false, 100);
    const a = await project(t);
    const b = await project(t);
    const so = await salesOrder(t, b.id, [{ productId: mug.id, quantity: 5 }]);
    const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
    expect(await refused(t, t.order.token, ADD, { input: { projectId: a.id, body: 'x', purchaseOrderId: po.id } }, 'addNote')).toEqual(['NOT_FOUND']);
    expect(await refused(t, t.order.token, ADD, { input: { projectId: a.id, body: 'x', salesOrderId: so.id } }, 'addNote')).toEqual(['NOT_FOUND']);
    expect(await refused(t, t.order.token, ADD, { input: { projectId: b.id, body: 'x', salesOrderId: so.id, purchaseOrderId: po.id } }, 'addNote')).toEqual(['INVALID_INPUT']);
    const onPo = (await ok(t, t.order.token, ADD, { input: { projectId: b.id, body: 'about the PO', purchaseOrderId: po.id } }, 'addNote')).note;
    expect(onPo.purchaseOrder.id).toBe(po.id);
  });

  it('lists pinned notes first (newest pin first), then newest first', async () => {
    const prj = await project(t);
    const add = async (body: string) => (await ok(t, t.order.token, ADD, { input: { projectId: prj.id, body } }, 'addNote')).note.id as string;
    const n1 = await add('one');
    const n2 = await add('two');
    const n3 = await add('three');
    const n4 = await add('four');
    await ok(t, t.invoicing.token, PIN, { id: n3, pinned: true }, 'setNotePinned');
    await ok(t, t.invoicing.token, PIN, { id: n1, pinned: true }, 'setNotePinned');
    const all = (await app.gql(NOTES, { id: prj.id }, { token: t.accountant.token })).data.project.notes.map((n: { id: string }) => n.id);
    expect(all).toEqual([n1, n3, n4, n2]);
    const pinned = (await app.gql(NOTES, { id: prj.id, pinnedOnly: true }, { token: t.accountant.token })).data.project.notes.map((n: { id: string }) => n.id);
    expect(pinned).toEqual([n1, n3]);
    const unpinned = (await ok(t, t.accountant.token, PIN, { id: n1, pinned: false }, 'setNotePinned')).note;
    expect(unpinned).toMatchObject({ pinned: false, pinnedAt: null, pinnedBy: null });
  });

  it('renders hostile markup inert: no script, no event handler, no javascript: link', async () => {
    const prj = await project(t);
    const body = [
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(2)">',
      '[click](javascript:alert(3))',
      '<a href="javascript:alert(4)" onclick="alert(5)">x</a>',
      '**bold** and a [real link](https://example.com)',
      '<iframe src="https://evil.example"></iframe>',
    ].join('\n\n');
    const note = (await ok(t, t.order.token, ADD, { input: { projectId: prj.id, body } }, 'addNote')).note;
    const html: string = note.bodyHtml;
    // Hostile markup survives only as escaped text: no such element, attribute or link target.
    expect(html).not.toMatch(/<(script|img|iframe)\b/i);
    expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
    expect(html).not.toMatch(/<a\b[^>]*href\s*=\s*["']?\s*javascript:/i);
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toMatch(/<a href="https:\/\/example\.com" rel="noopener noreferrer nofollow" target="_blank">real link<\/a>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(note.body).toBe(body);
  });
});

describe('hand-off notifications', () => {
  it('PROBLEM notifies the order and invoicing reps; READY_FOR_BILLING notifies the invoicing rep; shipping the order rep; never the actor', async () => {
    const mug = await product(t, false, 100);
    const prj = await project(t);
    const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 10 }]);
    const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
    const of = async (userId: string) => app.sql<{ kind: string; actor_id: string | null }>('select kind, actor_id from notification where recipient_id = $1 and (sales_order_id = $2 or purchase_order_id = $3) order by created_at', [userId, so.id, po.id]);

    await ok(t, t.production.token, OPS.setPoStatus, { id: po.id, status: 'PROBLEM' }, 'setPurchaseOrderStatus');
    await ok(t, t.production.token, OPS.setPoStatus, { id: po.id, status: 'PROBLEM' }, 'setPurchaseOrderStatus'); // unchanged: nothing new
    expect(await of(t.order.userId)).toEqual([{ kind: 'PURCHASE_ORDER_PROBLEM', actor_id: t.production.userId }]);
    expect(await of(t.invoicing.userId)).toEqual([{ kind: 'PURCHASE_ORDER_PROBLEM', actor_id: t.production.userId }]);
    expect(await of(t.production.userId)).toEqual([]);

    await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'READY_FOR_BILLING' }, 'setPurchaseOrderStage');
    expect((await of(t.invoicing.userId)).map((n) => n.kind)).toEqual(['PURCHASE_ORDER_PROBLEM', 'READY_TO_INVOICE']);
    // Passing SHIPPED on the way made the order SHIPPED first: the order rep hears of it (a rule did it).
    expect(await of(t.order.userId)).toEqual([
      { kind: 'PURCHASE_ORDER_PROBLEM', actor_id: t.production.userId },
      { kind: 'SALES_ORDER_SHIPPED', actor_id: null },
    ]);
    expect(await of(t.production.userId)).toEqual([]);
  });

  it('READY_TO_BE_INVOICED set by the invoicing rep themself notifies nobody', async () => {
    const mug = await product(t, false, 100);
    const prj = await project(t);
    const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 10 }]);
    // An ADMIN who is also the project's invoicing rep: make the admin the rep on a new project.
    const own = (await ok(t, t.order.token, OPS.createProject, { name: 'Own', clientId: t.clientId, o: t.order.userId, i: t.admin.userId }, 'createProject')).project;
    const so2 = await salesOrder(t, own.id, [{ productId: mug.id, quantity: 10 }]);
    await ok(t, t.admin.token, OPS.setSalesOrderStatus, { id: so2.id, status: 'READY_TO_BE_INVOICED' }, 'setSalesOrderStatus');
    expect(await app.sql('select 1 from notification where sales_order_id = $1', [so2.id])).toEqual([]);
    await ok(t, t.production.token, OPS.setSalesOrderStatus, { id: so.id, status: 'READY_TO_BE_INVOICED' }, 'setSalesOrderStatus');
    expect(await app.sql<{ recipient_id: string }>('select recipient_id from notification where sales_order_id = $1', [so.id])).toEqual([{ recipient_id: t.invoicing.userId }]);
  });

  it('counts unread, marks read by id (own only) and all', async () => {
    const h = await handles();
    const prj = await project(t);
    for (let i = 0; i < 3; i++) await ok(t, t.order.token, ADD, { input: { projectId: prj.id, body: `@${h(t.accountant.userId)} #${i}` } }, 'addNote');
    const box = await inbox(t.accountant.token, true);
    expect(box.unreadCount).toBeGreaterThanOrEqual(3);
    const ids = box.nodes.slice(0, 2).map((n: { id: string }) => n.id);
    // Another user's ids change nothing.
    expect((await app.gql('mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }', { ids }, { token: t.order.token })).data.markNotificationsRead).toBe(0);
    expect((await app.gql('mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }', { ids: [...ids, 'nope'] }, { token: t.accountant.token })).data.markNotificationsRead).toBe(2);
    expect((await inbox(t.accountant.token)).unreadCount).toBe(box.unreadCount - 2);
    expect((await app.gql('mutation { markAllNotificationsRead }', {}, { token: t.accountant.token })).data.markAllNotificationsRead).toBe(box.unreadCount - 2);
    expect((await inbox(t.accountant.token)).unreadCount).toBe(0);
  });
});
