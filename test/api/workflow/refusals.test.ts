// Refusals: every business rule that refuses a mutation answers with its code (DOMAIN.md, "Order of
// checks" and "Rules") and writes nothing. "Nothing" is checked literally: every table of the
// database (sessions and the migration log aside) is read just before and just after the refused
// call, and the two snapshots must be identical — sales order lines, invoices and their lines,
// payments, receipts, stock movements, products' on hand, number series, activity events, all of it.
//
// Each case builds its own documents; the only shared state is the organization and its users.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';
import { one } from '../../support/lists.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterAll(() => app?.stop());

type Vars = Record<string, unknown>;
type Who = 'admin' | 'order' | 'production' | 'invoicing' | 'accountant' | 'purchasing';
const ROLE: Record<Who, string> = {
  admin: 'ADMIN',
  order: 'ORDER_REP',
  production: 'PRODUCTION_REP',
  invoicing: 'INVOICING_REP',
  accountant: 'ACCOUNTANT',
  purchasing: 'PURCHASING',
};

/** A well-formed id that names no record anywhere. */
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

// ───────────────────────────── snapshot of the whole database ─────────────────────────────

type Snapshot = Map<string, string[]>;
const NOT_BUSINESS_DATA = new Set(['session', 'mikro_orm_migrations']);

/** Every row of every table (as text), per table, sorted. */
async function snapshot(): Promise<Snapshot> {
  const tables = (
    await app.sql<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`)
  )
    .map((r) => r.name)
    .filter((n) => !NOT_BUSINESS_DATA.has(n));
  const rows = await app.sql<{ tbl: string; row: string }>(
    `${tables.map((n) => `select '${n}' as tbl, x::text as row from "${n}" x`).join(' union all ')} order by 1, 2`,
  );
  const out: Snapshot = new Map(tables.map((n) => [n, []]));
  for (const r of rows) out.get(r.tbl)!.push(r.row);
  return out;
}

/** Rows added or removed per table (an updated row shows as one removed and one added). */
function changes(before: Snapshot, after: Snapshot): Record<string, { added: string[]; removed: string[] }> {
  const out: Record<string, { added: string[]; removed: string[] }> = {};
  for (const tbl of new Set([...before.keys(), ...after.keys()])) {
    const count = new Map<string, number>();
    for (const r of before.get(tbl) ?? []) count.set(r, (count.get(r) ?? 0) + 1);
    const added: string[] = [];
    for (const r of after.get(tbl) ?? []) {
      const n = count.get(r) ?? 0;
      if (n > 0) count.set(r, n - 1);
      else added.push(r);
    }
    const removed = [...count.entries()].flatMap(([r, n]) => Array<string>(n).fill(r));
    if (added.length || removed.length) out[tbl] = { added, removed };
  }
  return out;
}

// ───────────────────────────── calling and asserting ─────────────────────────────

interface Call {
  token: string | undefined;
  op: string;
  vars: Vars;
  field: string;
}

const TOP_LEVEL = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT']);

/**
 * Runs `call`, which must be refused with `code` (a top-level error for UNAUTHENTICATED, FORBIDDEN
 * and BAD_USER_INPUT, otherwise `userErrors` with the payload's record field(s) null or empty),
 * and asserts the database is exactly as it was.
 */
async function expectRefused(call: Call, code: string | string[]) {
  const accepted = Array.isArray(code) ? code : [code];
  const before = await snapshot();
  const r = await app.gql(call.op, call.vars, { token: call.token });
  const after = await snapshot();
  const payload = r.data?.[call.field];
  const codes = r.errors ? r.errors.map((e) => e.extensions?.code ?? 'ERROR') : ((payload?.userErrors ?? []) as { code: string }[]).map((e) => e.code);
  const detail = JSON.stringify(r.errors ?? payload);
  // Soft: when the code is wrong, still report whether anything was written.
  const distinct = [...new Set(codes)];
  if (accepted.length === 1) expect.soft(distinct, `${call.field} answered ${detail}`).toEqual(accepted);
  else expect.soft(distinct.length === 1 && distinct.every((c) => accepted.includes(c)), `${call.field} answered ${detail}; expected one of ${accepted.join(', ')}`).toBe(true);
  if (accepted.some((c) => TOP_LEVEL.has(c)) || !payload) {
    expect.soft(payload ?? null, detail).toBeNull();
  } else {
    const { userErrors: _errors, ...records } = payload as Record<string, unknown>;
    for (const [key, value] of Object.entries(records)) {
      expect.soft(value === null || (Array.isArray(value) && value.length === 0), `${call.field}.${key} must be null or empty when refused: ${detail}`).toBe(true);
    }
  }
  expect(changes(before, after), `${call.field} was refused with ${code} but wrote`).toEqual({});
  return r;
}

const as = (who: Who, tm: Team = t) => tm[who].token;

const read = {
  so: async (id: string) => (await app.gql(OPS.salesOrder, { id }, { token: t.admin.token })).data.salesOrder,
  po: async (id: string) => (await app.gql(OPS.purchaseOrder, { id }, { token: t.admin.token })).data.purchaseOrder,
  invoice: async (id: string) => (await app.gql(OPS.invoice, { id }, { token: t.admin.token })).data.invoice,
  onHand: async (productId: string) => one(await app.sql<{ on_hand: number }>('select on_hand from product where id = $1', [productId])).on_hand,
  ledger: async (productId: string) =>
    app.sql<{ kind: string; quantity: number }>('select kind, quantity from stock_movement where product_id = $1 order by created_at, kind', [productId]),
};

// ───────────────────────────── fixtures (each case makes its own) ─────────────────────────────

async function setStage(poId: string, stage: string, reason?: string, tm: Team = t) {
  return (await ok(tm, as('production', tm), OPS.setStage, { id: poId, stage, reason }, 'setPurchaseOrderStage')).purchaseOrder;
}

async function receive(poId: string, poLineId: string, quantity: number, tm: Team = t) {
  return (await ok(tm, as('production', tm), OPS.receive, { input: { purchaseOrderId: poId, lines: [{ purchaseOrderLineId: poLineId, quantity }] } }, 'receivePurchaseOrder'))
    .purchaseOrder;
}

async function invoice(soId: string, lines?: [lineId: string, quantity: number][], tm: Team = t) {
  const input = { salesOrderId: soId, lines: lines?.map(([salesOrderLineId, quantity]) => ({ salesOrderLineId, quantity })) };
  return (await ok(tm, as('invoicing', tm), OPS.createInvoice, { input }, 'createInvoice')).invoice;
}

/** A drop-ship order of `quantity` with no purchase order yet: OPEN. */
async function plainOrder(quantity = 10, tm: Team = t) {
  const p = await product(tm, false, 1000);
  const prj = await project(tm);
  const so = await salesOrder(tm, prj.id, [{ productId: p.id, quantity }]);
  return { productId: p.id, projectId: prj.id, soId: so.id as string, lineId: so.lines[0].id as string };
}

/** A drop-ship order of `quantity` ($10.00 each), its PO SUBMITTED (order IN_PRODUCTION), `shipped` units received. */
async function dropShip(quantity = 500, shipped = 0, taxRateBasisPoints = 0, tm: Team = t) {
  const p = await product(tm, false, 1000);
  const prj = await project(tm);
  const so = await salesOrder(tm, prj.id, [{ productId: p.id, quantity }], taxRateBasisPoints);
  const [po] = (await ok(tm, as('production', tm), OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
  await setStage(po.id, 'SUBMITTED', undefined, tm);
  if (shipped > 0) await receive(po.id, po.lines[0].id, shipped, tm);
  return { productId: p.id, projectId: prj.id, soId: so.id as string, lineId: so.lines[0].id as string, poId: po.id as string, poLineId: po.lines[0].id as string };
}

/** An inventoried product ($4.00) with `onHand` in stock and an order of `quantity`, scheduled unless told not to. */
async function stocked(onHand: number, quantity: number, schedule = true, tm: Team = t) {
  const p = await product(tm, true, 400);
  if (onHand) await ok(tm, as('purchasing', tm), OPS.adjustStock, { id: p.id, q: onHand, reason: 'count' }, 'adjustStock');
  const prj = await project(tm);
  const so = await salesOrder(tm, prj.id, [{ productId: p.id, quantity }]);
  if (schedule) await ok(tm, as('purchasing', tm), OPS.scheduleSalesOrder, { id: so.id }, 'scheduleSalesOrder');
  return { productId: p.id, projectId: prj.id, soId: so.id as string, lineId: so.lines[0].id as string };
}

/** A stock purchase order of `quantity` of a new inventoried product, moved to `stage`. */
async function stockPo(quantity = 100, stage = 'SUBMITTED', tm: Team = t) {
  const p = await product(tm, true, 400);
  const po = (await ok(tm, as('purchasing', tm), OPS.createPurchaseOrder, { input: { supplierId: tm.supplierId, lines: [{ productId: p.id, quantity }] } }, 'createPurchaseOrder'))
    .purchaseOrder;
  if (stage !== 'CREATED') await setStage(po.id, stage, undefined, tm);
  return { productId: p.id, poId: po.id as string, poLineId: po.lines[0].id as string };
}

/** Drop-ship 500 all shipped, invoiced 300 + 200: INVOICED and locked. */
async function fullyInvoiced() {
  const d = await dropShip(500, 500);
  const first = await invoice(d.soId, [[d.lineId, 300]]);
  const second = await invoice(d.soId, [[d.lineId, 200]]);
  return { ...d, firstId: first.id as string, secondId: second.id as string };
}

const createInvoiceCall = (who: Who, salesOrderId: string, lines?: [string, number][]): Call => ({
  token: as(who),
  op: OPS.createInvoice,
  field: 'createInvoice',
  vars: { input: { salesOrderId, lines: lines?.map(([salesOrderLineId, quantity]) => ({ salesOrderLineId, quantity })) } },
});
const updateInvoiceCall = (who: Who, invoiceId: string, lines: [string, number][], extra: Vars = {}): Call => ({
  token: as(who),
  op: OPS.updateInvoice,
  field: 'updateInvoice',
  vars: { input: { invoiceId, lines: lines.map(([salesOrderLineId, quantity]) => ({ salesOrderLineId, quantity })), ...extra } },
});
const receiveCall = (who: Who, purchaseOrderId: string, lines: [string, number][]): Call => ({
  token: as(who),
  op: OPS.receive,
  field: 'receivePurchaseOrder',
  vars: { input: { purchaseOrderId, lines: lines.map(([purchaseOrderLineId, quantity]) => ({ purchaseOrderLineId, quantity })) } },
});
const stageCall = (who: Who, id: string, stage: string, reason?: string | null): Call => ({
  token: as(who),
  op: OPS.setStage,
  field: 'setPurchaseOrderStage',
  vars: { id, stage, reason },
});
const soStatusCall = (who: Who, id: string, status: string): Call => ({ token: as(who), op: OPS.setSalesOrderStatus, field: 'setSalesOrderStatus', vars: { id, status } });
const voidCall = (who: Who, id: string, reason: string): Call => ({ token: as(who), op: OPS.voidInvoice, field: 'voidInvoice', vars: { id, reason } });
const payCall = (who: Who, invoiceId: string, amountCents: number): Call => ({
  token: as(who),
  op: OPS.recordPayment,
  field: 'recordPayment',
  vars: { input: { invoiceId, amountCents } },
});
const cancelCall = (who: Who, lineId: string, q: number, reason = 'client changed their mind'): Call => ({
  token: as(who),
  op: OPS.cancelQuantity,
  field: 'cancelSalesOrderQuantity',
  vars: { lineId, q, reason },
});

interface Case {
  name: string;
  code: string;
  /** Builds the case's own data and returns the call that must be refused. */
  build: () => Promise<Call>;
}

const runCase = async ({ code, build }: Case) => {
  await expectRefused(await build(), code);
};

describe('the snapshot itself', () => {
  it('covers the business tables and sees what a successful mutation writes', async () => {
    const before = await snapshot();
    for (const tbl of ['sales_order', 'sales_order_line', 'invoice', 'invoice_line', 'payment', 'purchase_order', 'purchase_order_line', 'receipt', 'receipt_line', 'stock_movement', 'product', 'number_series', 'activity_event']) {
      expect(before.has(tbl), tbl).toBe(true);
    }
    const p = await product(t, true, 100);
    await ok(t, as('purchasing'), OPS.adjustStock, { id: p.id, q: 3, reason: 'count' }, 'adjustStock');
    const changed = changes(before, await snapshot());
    expect(Object.keys(changed)).toEqual(expect.arrayContaining(['product', 'stock_movement']));
    expect(changed.stock_movement?.added).toHaveLength(1);
  });
});

// ───────────────────────────── invoices: quantities ─────────────────────────────

describe('createInvoice refusals', () => {
  const cases: Case[] = [
    {
      name: 'a quantity above remaining (501 of 500) → OVER_INVOICE',
      code: 'OVER_INVOICE',
      build: async () => {
        const d = await dropShip(500, 500);
        return createInvoiceCall('invoicing', d.soId, [[d.lineId, 501]]);
      },
    },
    {
      name: 'a drop-ship quantity above remaining with nothing shipped yet → OVER_INVOICE',
      code: 'OVER_INVOICE',
      build: async () => {
        const d = await dropShip(500, 0);
        return createInvoiceCall('invoicing', d.soId, [[d.lineId, 501]]);
      },
    },
    {
      name: 'a quantity above what a cancellation left (401 of 500 − 100) → OVER_INVOICE',
      code: 'OVER_INVOICE',
      build: async () => {
        const d = await dropShip(500, 500);
        await ok(t, as('order'), OPS.cancelQuantity, { lineId: d.lineId, q: 100, reason: 'client cut the order' }, 'cancelSalesOrderQuantity');
        return createInvoiceCall('invoicing', d.soId, [[d.lineId, 401]]);
      },
    },
    {
      name: 'two OPEN invoices that together exceed the line (300 taken, 201 asked, of 500) → OVER_INVOICE',
      code: 'OVER_INVOICE',
      build: async () => {
        const d = await dropShip(500, 500);
        const first = await invoice(d.soId, [[d.lineId, 300]]);
        expect(first.status).toBe('OPEN');
        return createInvoiceCall('accountant', d.soId, [[d.lineId, 201]]);
      },
    },
    {
      name: 'inventoried: above scheduled (11 of 10 scheduled, 20 ordered) → INSUFFICIENT_STOCK',
      code: 'INSUFFICIENT_STOCK',
      build: async () => {
        const d = await stocked(10, 20);
        return createInvoiceCall('invoicing', d.soId, [[d.lineId, 11]]);
      },
    },
    {
      name: 'inventoried: stock on hand but never scheduled (1 of 0 scheduled) → INSUFFICIENT_STOCK',
      code: 'INSUFFICIENT_STOCK',
      build: async () => {
        const d = await stocked(10, 20, false);
        return createInvoiceCall('invoicing', d.soId, [[d.lineId, 1]]);
      },
    },
    {
      name: 'inventoried: above remaining and scheduled (21 of 20) → OVER_INVOICE (listed first among the quantity checks)',
      code: 'OVER_INVOICE',
      build: async () => {
        const d = await stocked(30, 20);
        return createInvoiceCall('invoicing', d.soId, [[d.lineId, 21]]);
      },
    },
    {
      name: 'the largest Int as quantity (2147483647) → INVALID_INPUT (out of range, checked before quantities)',
      code: 'INVALID_INPUT',
      build: async () => {
        const d = await dropShip(500, 500);
        return createInvoiceCall('invoicing', d.soId, [[d.lineId, 2147483647]]);
      },
    },
    {
      name: 'nothing ready to invoice and no lines given → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const d = await dropShip(500, 0);
        return createInvoiceCall('invoicing', d.soId);
      },
    },
    {
      name: 'inventoried, nothing scheduled and no lines given → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const d = await stocked(10, 20, false);
        return createInvoiceCall('invoicing', d.soId);
      },
    },
    {
      name: 'every given line at 0 → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const d = await dropShip(500, 500);
        return createInvoiceCall('invoicing', d.soId, [[d.lineId, 0]]);
      },
    },
    {
      name: 'an empty list of lines → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const d = await dropShip(500, 500);
        return createInvoiceCall('invoicing', d.soId, []);
      },
    },
    {
      name: 'a negative quantity → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const d = await dropShip(500, 500);
        return createInvoiceCall('invoicing', d.soId, [[d.lineId, -1]]);
      },
    },
    {
      name: 'a line of another order of the same organization → NOT_FOUND',
      code: 'NOT_FOUND',
      build: async () => {
        const a = await dropShip(500, 500);
        const b = await dropShip(500, 500);
        return createInvoiceCall('invoicing', a.soId, [[b.lineId, 10]]);
      },
    },
    {
      name: 'a line of another order with a negative quantity → NOT_FOUND (existence is checked before range)',
      code: 'NOT_FOUND',
      build: async () => {
        const a = await dropShip(500, 500);
        const b = await dropShip(500, 500);
        return createInvoiceCall('invoicing', a.soId, [[b.lineId, -1]]);
      },
    },
    {
      name: 'a malformed line id → NOT_FOUND',
      code: 'NOT_FOUND',
      build: async () => {
        const a = await dropShip(500, 500);
        return createInvoiceCall('invoicing', a.soId, [['nope', 10]]);
      },
    },
    {
      name: 'a cancelled order → INVALID_TRANSITION',
      code: 'INVALID_TRANSITION',
      build: async () => {
        const d = await plainOrder(10);
        await ok(t, as('order'), OPS.setSalesOrderStatus, { id: d.soId, status: 'CANCELLED' }, 'setSalesOrderStatus');
        return createInvoiceCall('invoicing', d.soId, [[d.lineId, 1]]);
      },
    },
  ];
  it.each(cases)('$name', runCase);

  it('the same line named twice, together above remaining (300 + 201 of 500), is refused and writes nothing', async () => {
    // DOMAIN.md does not say whether a repeated line is INVALID_INPUT (malformed) or adds up to
    // OVER_INVOICE; either refusal is accepted, an invoice is not.
    const d = await dropShip(500, 500);
    const before = await snapshot();
    const r = await app.gql(OPS.createInvoice, { input: { salesOrderId: d.soId, lines: [{ salesOrderLineId: d.lineId, quantity: 300 }, { salesOrderLineId: d.lineId, quantity: 201 }] } }, { token: as('invoicing') });
    expect(r.errors).toBeUndefined();
    expect(r.data.createInvoice.invoice).toBeNull();
    expect(['INVALID_INPUT', 'OVER_INVOICE']).toContain(r.data.createInvoice.userErrors[0]?.code);
    expect(changes(before, await snapshot())).toEqual({});
  });

  it('two invoicing reps at the same moment (300 + 300 of 500): one invoice, the other OVER_INVOICE', async () => {
    const d = await dropShip(500, 500);
    const input = { salesOrderId: d.soId, lines: [{ salesOrderLineId: d.lineId, quantity: 300 }] };
    const results = await Promise.all([
      app.gql(OPS.createInvoice, { input }, { token: as('invoicing') }),
      app.gql(OPS.createInvoice, { input }, { token: as('accountant') }),
    ]);
    const codes = results.map((r) => (r.data.createInvoice.invoice ? 'OK' : r.data.createInvoice.userErrors.map((e: { code: string }) => e.code).join()));
    expect(codes.sort()).toEqual(['OK', 'OVER_INVOICE']);
    const { n, q } = one(await app.sql<{ n: number; q: number }>(
      'select count(distinct i.id)::int as n, coalesce(sum(l.quantity), 0)::int as q from invoice i join invoice_line l on l.invoice_id = i.id where i.sales_order_id = $1',
      [d.soId],
    ));
    expect({ n, q }).toEqual({ n: 1, q: 300 });
    expect((await read.so(d.soId)).lines[0]).toMatchObject({ invoiced: 300, remaining: 200 });
  });

  it('the first of two invoices keeps 300: a second of exactly the remaining 200 is accepted', async () => {
    const d = await dropShip(500, 500);
    await invoice(d.soId, [[d.lineId, 300]]);
    const second = await invoice(d.soId, [[d.lineId, 200]]);
    expect(second.lines).toEqual([expect.objectContaining({ quantity: 200 })]);
    expect(await read.so(d.soId)).toMatchObject({ status: 'INVOICED', locked: true });
  });
});

describe('updateInvoice refusals', () => {
  const cases: Case[] = [
    {
      name: 'raising a line above the remaining quantity (300 → 501 of 500) → OVER_INVOICE',
      code: 'OVER_INVOICE',
      build: async () => {
        const d = await dropShip(500, 500);
        const inv = await invoice(d.soId, [[d.lineId, 300]]);
        return updateInvoiceCall('invoicing', inv.id, [[d.lineId, 501]]);
      },
    },
    {
      name: 'raising the first of two OPEN invoices past the line (300 → 301 beside 200, of 500) → OVER_INVOICE',
      code: 'OVER_INVOICE',
      build: async () => {
        const d = await dropShip(600, 600);
        await ok(t, as('order'), OPS.cancelQuantity, { lineId: d.lineId, q: 100, reason: 'cut' }, 'cancelSalesOrderQuantity');
        const first = await invoice(d.soId, [[d.lineId, 300]]);
        await invoice(d.soId, [[d.lineId, 199]]);
        return updateInvoiceCall('accountant', first.id, [[d.lineId, 302]]);
      },
    },
    {
      name: 'inventoried: raising a line above what it released plus what is still scheduled (6 → 11, 10 scheduled) → INSUFFICIENT_STOCK',
      code: 'INSUFFICIENT_STOCK',
      build: async () => {
        const d = await stocked(10, 20);
        const inv = await invoice(d.soId, [[d.lineId, 6]]);
        return updateInvoiceCall('invoicing', inv.id, [[d.lineId, 11]]);
      },
    },
    {
      name: 'a negative quantity → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const d = await dropShip(500, 500);
        const inv = await invoice(d.soId, [[d.lineId, 300]]);
        return updateInvoiceCall('invoicing', inv.id, [[d.lineId, -1]]);
      },
    },
    {
      name: 'every line set to 0 → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const d = await dropShip(500, 500);
        const inv = await invoice(d.soId, [[d.lineId, 300]]);
        return updateInvoiceCall('invoicing', inv.id, [[d.lineId, 0]]);
      },
    },
    {
      name: 'a line of another order → NOT_FOUND',
      code: 'NOT_FOUND',
      build: async () => {
        const a = await dropShip(500, 500);
        const b = await dropShip(500, 500);
        const inv = await invoice(a.soId, [[a.lineId, 300]]);
        return updateInvoiceCall('invoicing', inv.id, [[b.lineId, 10]]);
      },
    },
  ];
  it.each(cases)('$name', runCase);

  it('inventoried: raising a line within the schedule is accepted; lowering it returns its goods to on hand', async () => {
    const d = await stocked(10, 20);
    const inv = await invoice(d.soId, [[d.lineId, 6]]);
    expect(await read.onHand(d.productId)).toBe(4);
    const up = (await ok(t, as('invoicing'), OPS.updateInvoice, { input: { invoiceId: inv.id, lines: [{ salesOrderLineId: d.lineId, quantity: 10 }] } }, 'updateInvoice')).invoice;
    expect(up.lines[0].quantity).toBe(10);
    expect(await read.onHand(d.productId)).toBe(0);
    const down = (await ok(t, as('invoicing'), OPS.updateInvoice, { input: { invoiceId: inv.id, lines: [{ salesOrderLineId: d.lineId, quantity: 7 }] } }, 'updateInvoice')).invoice;
    expect(down.lines[0].quantity).toBe(7);
    expect(await read.onHand(d.productId)).toBe(3);
    // Read as for a void: the 3 go back to on hand (free stock), not back onto the line's schedule.
    expect((await read.so(d.soId)).lines[0]).toMatchObject({ invoiced: 7, scheduled: 0, shipped: 7, remaining: 13 });
    const { sum } = one(await app.sql<{ sum: number }>('select coalesce(sum(quantity), 0)::int as sum from stock_movement where product_id = $1', [d.productId]));
    expect(sum, 'on hand is the sum of the ledger').toBe(3);
  });
});

// ───────────────────────────── purchase orders ─────────────────────────────

describe('receivePurchaseOrder refusals', () => {
  const cases: Case[] = [
    {
      name: 'more than outstanding (101 of 100) → OVER_RECEIVE',
      code: 'OVER_RECEIVE',
      build: async () => {
        const po = await stockPo(100);
        return receiveCall('purchasing', po.poId, [[po.poLineId, 101]]);
      },
    },
    {
      name: 'more than outstanding after a partial receipt (60 received, 41 more of 100) → OVER_RECEIVE',
      code: 'OVER_RECEIVE',
      build: async () => {
        const po = await stockPo(100);
        await receive(po.poId, po.poLineId, 60);
        return receiveCall('purchasing', po.poId, [[po.poLineId, 41]]);
      },
    },
    {
      name: 'split across two entries for the same line (60 + 41 of 100) → OVER_RECEIVE',
      code: 'OVER_RECEIVE',
      build: async () => {
        const po = await stockPo(100);
        return receiveCall('purchasing', po.poId, [
          [po.poLineId, 60],
          [po.poLineId, 41],
        ]);
      },
    },
    {
      name: 'drop-ship: more than outstanding (300 shipped, 201 more of 500) → OVER_RECEIVE',
      code: 'OVER_RECEIVE',
      build: async () => {
        const d = await dropShip(500, 300);
        return receiveCall('production', d.poId, [[d.poLineId, 201]]);
      },
    },
    {
      name: 'the largest Int as quantity (2147483647) → INVALID_INPUT (out of range, checked before quantities)',
      code: 'INVALID_INPUT',
      build: async () => {
        const po = await stockPo(100);
        return receiveCall('purchasing', po.poId, [[po.poLineId, 2147483647]]);
      },
    },
    {
      name: 'a quantity of 0 → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const po = await stockPo(100);
        return receiveCall('purchasing', po.poId, [[po.poLineId, 0]]);
      },
    },
    {
      name: 'a negative quantity → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const po = await stockPo(100);
        return receiveCall('purchasing', po.poId, [[po.poLineId, -5]]);
      },
    },
    {
      name: 'a negative quantity beside a valid one → INVALID_INPUT, the valid one not received either',
      code: 'INVALID_INPUT',
      build: async () => {
        const po = await stockPo(100);
        return receiveCall('purchasing', po.poId, [
          [po.poLineId, 10],
          [po.poLineId, -5],
        ]);
      },
    },
    {
      name: 'a line of another purchase order → NOT_FOUND',
      code: 'NOT_FOUND',
      build: async () => {
        const a = await stockPo(100);
        const b = await stockPo(100);
        return receiveCall('purchasing', a.poId, [[b.poLineId, 1]]);
      },
    },
    ...(['CREATED', 'BILLED', 'CLOSED', 'CANCELLED'] as const).map(
      (stage): Case => ({
        name: `receiving on a ${stage} purchase order → INVALID_TRANSITION`,
        code: 'INVALID_TRANSITION',
        build: async () => {
          const po = await stockPo(100, stage);
          return receiveCall('purchasing', po.poId, [[po.poLineId, 1]]);
        },
      }),
    ),
  ];
  it.each(cases)('$name', runCase);
});

describe('setPurchaseOrderStage refusals', () => {
  const cases: Case[] = [
    ...([null, ''] as const).map(
      (reason): Case => ({
        name: `backward (CONFIRMED → SUBMITTED) with reason ${JSON.stringify(reason)} → INVALID_INPUT`,
        code: 'INVALID_INPUT',
        build: async () => {
          const po = await stockPo(100, 'CONFIRMED');
          return stageCall('purchasing', po.poId, 'SUBMITTED', reason);
        },
      }),
    ),
    {
      name: 'backward from READY_FOR_BILLING to CREATED without a reason (drop-ship) → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const d = await dropShip(500, 0);
        await setStage(d.poId, 'READY_FOR_BILLING');
        return stageCall('production', d.poId, 'CREATED');
      },
    },
    {
      name: 'CANCELLED after something was received → INVALID_TRANSITION',
      code: 'INVALID_TRANSITION',
      build: async () => {
        const po = await stockPo(100, 'SUBMITTED');
        await receive(po.poId, po.poLineId, 1);
        return stageCall('purchasing', po.poId, 'CANCELLED');
      },
    },
    {
      name: 'CANCELLED after something was received, drop-ship → INVALID_TRANSITION',
      code: 'INVALID_TRANSITION',
      build: async () => {
        const d = await dropShip(500, 300);
        return stageCall('production', d.poId, 'CANCELLED');
      },
    },
    {
      name: 'CANCELLED at SHIPPED, nothing received → INVALID_TRANSITION (only before SHIPPED)',
      code: 'INVALID_TRANSITION',
      build: async () => {
        const po = await stockPo(100, 'SHIPPED');
        return stageCall('purchasing', po.poId, 'CANCELLED');
      },
    },
    ...(
      [
        ['CLOSED', 'BILLED', 'wrong bill'],
        ['CLOSED', 'CANCELLED', null],
        ['CLOSED', 'SUBMITTED', 'reopen'],
        ['CANCELLED', 'SUBMITTED', null],
        ['CANCELLED', 'CREATED', 'reopen'],
      ] as const
    ).map(
      ([from, to, reason]): Case => ({
        name: `moving a ${from} purchase order to ${to}${reason ? ' with a reason' : ''} → INVALID_TRANSITION`,
        code: 'INVALID_TRANSITION',
        build: async () => {
          const po = await stockPo(100, from);
          return stageCall('purchasing', po.poId, to, reason);
        },
      }),
    ),
    ...(['order', 'invoicing', 'accountant'] as const).map(
      (who): Case => ({
        name: `a stage change by ${ROLE[who]} → FORBIDDEN`,
        code: 'FORBIDDEN',
        build: async () => {
          const d = await dropShip(500, 0);
          return stageCall(who, d.poId, 'CONFIRMED');
        },
      }),
    ),
  ];
  it.each(cases)('$name', runCase);

  it('backward with a reason is accepted: stock received stays received and on hand is untouched', async () => {
    const po = await stockPo(100, 'CONFIRMED');
    await receive(po.poId, po.poLineId, 40);
    const ledger = await read.ledger(po.productId);
    const back = await setStage(po.poId, 'SUBMITTED', 'supplier re-opened the order');
    expect(back).toMatchObject({ stage: 'SUBMITTED', lines: [{ received: 40, outstanding: 60 }] });
    expect(await read.onHand(po.productId)).toBe(40);
    expect(await read.ledger(po.productId)).toEqual(ledger);
  });

  it('backward with a reason is accepted on a drop-ship PO: shipped stays, the sales order is not recomputed, the move is logged', async () => {
    const d = await dropShip(500, 0);
    await setStage(d.poId, 'READY_FOR_BILLING');
    const before = await read.so(d.soId);
    expect(before.status).toBe('READY_TO_BE_INVOICED');
    expect(before.lines[0]).toMatchObject({ shipped: 500, readyToInvoice: 500 });
    const { n: eventsBefore } = one(await app.sql<{ n: number }>(`select count(*)::int as n from activity_event where entity_id = $1 and kind = 'purchase_order.stage_changed'`, [d.poId]));

    const back = await setStage(d.poId, 'CONFIRMED', 'supplier recalled the shipment');
    expect(back).toMatchObject({ stage: 'CONFIRMED', lines: [{ received: 500, outstanding: 0 }] });
    const after = await read.so(d.soId);
    expect(after.status).toBe('READY_TO_BE_INVOICED');
    expect(after.lines[0]).toMatchObject({ shipped: 500, readyToInvoice: 500 });
    const { n: eventsAfter } = one(await app.sql<{ n: number }>(`select count(*)::int as n from activity_event where entity_id = $1 and kind = 'purchase_order.stage_changed'`, [d.poId]));
    expect(eventsAfter).toBe(eventsBefore + 1);
  });
});

describe('setPurchaseOrderStatus and receive: roles', () => {
  const cases: Case[] = (['order', 'invoicing', 'accountant'] as const).flatMap((who): Case[] => [
    {
      name: `setPurchaseOrderStatus by ${ROLE[who]} → FORBIDDEN`,
      code: 'FORBIDDEN',
      build: async () => {
        const d = await dropShip(500, 0);
        return { token: as(who), op: OPS.setPoStatus, field: 'setPurchaseOrderStatus', vars: { id: d.poId, status: 'PROBLEM' } };
      },
    },
    {
      name: `receivePurchaseOrder by ${ROLE[who]} → FORBIDDEN`,
      code: 'FORBIDDEN',
      build: async () => {
        const d = await dropShip(500, 0);
        return receiveCall(who, d.poId, [[d.poLineId, 1]]);
      },
    },
  ]);
  it.each(cases)('$name', runCase);
});

// ───────────────────────────── sales order status by hand ─────────────────────────────

describe('setSalesOrderStatus refusals', () => {
  type Setup = 'open' | 'inProduction' | 'partlyInvoiced' | 'cancelled' | 'invoiced';
  const setups: Record<Setup, () => Promise<{ soId: string }>> = {
    open: () => plainOrder(10),
    inProduction: () => dropShip(500, 0),
    partlyInvoiced: async () => {
      const d = await dropShip(500, 300);
      await invoice(d.soId, [[d.lineId, 100]]);
      return d;
    },
    cancelled: async () => {
      const d = await plainOrder(10);
      await ok(t, as('order'), OPS.setSalesOrderStatus, { id: d.soId, status: 'CANCELLED' }, 'setSalesOrderStatus');
      return d;
    },
    invoiced: fullyInvoiced,
  };
  const rows: [Who, string, Setup, string][] = [
    // never by hand
    ['admin', 'BACKORDERED', 'open', 'INVALID_TRANSITION'],
    ['admin', 'INVOICED', 'open', 'INVALID_TRANSITION'],
    ['order', 'BACKORDERED', 'open', 'INVALID_TRANSITION'],
    ['order', 'INVOICED', 'open', 'INVALID_TRANSITION'],
    ['production', 'BACKORDERED', 'partlyInvoiced', 'INVALID_TRANSITION'],
    ['production', 'INVOICED', 'partlyInvoiced', 'INVALID_TRANSITION'],
    ['purchasing', 'INVOICED', 'open', 'INVALID_TRANSITION'],
    ['purchasing', 'BACKORDERED', 'open', 'INVALID_TRANSITION'],
    // a status the role does not give
    ['order', 'READY_TO_BE_INVOICED', 'open', 'INVALID_TRANSITION'],
    ['order', 'SCHEDULED', 'open', 'INVALID_TRANSITION'],
    ['order', 'IN_PRODUCTION', 'open', 'INVALID_TRANSITION'],
    ['order', 'SHIPPED', 'open', 'INVALID_TRANSITION'],
    ['production', 'CLIENT_APPROVED', 'open', 'INVALID_TRANSITION'],
    ['production', 'CANCELLED', 'open', 'INVALID_TRANSITION'],
    ['production', 'SCHEDULED', 'open', 'INVALID_TRANSITION'],
    ['purchasing', 'READY_TO_BE_INVOICED', 'open', 'INVALID_TRANSITION'],
    ['purchasing', 'CLIENT_APPROVED', 'open', 'INVALID_TRANSITION'],
    ['purchasing', 'CANCELLED', 'open', 'INVALID_TRANSITION'],
    // the role gives it, but not now
    ['order', 'CLIENT_APPROVED', 'inProduction', 'INVALID_TRANSITION'],
    ['order', 'OPEN', 'inProduction', 'INVALID_TRANSITION'],
    ['order', 'CLIENT_APPROVED', 'partlyInvoiced', 'INVALID_TRANSITION'],
    ['order', 'CANCELLED', 'partlyInvoiced', 'INVALID_TRANSITION'],
    ['order', 'OPEN', 'cancelled', 'INVALID_TRANSITION'],
    ['production', 'READY_TO_BE_INVOICED', 'cancelled', 'INVALID_TRANSITION'],
    // locked (INVOICED) orders are not open
    ['order', 'OPEN', 'invoiced', 'INVALID_TRANSITION'],
    ['order', 'CANCELLED', 'invoiced', 'INVALID_TRANSITION'],
    ['production', 'READY_TO_BE_INVOICED', 'invoiced', 'INVALID_TRANSITION'],
    ['purchasing', 'SCHEDULED', 'invoiced', 'INVALID_TRANSITION'],
    ['admin', 'CLIENT_APPROVED', 'invoiced', 'INVALID_TRANSITION'],
    // roles that may not set a status at all
    ['invoicing', 'READY_TO_BE_INVOICED', 'inProduction', 'FORBIDDEN'],
    ['invoicing', 'CLIENT_APPROVED', 'open', 'FORBIDDEN'],
    ['accountant', 'READY_TO_BE_INVOICED', 'inProduction', 'FORBIDDEN'],
    ['accountant', 'CANCELLED', 'open', 'FORBIDDEN'],
  ];
  const cases: Case[] = rows.map(([who, status, setup, code]) => ({
    name: `${ROLE[who]} sets ${status} on a ${setup} order → ${code}`,
    code,
    build: async () => soStatusCall(who, (await setups[setup]()).soId, status),
  }));
  it.each(cases)('$name', runCase);
});

describe('setSalesOrderStatus: every status nextStatuses leaves out is refused', () => {
  const ALL = ['OPEN', 'CLIENT_APPROVED', 'IN_PRODUCTION', 'SHIPPED', 'SCHEDULED', 'READY_TO_BE_INVOICED', 'BACKORDERED', 'INVOICED', 'CANCELLED'];
  const setups: Record<string, () => Promise<{ soId: string }>> = {
    OPEN: () => plainOrder(10),
    CLIENT_APPROVED: async () => {
      const d = await plainOrder(10);
      await ok(t, as('order'), OPS.setSalesOrderStatus, { id: d.soId, status: 'CLIENT_APPROVED' }, 'setSalesOrderStatus');
      return d;
    },
    IN_PRODUCTION: () => dropShip(500, 0),
    BACKORDERED: async () => {
      const d = await dropShip(500, 300);
      await invoice(d.soId, [[d.lineId, 100]]);
      return d;
    },
  };
  const cases = Object.entries(setups).flatMap(([setup, make]) => (['admin', 'order', 'production', 'purchasing', 'invoicing', 'accountant'] as Who[]).map((who) => ({ name: `${ROLE[who]} on a ${setup} order`, setup, make, who })));
  it.each(cases)('$name', async ({ setup, make, who }) => {
    const { soId } = await make();
    const seen = (await app.gql(`query($id: ID!) { salesOrder(id: $id) { status nextStatuses } }`, { id: soId }, { token: as(who) })).data.salesOrder;
    expect(seen.status).toBe(setup);
    expect(seen.nextStatuses, 'never the current status').not.toContain(setup);
    expect(seen.nextStatuses, 'never set by hand').not.toEqual(expect.arrayContaining(['BACKORDERED']));
    expect(seen.nextStatuses).not.toContain('INVOICED');
    if (who === 'invoicing' || who === 'accountant') expect(seen.nextStatuses).toEqual([]);
    for (const status of ALL.filter((s) => !seen.nextStatuses.includes(s))) {
      // SCHEDULED may be left out because nothing can be scheduled: then it answers INSUFFICIENT_STOCK.
      const code = who === 'invoicing' || who === 'accountant' ? 'FORBIDDEN' : status === 'SCHEDULED' ? ['INVALID_TRANSITION', 'INSUFFICIENT_STOCK'] : 'INVALID_TRANSITION';
      await expectRefused(soStatusCall(who, soId, status), code);
    }
  });
});

describe('setPurchaseOrderStatus to the status it already has changes nothing', () => {
  it.each(['OK', 'PROBLEM', 'FOLLOW_UP'])('%s → %s', async (status) => {
    const d = await dropShip(500, 0);
    if (status !== 'OK') await ok(t, as('production'), OPS.setPoStatus, { id: d.poId, status }, 'setPurchaseOrderStatus');
    const before = await snapshot();
    const r = await ok(t, as('production'), OPS.setPoStatus, { id: d.poId, status }, 'setPurchaseOrderStatus');
    expect(r.purchaseOrder.status).toBe(status);
    expect(changes(before, await snapshot())).toEqual({});
  });
});

// ───────────────────────────── locked documents ─────────────────────────────

describe('locked: a fully invoiced order and invoices no longer OPEN', () => {
  const cases: Case[] = [
    {
      name: 'createInvoice on a fully invoiced order, no lines given → LOCKED',
      code: 'LOCKED',
      build: async () => createInvoiceCall('invoicing', (await fullyInvoiced()).soId),
    },
    {
      name: 'createInvoice on a fully invoiced order with a line of 1 → LOCKED (before the quantity check)',
      code: 'LOCKED',
      build: async () => {
        const d = await fullyInvoiced();
        return createInvoiceCall('invoicing', d.soId, [[d.lineId, 1]]);
      },
    },
    {
      name: 'lowering a line of an OPEN invoice of a locked order (200 → 199) → LOCKED',
      code: 'LOCKED',
      build: async () => {
        const d = await fullyInvoiced();
        return updateInvoiceCall('invoicing', d.secondId, [[d.lineId, 199]]);
      },
    },
    {
      name: 'cancelling 1 on a fully invoiced order → LOCKED (the lock comes before comparing 1 with the 0 remaining)',
      code: 'LOCKED',
      build: async () => cancelCall('order', (await fullyInvoiced()).lineId, 1),
    },
    {
      name: "editing an exported invoice's lines → LOCKED",
      code: 'LOCKED',
      build: async () => {
        const d = await dropShip(500, 500);
        const inv = await invoice(d.soId, [[d.lineId, 300]]);
        const exported = await ok(t, as('accountant'), OPS.exportInvoices, { ids: [inv.id] }, 'exportInvoices');
        expect(exported.invoices).toEqual([{ id: inv.id, status: 'EXPORTED' }]);
        return updateInvoiceCall('invoicing', inv.id, [[d.lineId, 200]]);
      },
    },
    {
      name: "editing a PAID invoice's lines → LOCKED",
      code: 'LOCKED',
      build: async () => {
        const d = await dropShip(500, 500);
        const inv = await invoice(d.soId, [[d.lineId, 300]]);
        await ok(t, as('accountant'), OPS.recordPayment, { input: { invoiceId: inv.id, amountCents: inv.totalCents } }, 'recordPayment');
        return updateInvoiceCall('invoicing', inv.id, [[d.lineId, 200]]);
      },
    },
    {
      name: "editing a VOID invoice's lines → LOCKED",
      code: 'LOCKED',
      build: async () => {
        const d = await dropShip(500, 500);
        const inv = await invoice(d.soId, [[d.lineId, 300]]);
        await ok(t, as('invoicing'), OPS.voidInvoice, { id: inv.id, reason: 'wrong quantity' }, 'voidInvoice');
        return updateInvoiceCall('invoicing', inv.id, [[d.lineId, 200]]);
      },
    },
  ];
  it.each(cases)('$name', runCase);
});

// ───────────────────────────── voiding ─────────────────────────────

describe('voidInvoice', () => {
  const cases: Case[] = [
    {
      name: 'an invoice with a payment → LOCKED',
      code: 'LOCKED',
      build: async () => {
        const d = await dropShip(500, 500, 825);
        const inv = await invoice(d.soId, [[d.lineId, 300]]);
        await ok(t, as('accountant'), OPS.recordPayment, { input: { invoiceId: inv.id, amountCents: 1000 } }, 'recordPayment');
        return voidCall('invoicing', inv.id, 'wrong client');
      },
    },
    {
      name: 'a PAID invoice → LOCKED',
      code: 'LOCKED',
      build: async () => {
        const d = await dropShip(500, 500, 825);
        const inv = await invoice(d.soId, [[d.lineId, 300]]);
        await ok(t, as('accountant'), OPS.recordPayment, { input: { invoiceId: inv.id, amountCents: inv.totalCents } }, 'recordPayment');
        return voidCall('accountant', inv.id, 'wrong client');
      },
    },
    ...['', '   '].map(
      (reason): Case => ({
        name: `a reason of ${JSON.stringify(reason)} → INVALID_INPUT`,
        code: 'INVALID_INPUT',
        build: async () => {
          const d = await dropShip(500, 500);
          const inv = await invoice(d.soId, [[d.lineId, 300]]);
          return voidCall('invoicing', inv.id, reason);
        },
      }),
    ),
    {
      name: 'voiding twice → INVALID_TRANSITION',
      code: 'INVALID_TRANSITION',
      build: async () => {
        const d = await dropShip(500, 500);
        const inv = await invoice(d.soId, [[d.lineId, 300]]);
        await ok(t, as('invoicing'), OPS.voidInvoice, { id: inv.id, reason: 'duplicate' }, 'voidInvoice');
        return voidCall('invoicing', inv.id, 'again');
      },
    },
    ...(['order', 'production', 'purchasing'] as const).map(
      (who): Case => ({
        name: `voiding by ${ROLE[who]} → FORBIDDEN`,
        code: 'FORBIDDEN',
        build: async () => {
          const d = await dropShip(500, 500);
          const inv = await invoice(d.soId, [[d.lineId, 300]]);
          return voidCall(who, inv.id, 'not mine to void');
        },
      }),
    ),
  ];
  it.each(cases)('$name', runCase);

  const voidInvoice = async (id: string) => (await ok(t, as('invoicing'), OPS.voidInvoice, { id, reason: 'client disputes it' }, 'voidInvoice')).invoice;

  it('another live invoice exists → the order is unlocked and BACKORDERED', async () => {
    const d = await fullyInvoiced();
    expect(await read.so(d.soId)).toMatchObject({ status: 'INVOICED', locked: true });
    const voided = await voidInvoice(d.secondId);
    expect(voided).toMatchObject({ status: 'VOID', voidReason: 'client disputes it' });
    const so = await read.so(d.soId);
    expect(so).toMatchObject({ status: 'BACKORDERED', locked: false, remainingCents: 200000, invoicedCents: 300000 });
    expect(so.lines[0]).toMatchObject({ invoiced: 300, remaining: 200, readyToInvoice: 200 });
  });

  it('no other live invoice and something ready → READY_TO_BE_INVOICED', async () => {
    const d = await dropShip(500, 500);
    const inv = await invoice(d.soId, [[d.lineId, 300]]);
    expect((await read.so(d.soId)).status).toBe('BACKORDERED');
    await voidInvoice(inv.id);
    const so = await read.so(d.soId);
    expect(so).toMatchObject({ status: 'READY_TO_BE_INVOICED', locked: false, invoicedCents: 0 });
    expect(so.lines[0]).toMatchObject({ invoiced: 0, remaining: 500, readyToInvoice: 500 });
  });

  it('a fully invoiced order voided to nothing, goods all shipped → READY_TO_BE_INVOICED and unlocked', async () => {
    const d = await dropShip(500, 500);
    const inv = await invoice(d.soId);
    expect(await read.so(d.soId)).toMatchObject({ status: 'INVOICED', locked: true });
    await voidInvoice(inv.id);
    expect(await read.so(d.soId)).toMatchObject({ status: 'READY_TO_BE_INVOICED', locked: false, remainingCents: 500000 });
  });

  it('nothing ready, its PO SUBMITTED → what the purchase order rules give: IN_PRODUCTION', async () => {
    const d = await dropShip(500, 0);
    const inv = await invoice(d.soId, [[d.lineId, 100]]);
    expect((await read.so(d.soId)).status).toBe('BACKORDERED');
    await voidInvoice(inv.id);
    const so = await read.so(d.soId);
    expect(so).toMatchObject({ status: 'IN_PRODUCTION', locked: false });
    expect(so.lines[0]).toMatchObject({ invoiced: 0, readyToInvoice: 0, backordered: 500 });
  });

  it('nothing ready and no purchase order → OPEN', async () => {
    const d = await plainOrder(10);
    const inv = await invoice(d.soId, [[d.lineId, 4]]);
    expect((await read.so(d.soId)).status).toBe('BACKORDERED');
    await voidInvoice(inv.id);
    expect(await read.so(d.soId)).toMatchObject({ status: 'OPEN', locked: false });
  });

  it('an EXPORTED invoice without payment can be voided (from any status but VOID)', async () => {
    const d = await dropShip(500, 500);
    const inv = await invoice(d.soId, [[d.lineId, 300]]);
    await ok(t, as('accountant'), OPS.exportInvoices, { ids: [inv.id] }, 'exportInvoices');
    expect((await voidInvoice(inv.id)).status).toBe('VOID');
  });

  it('returns inventoried goods to on hand (a RETURN in the ledger) and releases the invoiced quantity', async () => {
    const d = await stocked(10, 10);
    const inv = await invoice(d.soId, [[d.lineId, 6]]);
    expect(await read.onHand(d.productId)).toBe(4);
    expect((await read.so(d.soId)).lines[0]).toMatchObject({ invoiced: 6, scheduled: 4, shipped: 6 });
    await voidInvoice(inv.id);
    expect(await read.onHand(d.productId)).toBe(10);
    expect(await read.ledger(d.productId)).toEqual([
      { kind: 'ADJUSTMENT', quantity: 10 },
      { kind: 'RELEASE', quantity: -6 },
      { kind: 'RETURN', quantity: 6 },
    ]);
    const { sum } = one(await app.sql<{ sum: number }>('select coalesce(sum(quantity), 0)::int as sum from stock_movement where product_id = $1', [d.productId]));
    expect(sum).toBe(10);
    const so = await read.so(d.soId);
    expect(so.lines[0]).toMatchObject({ invoiced: 0, shipped: 0, remaining: 10 });
    // 4 are still scheduled, so something is ready to invoice.
    expect(so).toMatchObject({ status: 'READY_TO_BE_INVOICED', locked: false });
  });
});

// ───────────────────────────── payments ─────────────────────────────

describe('recordPayment', () => {
  /** Drop-ship 300 × $10.00 at 8.25 %: total 324 750 cents. */
  const billed = async () => {
    const d = await dropShip(500, 500, 825);
    const inv = await invoice(d.soId, [[d.lineId, 300]]);
    expect(inv.totalCents).toBe(324750);
    return { ...d, invoiceId: inv.id as string, total: inv.totalCents as number };
  };
  const cases: Case[] = [
    {
      name: 'one cent over the balance → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const b = await billed();
        return payCall('accountant', b.invoiceId, b.total + 1);
      },
    },
    {
      name: 'one cent over what a partial payment left → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const b = await billed();
        await ok(t, as('accountant'), OPS.recordPayment, { input: { invoiceId: b.invoiceId, amountCents: 100000 } }, 'recordPayment');
        return payCall('invoicing', b.invoiceId, b.total - 100000 + 1);
      },
    },
    ...[0, -1, Number.MAX_SAFE_INTEGER].map(
      (amount): Case => ({
        name: `an amount of ${amount} → INVALID_INPUT`,
        code: 'INVALID_INPUT',
        build: async () => payCall('accountant', (await billed()).invoiceId, amount),
      }),
    ),
    {
      name: 'a payment on a VOID invoice → INVALID_TRANSITION',
      code: 'INVALID_TRANSITION',
      build: async () => {
        const b = await billed();
        await ok(t, as('invoicing'), OPS.voidInvoice, { id: b.invoiceId, reason: 'wrong order' }, 'voidInvoice');
        return payCall('accountant', b.invoiceId, 100);
      },
    },
    ...(['order', 'production', 'purchasing'] as const).map(
      (who): Case => ({
        name: `a payment recorded by ${ROLE[who]} → FORBIDDEN`,
        code: 'FORBIDDEN',
        build: async () => payCall(who, (await billed()).invoiceId, 100),
      }),
    ),
  ];
  it.each(cases)('$name', runCase);

  it('exactly the balance → PAID with a balance of 0', async () => {
    const b = await billed();
    const paid = (await ok(t, as('accountant'), OPS.recordPayment, { input: { invoiceId: b.invoiceId, amountCents: b.total } }, 'recordPayment')).invoice;
    expect(paid).toMatchObject({ status: 'PAID', paidCents: b.total, balanceCents: 0 });
  });

  it('a partial payment then exactly the rest → PAID', async () => {
    const b = await billed();
    const part = (await ok(t, as('accountant'), OPS.recordPayment, { input: { invoiceId: b.invoiceId, amountCents: 100001 } }, 'recordPayment')).invoice;
    expect(part).toMatchObject({ status: 'OPEN', paidCents: 100001, balanceCents: b.total - 100001 });
    const rest = (await ok(t, as('invoicing'), OPS.recordPayment, { input: { invoiceId: b.invoiceId, amountCents: b.total - 100001 } }, 'recordPayment')).invoice;
    expect(rest).toMatchObject({ status: 'PAID', paidCents: b.total, balanceCents: 0 });
  });
});

// ───────────────────────────── optimistic concurrency ─────────────────────────────

describe('a stale expectedVersion → CONFLICT', () => {
  interface Versioned {
    name: string;
    make: () => Promise<{
      /** The record's version as a client sees it. */
      version: () => Promise<number>;
      /** Someone else's change (by hand or by a rule). */
      bump: () => Promise<void>;
      /** The call under test with `expectedVersion` = v (valid in every other respect). */
      call: (v: number) => Call;
    }>;
  }
  const cases: Versioned[] = [
    {
      name: 'setPurchaseOrderStage after a status change',
      make: async () => {
        const po = await stockPo(100, 'CREATED');
        return {
          version: async () => (await read.po(po.poId)).version,
          bump: async () => void (await ok(t, as('purchasing'), OPS.setPoStatus, { id: po.poId, status: 'FOLLOW_UP' }, 'setPurchaseOrderStatus')),
          call: (v) => ({ token: as('purchasing'), op: OPS.setStage, field: 'setPurchaseOrderStage', vars: { id: po.poId, stage: 'SUBMITTED', v } }),
        };
      },
    },
    {
      name: 'setPurchaseOrderStatus after a stage change',
      make: async () => {
        const po = await stockPo(100, 'CREATED');
        return {
          version: async () => (await read.po(po.poId)).version,
          bump: async () => void (await setStage(po.poId, 'SUBMITTED')),
          call: (v) => ({ token: as('production'), op: OPS.setPoStatus, field: 'setPurchaseOrderStatus', vars: { id: po.poId, status: 'PROBLEM', v } }),
        };
      },
    },
    {
      // With a tracking number, so the receipt also changes the PO's own fields (see the report:
      // a receipt of quantities alone leaves the PO's version as it was).
      name: 'setPurchaseOrderStatus after a receipt with a tracking number',
      make: async () => {
        const po = await stockPo(100, 'SUBMITTED');
        return {
          version: async () => (await read.po(po.poId)).version,
          bump: async () =>
            void (await ok(t, as('production'), OPS.receive, { input: { purchaseOrderId: po.poId, lines: [{ purchaseOrderLineId: po.poLineId, quantity: 10 }], trackingNumber: '1Z-TRACK', shipDate: '2026-01-15' } }, 'receivePurchaseOrder')),
          call: (v) => ({ token: as('production'), op: OPS.setPoStatus, field: 'setPurchaseOrderStatus', vars: { id: po.poId, status: 'PROBLEM', v } }),
        };
      },
    },
    {
      name: 'setSalesOrderStatus after another status change by hand',
      make: async () => {
        const d = await plainOrder(10);
        return {
          version: async () => (await read.so(d.soId)).version,
          bump: async () => void (await ok(t, as('order'), OPS.setSalesOrderStatus, { id: d.soId, status: 'CLIENT_APPROVED' }, 'setSalesOrderStatus')),
          call: (v) => ({ token: as('order'), op: OPS.setSalesOrderStatus, field: 'setSalesOrderStatus', vars: { id: d.soId, status: 'OPEN', v } }),
        };
      },
    },
    {
      name: 'setSalesOrderStatus after a rule moved the order (its PO SUBMITTED → IN_PRODUCTION)',
      make: async () => {
        const d = await plainOrder(10);
        const [po] = (await ok(t, as('production'), OPS.createPurchaseOrdersForSalesOrder, { id: d.soId }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
        return {
          version: async () => (await read.so(d.soId)).version,
          bump: async () => void (await setStage(po.id, 'SUBMITTED')),
          call: (v) => ({ token: as('production'), op: OPS.setSalesOrderStatus, field: 'setSalesOrderStatus', vars: { id: d.soId, status: 'READY_TO_BE_INVOICED', v } }),
        };
      },
    },
    {
      name: 'updateInvoice after another edit',
      make: async () => {
        const d = await dropShip(500, 500);
        const inv = await invoice(d.soId, [[d.lineId, 300]]);
        return {
          version: async () => (await read.invoice(inv.id)).version,
          bump: async () => void (await ok(t, as('accountant'), OPS.updateInvoice, { input: { invoiceId: inv.id, lines: [{ salesOrderLineId: d.lineId, quantity: 250 }] } }, 'updateInvoice')),
          call: (v) => updateInvoiceCall('invoicing', inv.id, [[d.lineId, 200]], { expectedVersion: v }),
        };
      },
    },
    {
      name: 'updateInvoice after a payment',
      make: async () => {
        const d = await dropShip(500, 500);
        const inv = await invoice(d.soId, [[d.lineId, 300]]);
        return {
          version: async () => (await read.invoice(inv.id)).version,
          bump: async () => void (await ok(t, as('accountant'), OPS.recordPayment, { input: { invoiceId: inv.id, amountCents: 100 } }, 'recordPayment')),
          call: (v) => ({ token: as('invoicing'), op: OPS.updateInvoice, field: 'updateInvoice', vars: { input: { invoiceId: inv.id, dueDate: '2099-01-31', expectedVersion: v } } }),
        };
      },
    },
  ];

  it.each(cases)('$name', async ({ make }) => {
    const d = await make();
    const seen = await d.version();
    await d.bump();
    const current = await d.version();
    expect(current, 'the version changes with every edit').not.toBe(seen);
    await expectRefused(d.call(seen), 'CONFLICT');
    await expectRefused(d.call(current + 1), 'CONFLICT');
    // The same call with the current version goes through: the refusal was the version's doing.
    const r = await app.gql(d.call(current).op, d.call(current).vars, { token: d.call(current).token });
    expect(r.errors).toBeUndefined();
    expect(r.data[d.call(current).field].userErrors).toEqual([]);
  });
});

// ───────────────────────────── createSalesOrder input ─────────────────────────────

describe('createSalesOrder input values', () => {
  let prj: { id: string };
  let mug: { id: string };
  beforeAll(async () => {
    prj = await project(t);
    mug = await product(t, false, 1250);
  });
  const line = (extra: Vars) => ({ productId: mug.id, quantity: 5, ...extra });
  const call = (input: Vars): Call => ({ token: as('order'), op: OPS.createSalesOrder, field: 'createSalesOrder', vars: { input: { projectId: prj.id, lines: [line({})], ...input } } });

  const outOfRange: [string, () => Vars][] = [
    ['quantity 0', () => ({ lines: [line({ quantity: 0 })] })],
    ['quantity -1', () => ({ lines: [line({ quantity: -1 })] })],
    ['quantity 1000000001', () => ({ lines: [line({ quantity: 1_000_000_001 })] })],
    ['a valid line beside quantity 0', () => ({ lines: [line({}), line({ quantity: 0 })] })],
    ['unitPriceCents -1', () => ({ lines: [line({ unitPriceCents: -1 })] })],
    ['taxRateBasisPoints -1', () => ({ taxRateBasisPoints: -1 })],
  ];
  it.each(outOfRange)('%s → INVALID_INPUT', async (_name, input) => {
    await expectRefused(call(input()), 'INVALID_INPUT');
  });

  const wrongType: [string, () => Vars][] = [
    ['a string for quantity', () => ({ lines: [line({ quantity: 'five' })] })],
    ['2.5 for quantity', () => ({ lines: [line({ quantity: 2.5 })] })],
    ['a numeric string for quantity', () => ({ lines: [line({ quantity: '5' })] })],
    ['2^31 for quantity (beyond Int)', () => ({ lines: [line({ quantity: 2 ** 31 })] })],
    ['2^53 for unitPriceCents (beyond SafeInt)', () => ({ lines: [line({ unitPriceCents: 2 ** 53 })] })],
    ['12.5 for unitPriceCents', () => ({ lines: [line({ unitPriceCents: 12.5 })] })],
    ['2023-02-30 for inHandsDate', () => ({ inHandsDate: '2023-02-30' })],
    ['"tomorrow" for inHandsDate', () => ({ inHandsDate: 'tomorrow' })],
    ['2.5 for taxRateBasisPoints', () => ({ taxRateBasisPoints: 2.5 })],
    ['no projectId', () => ({ projectId: null })],
  ];
  it.each(wrongType)('%s → top-level BAD_USER_INPUT', async (_name, input) => {
    await expectRefused(call(input()), 'BAD_USER_INPUT');
  });

  it('a wrong type on other mutations is BAD_USER_INPUT too (invoiceDate 2023-02-30, amountCents 1.5, receipt quantity "1")', async () => {
    const d = await dropShip(500, 300);
    await expectRefused({ ...createInvoiceCall('invoicing', d.soId), vars: { input: { salesOrderId: d.soId, invoiceDate: '2023-02-30' } } }, 'BAD_USER_INPUT');
    const inv = await invoice(d.soId);
    await expectRefused(payCall('accountant', inv.id, 1.5), 'BAD_USER_INPUT');
    await expectRefused({ ...receiveCall('production', d.poId, []), vars: { input: { purchaseOrderId: d.poId, lines: [{ purchaseOrderLineId: d.poLineId, quantity: '1' }] } } }, 'BAD_USER_INPUT');
  });
});

// ───────────────────────────── cancelling quantity ─────────────────────────────

describe('cancelSalesOrderQuantity', () => {
  const cases: Case[] = [
    ...[0, -1, 11, 2147483647].map(
      (q): Case => ({
        name: `${q} of a line of 10 → INVALID_INPUT`,
        code: 'INVALID_INPUT',
        build: async () => cancelCall('order', (await plainOrder(10)).lineId, q),
      }),
    ),
    {
      name: 'more than remaining on a partly invoiced line (201 of 500 − 300 invoiced) → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const d = await dropShip(500, 500);
        await invoice(d.soId, [[d.lineId, 300]]);
        return cancelCall('order', d.lineId, 201);
      },
    },
    {
      name: 'more than remaining after an earlier cancellation (6 + 5 of 10) → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const d = await plainOrder(10);
        await ok(t, as('order'), OPS.cancelQuantity, { lineId: d.lineId, q: 6, reason: 'cut' }, 'cancelSalesOrderQuantity');
        return cancelCall('order', d.lineId, 5);
      },
    },
    {
      name: 'a malformed line id → NOT_FOUND',
      code: 'NOT_FOUND',
      build: async () => cancelCall('order', 'nope', 1),
    },
    ...(['invoicing', 'accountant', 'purchasing', 'production'] as const).map(
      (who): Case => ({
        name: `by ${ROLE[who]} → FORBIDDEN`,
        code: 'FORBIDDEN',
        build: async () => cancelCall(who, (await plainOrder(10)).lineId, 1),
      }),
    ),
  ];
  it.each(cases)('$name', runCase);

  it('cancelling the rest of a partly invoiced order → INVOICED and locked', async () => {
    const d = await dropShip(500, 500, 825);
    await invoice(d.soId, [[d.lineId, 300]]);
    expect((await read.so(d.soId)).status).toBe('BACKORDERED');
    const so = (await ok(t, as('order'), OPS.cancelQuantity, { lineId: d.lineId, q: 200, reason: 'client no longer needs them' }, 'cancelSalesOrderQuantity')).salesOrder;
    expect(so).toMatchObject({ status: 'INVOICED', locked: true, remainingCents: 0, invoicedCents: 324750, totalCents: 324750 });
    expect(so.lines[0]).toMatchObject({ cancelled: 200, invoiced: 300, remaining: 0, totalCents: 300000 });
    // ...and a locked order can no longer be invoiced.
    await expectRefused(createInvoiceCall('invoicing', d.soId, [[d.lineId, 1]]), 'LOCKED');
  });

  it('releases scheduled stock first: scheduled drops, backordered stays, on hand is untouched', async () => {
    const d = await stocked(6, 10);
    expect((await read.so(d.soId)).lines[0]).toMatchObject({ scheduled: 6, backordered: 4 });
    const so = (await ok(t, as('order'), OPS.cancelQuantity, { lineId: d.lineId, q: 3, reason: 'cut' }, 'cancelSalesOrderQuantity')).salesOrder;
    expect(so.lines[0]).toMatchObject({ cancelled: 3, remaining: 7, scheduled: 3, readyToInvoice: 3, backordered: 4 });
    expect(await read.onHand(d.productId)).toBe(6);
    expect(await read.ledger(d.productId)).toEqual([{ kind: 'ADJUSTMENT', quantity: 6 }]);
    // The 3 released are free again: another order can schedule them.
    const other = await salesOrder(t, d.projectId, [{ productId: d.productId, quantity: 5 }]);
    const scheduled = (await ok(t, as('purchasing'), OPS.scheduleSalesOrder, { id: other.id }, 'scheduleSalesOrder')).salesOrder;
    expect(scheduled.lines[0].scheduled).toBe(3);
  });
});

// ───────────────────────────── stock ─────────────────────────────

describe('adjustStock', () => {
  const adjustCall = (who: Who, id: string, q: number): Call => ({ token: as(who), op: OPS.adjustStock, field: 'adjustStock', vars: { id, q, reason: 'count' } });
  const cases: Case[] = [
    {
      name: 'taking on hand below what is scheduled (10 on hand, 8 scheduled, −3) → INSUFFICIENT_STOCK',
      code: 'INSUFFICIENT_STOCK',
      build: async () => adjustCall('purchasing', (await stocked(10, 8)).productId, -3),
    },
    {
      name: 'taking on hand below zero with nothing scheduled (5 on hand, −6) → INSUFFICIENT_STOCK',
      code: 'INSUFFICIENT_STOCK',
      build: async () => adjustCall('purchasing', (await stocked(5, 8, false)).productId, -6),
    },
    {
      name: 'by ORDER_REP → FORBIDDEN',
      code: 'FORBIDDEN',
      build: async () => adjustCall('order', (await stocked(5, 8, false)).productId, 1),
    },
    {
      name: 'an on hand beyond the 1 000 000 000 a product may hold (600 000 000 + 500 000 000) → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const p = await product(t, true, 1);
        await ok(t, as('purchasing'), OPS.adjustStock, { id: p.id, q: 600_000_000, reason: 'count' }, 'adjustStock');
        return adjustCall('purchasing', p.id, 500_000_000);
      },
    },
    {
      name: 'a receipt taking on hand beyond 1 000 000 000 (900 000 000 + 200 000 000) → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const po = await stockPo(300_000_000);
        await ok(t, as('purchasing'), OPS.adjustStock, { id: po.productId, q: 900_000_000, reason: 'count' }, 'adjustStock');
        return receiveCall('purchasing', po.poId, [[po.poLineId, 200_000_000]]);
      },
    },
  ];
  it.each(cases)('$name', runCase);

  it('down to exactly what is scheduled is accepted', async () => {
    const d = await stocked(10, 8);
    const p = (await ok(t, as('purchasing'), OPS.adjustStock, { id: d.productId, q: -2, reason: 'breakage' }, 'adjustStock')).product;
    expect(p).toMatchObject({ onHand: 8 });
  });
});

describe('exportInvoices refusals', () => {
  const exportCall = (who: Who, ids: string[]): Call => ({ token: as(who), op: OPS.exportInvoices, field: 'exportInvoices', vars: { ids } });
  const billed = async () => {
    const d = await dropShip(500, 500);
    return { ...d, invoiceId: (await invoice(d.soId, [[d.lineId, 100]])).id as string };
  };
  const cases: Case[] = [
    {
      name: 'a VOID invoice → INVALID_TRANSITION',
      code: 'INVALID_TRANSITION',
      build: async () => {
        const b = await billed();
        await ok(t, as('invoicing'), OPS.voidInvoice, { id: b.invoiceId, reason: 'dup' }, 'voidInvoice');
        return exportCall('accountant', [b.invoiceId]);
      },
    },
    {
      name: 'an already EXPORTED invoice → INVALID_TRANSITION',
      code: 'INVALID_TRANSITION',
      build: async () => {
        const b = await billed();
        await ok(t, as('accountant'), OPS.exportInvoices, { ids: [b.invoiceId] }, 'exportInvoices');
        return exportCall('accountant', [b.invoiceId]);
      },
    },
    {
      name: 'a PAID invoice → INVALID_TRANSITION',
      code: 'INVALID_TRANSITION',
      build: async () => {
        const b = await billed();
        await ok(t, as('accountant'), OPS.recordPayment, { input: { invoiceId: b.invoiceId, amountCents: 100000 } }, 'recordPayment');
        return exportCall('invoicing', [b.invoiceId]);
      },
    },
    {
      name: 'an OPEN invoice beside a VOID one → INVALID_TRANSITION, the OPEN one not exported either',
      code: 'INVALID_TRANSITION',
      build: async () => {
        const a = await billed();
        const b = await billed();
        await ok(t, as('invoicing'), OPS.voidInvoice, { id: b.invoiceId, reason: 'dup' }, 'voidInvoice');
        return exportCall('accountant', [a.invoiceId, b.invoiceId]);
      },
    },
  ];
  it.each(cases)('$name', runCase);
});

describe('purchase orders for a sales order, and scheduling', () => {
  const cases: Case[] = [
    {
      name: 'createPurchaseOrdersForSalesOrder with nothing left to buy → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const d = await dropShip(500, 0);
        return { token: as('production'), op: OPS.createPurchaseOrdersForSalesOrder, field: 'createPurchaseOrdersForSalesOrder', vars: { id: d.soId } };
      },
    },
    {
      name: 'createPurchaseOrdersForSalesOrder on an order of inventoried goods only → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const d = await stocked(0, 5, false);
        return { token: as('purchasing'), op: OPS.createPurchaseOrdersForSalesOrder, field: 'createPurchaseOrdersForSalesOrder', vars: { id: d.soId } };
      },
    },
    {
      name: 'createPurchaseOrder with a quantity of 0 → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const p = await product(t, true, 400);
        return { token: as('purchasing'), op: OPS.createPurchaseOrder, field: 'createPurchaseOrder', vars: { input: { supplierId: t.supplierId, lines: [{ productId: p.id, quantity: 0 }] } } };
      },
    },
    {
      name: 'createPurchaseOrder with a quantity of 1000000001 → INVALID_INPUT',
      code: 'INVALID_INPUT',
      build: async () => {
        const p = await product(t, true, 400);
        return { token: as('purchasing'), op: OPS.createPurchaseOrder, field: 'createPurchaseOrder', vars: { input: { supplierId: t.supplierId, lines: [{ productId: p.id, quantity: 1_000_000_001 }] } } };
      },
    },
    {
      name: 'scheduleSalesOrder with no free stock → INSUFFICIENT_STOCK',
      code: 'INSUFFICIENT_STOCK',
      build: async () => ({ token: as('purchasing'), op: OPS.scheduleSalesOrder, field: 'scheduleSalesOrder', vars: { id: (await stocked(0, 5, false)).soId } }),
    },
    {
      name: 'scheduleSalesOrder when the stock is all scheduled to another order → INSUFFICIENT_STOCK',
      code: 'INSUFFICIENT_STOCK',
      build: async () => {
        const d = await stocked(5, 5);
        const other = await salesOrder(t, d.projectId, [{ productId: d.productId, quantity: 3 }]);
        return { token: as('purchasing'), op: OPS.scheduleSalesOrder, field: 'scheduleSalesOrder', vars: { id: other.id } };
      },
    },
    {
      name: 'PURCHASING sets SCHEDULED with no free stock → INSUFFICIENT_STOCK (setting SCHEDULED schedules)',
      code: 'INSUFFICIENT_STOCK',
      build: async () => soStatusCall('purchasing', (await stocked(0, 5, false)).soId, 'SCHEDULED'),
    },
    {
      name: 'scheduleSalesOrder on a CANCELLED order → INVALID_TRANSITION',
      code: 'INVALID_TRANSITION',
      build: async () => {
        const d = await stocked(10, 5, false);
        await ok(t, as('order'), OPS.setSalesOrderStatus, { id: d.soId, status: 'CANCELLED' }, 'setSalesOrderStatus');
        return { token: as('purchasing'), op: OPS.scheduleSalesOrder, field: 'scheduleSalesOrder', vars: { id: d.soId } };
      },
    },
    {
      name: 'PRODUCTION_REP sets READY_TO_BE_INVOICED when nothing remains (all cancelled, never invoiced) → INVALID_TRANSITION',
      code: 'INVALID_TRANSITION',
      build: async () => {
        const d = await plainOrder(10);
        await ok(t, as('order'), OPS.cancelQuantity, { lineId: d.lineId, q: 10, reason: 'dropped' }, 'cancelSalesOrderQuantity');
        return soStatusCall('production', d.soId, 'READY_TO_BE_INVOICED');
      },
    },
  ];
  it.each(cases)('$name', runCase);
});

// ───────────────────────────── roles and sign-in, checked first ─────────────────────────────

describe('signed in, then role: top-level errors before anything else', () => {
  // Ids that name nothing: the role check must come before the existence check.
  const calls: [string, Who[], (who: Who | null) => Call][] = [
    ['createInvoice', ['order', 'production', 'purchasing'], (w) => ({ ...createInvoiceCall('admin', 'nope', [['nope', 1]]), token: w ? as(w) : undefined })],
    ['updateInvoice', ['order', 'production', 'purchasing'], (w) => ({ ...updateInvoiceCall('admin', 'nope', [['nope', 1]]), token: w ? as(w) : undefined })],
    ['voidInvoice', ['order', 'production', 'purchasing'], (w) => ({ ...voidCall('admin', 'nope', 'x'), token: w ? as(w) : undefined })],
    ['recordPayment', ['order', 'production', 'purchasing'], (w) => ({ ...payCall('admin', 'nope', 100), token: w ? as(w) : undefined })],
    ['exportInvoices', ['order', 'production', 'purchasing'], (w) => ({ token: w ? as(w) : undefined, op: OPS.exportInvoices, field: 'exportInvoices', vars: { ids: ['nope'] } })],
    ['setPurchaseOrderStage', ['order', 'invoicing', 'accountant'], (w) => ({ ...stageCall('admin', 'nope', 'SUBMITTED'), token: w ? as(w) : undefined })],
    ['setPurchaseOrderStatus', ['order', 'invoicing', 'accountant'], (w) => ({ token: w ? as(w) : undefined, op: OPS.setPoStatus, field: 'setPurchaseOrderStatus', vars: { id: 'nope', status: 'PROBLEM' } })],
    ['receivePurchaseOrder', ['order', 'invoicing', 'accountant'], (w) => ({ ...receiveCall('admin', 'nope', [['nope', 1]]), token: w ? as(w) : undefined })],
    ['setSalesOrderStatus', ['invoicing', 'accountant'], (w) => ({ ...soStatusCall('admin', 'nope', 'CLIENT_APPROVED'), token: w ? as(w) : undefined })],
    ['scheduleSalesOrder', ['order', 'production', 'invoicing', 'accountant'], (w) => ({ token: w ? as(w) : undefined, op: OPS.scheduleSalesOrder, field: 'scheduleSalesOrder', vars: { id: 'nope' } })],
    ['cancelSalesOrderQuantity', ['production', 'invoicing', 'accountant', 'purchasing'], (w) => ({ ...cancelCall('admin', 'nope', 1), token: w ? as(w) : undefined })],
    [
      'createSalesOrder',
      ['production', 'invoicing', 'accountant', 'purchasing'],
      (w) => ({ token: w ? as(w) : undefined, op: OPS.createSalesOrder, field: 'createSalesOrder', vars: { input: { projectId: 'nope', lines: [{ productId: 'nope', quantity: 1 }] } } }),
    ],
    [
      'createPurchaseOrder',
      ['order', 'invoicing', 'accountant'],
      (w) => ({ token: w ? as(w) : undefined, op: OPS.createPurchaseOrder, field: 'createPurchaseOrder', vars: { input: { supplierId: 'nope', lines: [{ productId: 'nope', quantity: 1 }] } } }),
    ],
    ['adjustStock', ['order', 'production', 'invoicing', 'accountant'], (w) => ({ token: w ? as(w) : undefined, op: OPS.adjustStock, field: 'adjustStock', vars: { id: 'nope', q: 1, reason: 'x' } })],
  ];
  const forbidden = calls.flatMap(([name, roles, make]) => roles.map((who) => ({ name: `${name} by ${ROLE[who]} → FORBIDDEN`, call: () => make(who) })));
  it.each(forbidden)('$name', async ({ call }) => {
    await expectRefused(call(), 'FORBIDDEN');
  });
  const anonymous = calls.map(([name, , make]) => ({ name: `${name} without a session → UNAUTHENTICATED`, call: () => make(null) }));
  it.each(anonymous)('$name', async ({ call }) => {
    await expectRefused(call(), 'UNAUTHENTICATED');
  });
});

// ───────────────────────────── order of checks ─────────────────────────────

describe('order of checks: the first failing check answers', () => {
  const cases: Case[] = [
    {
      name: 'receiving 0 on a CREATED PO → INVALID_INPUT (range before transition)',
      code: 'INVALID_INPUT',
      build: async () => {
        const po = await stockPo(100, 'CREATED');
        return receiveCall('purchasing', po.poId, [[po.poLineId, 0]]);
      },
    },
    {
      name: 'receiving 101 of 100 on a CREATED PO → INVALID_TRANSITION (transition before quantities)',
      code: 'INVALID_TRANSITION',
      build: async () => {
        const po = await stockPo(100, 'CREATED');
        return receiveCall('purchasing', po.poId, [[po.poLineId, 101]]);
      },
    },
    {
      name: 'voiding a paid invoice without a reason → INVALID_INPUT (range before LOCKED)',
      code: 'INVALID_INPUT',
      build: async () => {
        const d = await dropShip(500, 500);
        const inv = await invoice(d.soId, [[d.lineId, 300]]);
        await ok(t, as('accountant'), OPS.recordPayment, { input: { invoiceId: inv.id, amountCents: 500 } }, 'recordPayment');
        return voidCall('invoicing', inv.id, '');
      },
    },
    {
      name: 'voiding a VOID invoice without a reason → INVALID_INPUT (range before transition)',
      code: 'INVALID_INPUT',
      build: async () => {
        const d = await dropShip(500, 500);
        const inv = await invoice(d.soId, [[d.lineId, 300]]);
        await ok(t, as('invoicing'), OPS.voidInvoice, { id: inv.id, reason: 'dup' }, 'voidInvoice');
        return voidCall('invoicing', inv.id, '');
      },
    },
    {
      name: 'a negative receipt for a line of another PO → NOT_FOUND (existence before range)',
      code: 'NOT_FOUND',
      build: async () => {
        const a = await stockPo(100);
        const b = await stockPo(100);
        return receiveCall('purchasing', a.poId, [[b.poLineId, -1]]);
      },
    },
  ];
  it.each(cases)('$name', runCase);
});

// ───────────────────────────── another organization's ids ─────────────────────────────

describe("another organization's ids, malformed ids and unknown ids", () => {
  let o: Team;
  /** Records of the first organization (t), each of which its owner could act on. */
  let theirs: {
    projectId: string;
    soId: string;
    lineId: string;
    poId: string;
    poLineId: string;
    invoiceId: string;
    stockSoId: string;
    stockProductId: string;
    clientId: string;
    supplierId: string;
    userId: string;
  };
  /** The other organization's own records, valid in every call. */
  let mine: { projectId: string; productId: string; soId: string; lineId: string; poId: string; invoiceId: string };

  beforeAll(async () => {
    o = await team(app, 'Other Org');
    const d = await dropShip(500, 300);
    const inv = await invoice(d.soId, [[d.lineId, 100]]);
    const s = await stocked(10, 5, false);
    theirs = { ...d, invoiceId: inv.id, stockSoId: s.soId, stockProductId: s.productId, clientId: t.clientId, supplierId: t.supplierId, userId: t.order.userId };
    const m = await dropShip(50, 50, 0, o);
    const mineInvoice = await invoice(m.soId, [[m.lineId, 10]], o);
    mine = { projectId: m.projectId, productId: m.productId, soId: m.soId, lineId: m.lineId, poId: m.poId, invoiceId: mineInvoice.id };
  });

  type Kind = 'foreign' | 'malformed' | 'unknown';
  const KINDS: Kind[] = ['foreign', 'malformed', 'unknown'];
  const idOf = (kind: Kind, foreign: string) => (kind === 'foreign' ? foreign : kind === 'malformed' ? 'nope' : UNKNOWN_ID);

  const queries: [string, string, () => string][] = [
    ['salesOrder', OPS.salesOrder, () => theirs.soId],
    ['purchaseOrder', OPS.purchaseOrder, () => theirs.poId],
    ['invoice', OPS.invoice, () => theirs.invoiceId],
    ['project', `query($id: ID!) { project(id: $id) { id number name } }`, () => theirs.projectId],
  ];
  const queryCases = queries.flatMap(([field, op, id]) => KINDS.map((kind) => ({ name: `query ${field} with a ${kind} id → null`, field, op, id, kind })));
  it.each(queryCases)('$name', async ({ field, op, id, kind }) => {
    // Its owner sees it...
    const own = await app.gql(op, { id: id() }, { token: t.admin.token });
    expect(own.data[field]).not.toBeNull();
    // ...the other organization does not, exactly as for an id that does not exist.
    for (const who of ['admin', 'accountant'] as const) {
      const r = await app.gql(op, { id: idOf(kind, id()) }, { token: o[who].token });
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      expect(r.data[field]).toBeNull();
    }
  });

  /** Each mutation that takes an id, with everything else valid (as the other organization's admin). */
  const mutations: [string, string, (id: (foreign: string) => string) => Vars][] = [
    ['createInvoice (salesOrderId)', OPS.createInvoice, (id) => ({ input: { salesOrderId: id(theirs.soId) } })],
    ['createInvoice (a line id, on its own order)', OPS.createInvoice, (id) => ({ input: { salesOrderId: mine.soId, lines: [{ salesOrderLineId: id(theirs.lineId), quantity: 1 }] } })],
    ['updateInvoice (invoiceId)', OPS.updateInvoice, (id) => ({ input: { invoiceId: id(theirs.invoiceId), lines: [{ salesOrderLineId: id(theirs.lineId), quantity: 50 }] } })],
    ['updateInvoice (a line id, on its own invoice)', OPS.updateInvoice, (id) => ({ input: { invoiceId: mine.invoiceId, lines: [{ salesOrderLineId: id(theirs.lineId), quantity: 1 }] } })],
    ['voidInvoice', OPS.voidInvoice, (id) => ({ id: id(theirs.invoiceId), reason: 'not ours' })],
    ['recordPayment', OPS.recordPayment, (id) => ({ input: { invoiceId: id(theirs.invoiceId), amountCents: 100 } })],
    ['exportInvoices', OPS.exportInvoices, (id) => ({ ids: [id(theirs.invoiceId)] })],
    ['exportInvoices (beside one of its own, which stays unexported)', OPS.exportInvoices, (id) => ({ ids: [mine.invoiceId, id(theirs.invoiceId)] })],
    ['setPurchaseOrderStage', OPS.setStage, (id) => ({ id: id(theirs.poId), stage: 'CONFIRMED' })],
    ['setPurchaseOrderStatus', OPS.setPoStatus, (id) => ({ id: id(theirs.poId), status: 'PROBLEM' })],
    ['receivePurchaseOrder (purchaseOrderId)', OPS.receive, (id) => ({ input: { purchaseOrderId: id(theirs.poId), lines: [{ purchaseOrderLineId: id(theirs.poLineId), quantity: 1 }] } })],
    ['receivePurchaseOrder (a line id, on its own PO)', OPS.receive, (id) => ({ input: { purchaseOrderId: mine.poId, lines: [{ purchaseOrderLineId: id(theirs.poLineId), quantity: 1 }] } })],
    ['setSalesOrderStatus', OPS.setSalesOrderStatus, (id) => ({ id: id(theirs.soId), status: 'READY_TO_BE_INVOICED' })],
    ['scheduleSalesOrder', OPS.scheduleSalesOrder, (id) => ({ id: id(theirs.stockSoId) })],
    ['scheduleSalesOrders', OPS.scheduleSalesOrders, (id) => ({ ids: [id(theirs.stockSoId)] })],
    ['cancelSalesOrderQuantity', OPS.cancelQuantity, (id) => ({ lineId: id(theirs.lineId), q: 1, reason: 'not ours' })],
    ['createPurchaseOrdersForSalesOrder', OPS.createPurchaseOrdersForSalesOrder, (id) => ({ id: id(theirs.soId) })],
    ['createSalesOrder (projectId)', OPS.createSalesOrder, (id) => ({ input: { projectId: id(theirs.projectId), lines: [{ productId: mine.productId, quantity: 1 }] } })],
    ['createSalesOrder (productId)', OPS.createSalesOrder, (id) => ({ input: { projectId: mine.projectId, lines: [{ productId: id(theirs.stockProductId), quantity: 1 }] } })],
    ['createProject (clientId)', OPS.createProject, (id) => ({ name: 'Poach', clientId: id(theirs.clientId), o: o.order.userId })],
    ['createProject (orderRepId)', OPS.createProject, (id) => ({ name: 'Poach', clientId: o.clientId, o: id(theirs.userId) })],
    ['createPurchaseOrder (supplierId)', OPS.createPurchaseOrder, (id) => ({ input: { supplierId: id(theirs.supplierId), lines: [{ productId: mine.productId, quantity: 1 }] } })],
    ['createPurchaseOrder (productId)', OPS.createPurchaseOrder, (id) => ({ input: { supplierId: o.supplierId, lines: [{ productId: id(theirs.stockProductId), quantity: 1 }] } })],
    [
      'createPurchaseOrder (salesOrderLineId)',
      OPS.createPurchaseOrder,
      (id) => ({ input: { supplierId: o.supplierId, lines: [{ productId: mine.productId, quantity: 1, salesOrderLineId: id(theirs.lineId) }] } }),
    ],
    ['adjustStock', OPS.adjustStock, (id) => ({ id: id(theirs.stockProductId), q: 5, reason: 'found some' })],
  ];
  const fieldOf = (op: string) => {
    const field = /\{\s*(\w+)\(/.exec(op.slice(op.indexOf(')') + 1))?.[1];
    if (!field) throw new Error(`no root field in ${op}`);
    return field;
  };
  const mutationCases = mutations.flatMap(([name, op, vars]) => KINDS.map((kind) => ({ name: `${name} with a ${kind} id → NOT_FOUND, nothing written`, op, vars, kind })));
  it.each(mutationCases)('$name', async ({ op, vars, kind }) => {
    await expectRefused({ token: o.admin.token, op, field: fieldOf(op), vars: vars((foreign) => idOf(kind, foreign)) }, 'NOT_FOUND');
  });

  it('the first organization still sees its records unchanged', async () => {
    expect(await read.so(theirs.soId)).toMatchObject({ status: 'BACKORDERED', lines: [{ invoiced: 100, cancelled: 0, shipped: 300 }] });
    expect(await read.po(theirs.poId)).toMatchObject({ stage: 'SUBMITTED', status: 'OK', lines: [{ received: 300 }] });
    expect(await read.invoice(theirs.invoiceId)).toMatchObject({ status: 'OPEN', paidCents: 0, voidReason: null });
    expect(await read.onHand(theirs.stockProductId)).toBe(10);
  });
});
