// The figure views (sales_order_line_figures, sales_order_figures: the one definition every report,
// list, loader and the CSV reads) equal @baton/domain's lineQuantities and orderFigures, row by row,
// on a generated mixed dataset (seeded, so a failure replays with FIGURES_SEED):
// - orders built through the API: drop-ship lines bought and partly received, stocked lines scheduled,
//   quantities cancelled, one to three partial invoices, some voided;
// - 1,200 orders written straight into the tables with every state the line check allows (receipts
//   above or below what is invoiced, full and partial cancellations, scheduling, prices of 0 and
//   values far past 2^31, tax rates from 0 to 100 %, taxable and untaxed lines, charge lines of every
//   kind and timing, units released from stock and written off, live and void standard invoices,
//   credit memos, deposits paid, refunded and applied, a few orders with no line).
// Every row of both views is read and compared with the domain computed from the raw columns.
import { depositAvailableTo, orderFigures, orderLineQuantities, type LineState } from '../../../packages/domain/src/index.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';
import { one } from '../../support/lists.js';

const SEED = Number(process.env.FIGURES_SEED ?? 20261207);
let state = SEED;
/** mulberry32: the same seed builds the same dataset. */
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let x = Math.imul(state ^ (state >>> 15), 1 | state);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
/** One of several generators, chosen with the given weights. */
function oneOf<T>(...options: [number, () => T][]): T {
  let r = random() * options.reduce((s, [w]) => s + w, 0);
  for (const [w, make] of options) if ((r -= w) < 0) return make();
  return options.at(-1)![1]();
}

const API_ORDERS = 24;
const SQL_ORDERS = 1_200;
const STATUSES = ['OPEN', 'CLIENT_APPROVED', 'IN_PRODUCTION', 'SHIPPED', 'SCHEDULED', 'READY_TO_BE_INVOICED', 'BACKORDERED', 'INVOICED', 'CANCELLED'];
const INVOICE_STATUSES = ['OPEN', 'SENT_TO_CLIENT', 'EXPORTED', 'PAID', 'VOID'];

let app: TestApp;
let t: Team;
const apiOrderIds: string[] = [];

/** Orders through the public API, as people make them (the shape of generated-mixed.test.ts). */
async function buildThroughApi() {
  const dropShip = [await product(t, false, 1250), await product(t, false, 1899), await product(t, false, 333)];
  const stocked = [await product(t, true, 400), await product(t, true, 7)];
  for (const p of stocked) await ok(t, t.purchasing.token, OPS.adjustStock, { id: p.id, q: int(100, 400), reason: 'count' }, 'adjustStock');
  const prj = await project(t);
  for (let n = 0; n < API_ORDERS; n++) {
    const lines = [...new Set(Array.from({ length: int(1, 3) }, () => pick([...dropShip, ...stocked])))].map((p) => ({ productId: p.id, quantity: int(5, 60) }));
    const so = await salesOrder(t, prj.id, lines, pick([0, 825, 1000, 725]));
    apiOrderIds.push(so.id);
    const has = (set: { id: string }[]) => so.lines.some((l: { product: { id: string } }) => set.some((p) => p.id === l.product.id));
    if (has(dropShip)) {
      const pos = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
      for (const po of pos) {
        await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
        const receipt = po.lines.map((l: { id: string; quantity: number }) => ({ purchaseOrderLineId: l.id, quantity: int(0, l.quantity) })).filter((l: { quantity: number }) => l.quantity > 0);
        if (receipt.length) await ok(t, t.production.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: receipt } }, 'receivePurchaseOrder');
      }
    }
    if (has(stocked)) expect((await app.gql(OPS.scheduleSalesOrder, { id: so.id }, { token: t.purchasing.token })).errors).toBeUndefined();
    let current = (await app.gql(OPS.salesOrder, { id: so.id }, { token: t.order.token })).data.salesOrder;
    if (random() < 0.4) {
      const line = pick(current.lines as { id: string; remaining: number; readyToInvoice: number }[]);
      const q = Math.min(int(1, 10), line.remaining - line.readyToInvoice);
      if (q > 0) await ok(t, t.order.token, OPS.cancelQuantity, { lineId: line.id, q, reason: 'client reduced' }, 'cancelSalesOrderQuantity');
    }
    for (let k = int(1, 3); k > 0; k--) {
      current = (await app.gql(OPS.salesOrder, { id: so.id }, { token: t.invoicing.token })).data.salesOrder;
      const invoiceLines = (current.lines as { id: string; readyToInvoice: number }[])
        .filter((l) => l.readyToInvoice > 0 && random() < 0.8)
        .map((l) => ({ salesOrderLineId: l.id, quantity: int(1, l.readyToInvoice) }));
      if (!invoiceLines.length) break;
      const inv = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, lines: invoiceLines } }, 'createInvoice')).invoice;
      if (random() < 0.25) await ok(t, t.invoicing.token, OPS.voidInvoice, { id: inv.id, reason: 'wrong quantities' }, 'voidInvoice');
    }
  }
  return { projectId: prj.id, products: [...dropShip, ...stocked].map((p) => p.id) };
}

/** A charge line: freight, setup or a service, any timing (or the default), taxable or not. */
function generatedCharge() {
  const quantity = oneOf([80, () => 1], [20, () => int(2, 20)]);
  const cancelled = oneOf([85, () => 0], [15, () => int(0, quantity)]);
  const invoiced = oneOf([50, () => 0], [50, () => int(0, quantity - cancelled)]);
  return {
    kind: pick(['FREIGHT', 'SETUP', 'SERVICE']), invoice_with: pick(['FIRST_INVOICE', 'LAST_INVOICE', null]), taxable: random() < 0.6,
    quantity, unitPriceCents: oneOf([10, () => 0], [90, () => int(1, 50_000)]), cancelled, invoiced, scheduled: 0, received: 0, inventoried: false, released: 0, written_off: 0,
  };
}

/** A line in any state the database's check allows (cancelled + invoiced + scheduled ≤ quantity). */
function generatedLine(inventoried: boolean) {
  const quantity = oneOf([60, () => int(1, 50)], [30, () => int(51, 500)], [10, () => int(10_000, 1_000_000)]);
  // Up to 10^8 cents a unit: with a million units a line passes 2^31 by far and stays within 2^53.
  const unitPriceCents = oneOf([5, () => 0], [75, () => int(1, 5_000)], [15, () => int(5_001, 1_000_000)], [5, () => int(10_000_000, 100_000_000)]);
  const cancelled = oneOf([70, () => 0], [20, () => int(0, quantity)], [10, () => quantity]);
  const ordered = quantity - cancelled;
  const invoiced = oneOf([30, () => 0], [20, () => ordered], [50, () => int(0, ordered)]);
  const remaining = ordered - invoiced;
  const scheduled = inventoried ? oneOf([40, () => 0], [30, () => remaining], [30, () => int(0, remaining)]) : 0;
  // Drop-ship receipts: none, exactly what is invoiced, more (ready), less (a void reopened units), or anything up to the quantity.
  const received = inventoried ? 0 : oneOf([20, () => 0], [15, () => invoiced], [25, () => invoiced + int(0, remaining)], [15, () => int(0, invoiced)], [15, () => int(0, quantity)], [10, () => ordered]);
  // Stocked goods: what invoices released (usually what is invoiced; more after a credit kept by the client, less after a restock).
  const released = inventoried ? oneOf([60, () => invoiced], [20, () => invoiced + int(0, remaining)], [20, () => int(0, invoiced)]) : 0;
  const written_off = oneOf([85, () => 0], [15, () => int(0, Math.max(0, cancelled))]);
  return { kind: 'GOODS', invoice_with: null, taxable: random() < 0.85, quantity, unitPriceCents, cancelled, invoiced, scheduled, received, inventoried, released, written_off };
}

/** Writes SQL_ORDERS orders with their lines and invoices straight into the tables. */
async function buildInTables(organizationId: string, projectId: string, clientId: string, products: string[]) {
  const orders: Record<string, unknown>[] = [];
  const lines: Record<string, unknown>[] = [];
  const invoices: Record<string, unknown>[] = [];
  for (let n = 1; n <= SQL_ORDERS; n++) {
    const id = randomUUID();
    const at = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
    orders.push({
      id, organization_id: organizationId, number: `SO-G${n}`, project_id: projectId, client_id: clientId, status: pick(STATUSES), locked: false,
      order_date: '2026-01-01', in_hands_date: null, tax_rate_basis_points: pick([0, 0, 825, 1000, 725, 1, 5000, 9999, 10_000]), version: 1, created_at: at,
    });
    const lineCount = n % 250 === 0 ? 0 : int(1, 6); // a few orders with no line at all
    for (let position = 1; position <= lineCount; position++) {
      const inventoried = random() < 0.5;
      const { unitPriceCents, ...counts } = random() < 0.2 ? generatedCharge() : generatedLine(inventoried);
      const product_id = counts.kind === 'GOODS' && random() < 0.9 ? pick(products) : null;
      lines.push({ id: randomUUID(), organization_id: organizationId, sales_order_id: id, position, product_id, description: `Line ${position}`, unit_price_cents: unitPriceCents, ...counts });
    }
    const base = { organization_id: organizationId, sales_order_id: id, project_id: projectId, client_id: clientId, invoice_date: '2026-02-01', due_date: '2026-03-01', sent_to: [], version: 1, created_at: at };
    const standard: Record<string, unknown>[] = [];
    for (let k = oneOf([25, () => 0], [50, () => int(1, 2)], [25, () => int(3, 5)]); k > 0; k--) {
      const subtotal = oneOf([10, () => 0], [80, () => int(1, 1_000_000)], [10, () => int(1_000_000, 50_000_000_000)]);
      const taxable = oneOf([70, () => subtotal], [30, () => int(0, subtotal)]);
      const tax = int(0, Math.floor(taxable / 10));
      const status = pick(INVOICE_STATUSES);
      const invoice = {
        ...base, id: randomUUID(), number: `INV-G${invoices.length + 1}`, kind: 'STANDARD', status, subtotal_cents: subtotal, taxable_subtotal_cents: taxable, tax_cents: tax,
        total_cents: subtotal + tax, paid_cents: status === 'PAID' ? subtotal + tax : 0, void_reason: status === 'VOID' ? 'generated' : null,
        deposit_applied_cents: random() < 0.2 ? int(0, 5_000) : 0,
      };
      standard.push(invoice);
      invoices.push(invoice);
    }
    // Credit memos on some issued invoices: negative money.
    for (const i of standard.filter((x) => x.status !== 'VOID' && x.status !== 'OPEN' && random() < 0.3)) {
      const sub = -int(0, Number(i.subtotal_cents));
      const taxable = -int(0, -sub);
      const tax = -int(0, Math.floor(-taxable / 10));
      invoices.push({
        ...base, id: randomUUID(), number: `CM-G${invoices.length + 1}`, kind: 'CREDIT_MEMO', credited_invoice_id: i.id, reason: 'generated', status: pick(['OPEN', 'SENT_TO_CLIENT', 'EXPORTED']),
        subtotal_cents: sub, taxable_subtotal_cents: taxable, tax_cents: tax, total_cents: sub + tax, paid_cents: 0,
      });
    }
    // Deposits: live or void, paid in part or in full, some refunded.
    for (let k = oneOf([70, () => 0], [30, () => int(1, 2)]); k > 0; k--) {
      const total = int(1, 500_000);
      const status = pick(INVOICE_STATUSES);
      const paid = status === 'VOID' ? 0 : status === 'PAID' ? total : int(0, total);
      invoices.push({
        ...base, id: randomUUID(), number: `DEP-G${invoices.length + 1}`, kind: 'DEPOSIT', status, subtotal_cents: total, taxable_subtotal_cents: 0, tax_cents: 0, total_cents: total,
        paid_cents: paid, refunded_cents: random() < 0.2 ? int(0, paid) : 0, void_reason: status === 'VOID' ? 'generated' : null,
      });
    }
  }
  await app.sql(`insert into sales_order select * from json_populate_recordset(null::sales_order, $1::json)`, [JSON.stringify(orders)]);
  await app.sql(
    `insert into sales_order_line (id, organization_id, sales_order_id, position, product_id, inventoried, description, quantity, unit_price_cents, cancelled, invoiced, scheduled, received,
                                   kind, invoice_with, taxable, released, written_off)
     select id, organization_id, sales_order_id, position, product_id, inventoried, description, quantity, unit_price_cents, cancelled, invoiced, scheduled, received,
            kind, invoice_with, taxable, released, written_off
     from json_populate_recordset(null::sales_order_line, $1::json)`,
    [JSON.stringify(lines)],
  );
  // Columns a document leaves out take their defaults (json_populate_recordset would give nulls).
  for (const columns of new Set(invoices.map((i) => Object.keys(i).sort().join(', ')))) {
    const rows = invoices.filter((i) => Object.keys(i).sort().join(', ') === columns);
    await app.sql(`insert into invoice (${columns}) select ${columns} from json_populate_recordset(null::invoice, $1::json)`, [JSON.stringify(rows)]);
  }
}

type Raw = Record<string, string | number | boolean | null>;
const n = (v: unknown) => Number(v);
const stateOf = (l: Raw): LineState => ({
  id: String(l.id),
  quantity: n(l.quantity),
  cancelled: n(l.cancelled),
  invoiced: n(l.invoiced),
  scheduled: n(l.scheduled),
  received: n(l.received),
  inventoried: l.inventoried as boolean,
  unitPriceCents: n(l.unit_price_cents),
  kind: l.kind as LineState['kind'],
  taxable: l.taxable as boolean,
  invoiceWith: l.invoice_with as LineState['invoiceWith'],
  released: n(l.released),
  writtenOff: n(l.written_off),
});

/** Each order's lines, in position order. */
function linesByOrder(): Map<unknown, Raw[]> {
  const byOrder = new Map<unknown, Raw[]>();
  for (const l of rawLines) byOrder.set(l.sales_order_id, [...(byOrder.get(l.sales_order_id) ?? []), l]);
  return byOrder;
}

/** Each line's quantities as the domain derives them from its order (charges read their order's goods). */
function quantitiesByLine(): Map<unknown, ReturnType<typeof orderLineQuantities>[number]> {
  const out = new Map<unknown, ReturnType<typeof orderLineQuantities>[number]>();
  for (const lines of linesByOrder().values()) {
    const q = orderLineQuantities(lines.map(stateOf));
    lines.forEach((l, i) => out.set(l.id, q[i]!));
  }
  return out;
}

let rawLines: Raw[];
let rawOrders: Raw[];
let rawInvoices: Raw[];
let lineView: Raw[];
let orderView: Raw[];

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  const { projectId, products } = await buildThroughApi();
  const { organization_id, client_id } = one(await app.sql<{ organization_id: string; client_id: string }>(`select organization_id, client_id from project where id = $1`, [projectId]));
  await buildInTables(organization_id, projectId, client_id, products);
  [rawLines, rawOrders, rawInvoices, lineView, orderView] = await Promise.all([
    app.sql<Raw>(`select * from sales_order_line`),
    app.sql<Raw>(`select * from sales_order`),
    app.sql<Raw>(`select * from invoice`),
    app.sql<Raw>(`select * from sales_order_line_figures`),
    app.sql<Raw>(`select * from sales_order_figures`),
  ]);
}, 600_000);
afterAll(() => app?.stop());

describe(`the figure views equal the domain (seed ${SEED})`, () => {
  it('built a mixed dataset of more than 1,000 orders', () => {
    const byLine = quantitiesByLine();
    const q = rawLines.map((l) => ({ l, q: byLine.get(l.id)! }));
    const count = (pred: (x: (typeof q)[number]) => boolean) => q.filter(pred).length;
    expect(rawOrders.length).toBeGreaterThanOrEqual(API_ORDERS + SQL_ORDERS);
    expect(apiOrderIds).toHaveLength(API_ORDERS);
    // Every kind of line state, each many times.
    for (const [what, c] of [
      ['stocked lines with something scheduled', count(({ l }) => l.inventoried === true && n(l.scheduled) > 0)],
      ['drop-ship lines received beyond what is invoiced', count(({ l }) => l.inventoried === false && n(l.received) > n(l.invoiced))],
      ['drop-ship lines received below what is invoiced', count(({ l }) => l.inventoried === false && n(l.received) < n(l.invoiced))],
      ['lines with cancelled units', count(({ l }) => n(l.cancelled) > 0)],
      ['partly invoiced lines', count(({ q }) => q.invoiced > 0 && q.remaining > 0)],
      ['backordered lines', count(({ q }) => q.backordered > 0)],
      ['lines whose total passes 2^31', count(({ l, q }) => q.ordered * n(l.unit_price_cents) > 2 ** 31)],
      ['void invoices', rawInvoices.filter((i) => i.status === 'VOID').length],
      ['live invoices', rawInvoices.filter((i) => i.status !== 'VOID').length],
      ['untaxed goods lines', count(({ l }) => l.kind === 'GOODS' && l.taxable === false)],
      ['charges ready with the first invoice', count(({ l, q }) => l.kind !== 'GOODS' && q.remaining > 0 && q.readyToInvoice === q.remaining && l.invoice_with !== 'LAST_INVOICE')],
      ['freight waiting for the goods', count(({ l, q }) => l.kind !== 'GOODS' && q.remaining > 0 && q.readyToInvoice === 0)],
      ['freight ready with the last goods', count(({ l, q }) => l.kind === 'FREIGHT' && l.invoice_with !== 'FIRST_INVOICE' && q.remaining > 0 && q.readyToInvoice > 0)],
      ['lines with units written off', count(({ l }) => n(l.written_off) > 0)],
      ['live credit memos', rawInvoices.filter((i) => i.kind === 'CREDIT_MEMO').length],
      ['live deposits with something paid', rawInvoices.filter((i) => i.kind === 'DEPOSIT' && i.status !== 'VOID' && n(i.paid_cents) > 0).length],
    ] as const) expect(c, what).toBeGreaterThan(20);
    const flags = orderView.map((o) => `${o.something_remains}${o.anything_ready}${o.partly_fulfilled}${o.backordered}`);
    expect(new Set(flags).size).toBeGreaterThanOrEqual(5);
  });

  it('sales_order_line_figures: one row per line, each figure equal to lineQuantities', () => {
    expect(lineView).toHaveLength(rawLines.length);
    const byId = new Map(lineView.map((r) => [r.id, r]));
    const byLine = quantitiesByLine();
    const wrong: unknown[] = [];
    for (const l of rawLines) {
      const q = byLine.get(l.id)!;
      const expected = {
        id: l.id, organization_id: l.organization_id, sales_order_id: l.sales_order_id, product_id: l.product_id, position: l.position,
        unit_price_cents: n(l.unit_price_cents), inventoried: l.inventoried, kind: l.kind, taxable: l.taxable,
        ordered: q.ordered, invoiced: q.invoiced, remaining: q.remaining, scheduled: q.scheduled, shipped: q.shipped,
        ready_to_invoice: q.readyToInvoice, backordered: q.backordered, committed: q.scheduled + q.backordered,
        total_cents: q.ordered * n(l.unit_price_cents),
      };
      const row = byId.get(l.id);
      const actual = row && { ...row, unit_price_cents: n(row.unit_price_cents), total_cents: n(row.total_cents) };
      try {
        expect(actual).toEqual(expected);
      } catch {
        wrong.push({ raw: l, expected, actual });
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('sales_order_figures: one row per order, each figure equal to orderFigures', () => {
    expect(orderView).toHaveLength(rawOrders.length);
    const linesOf = linesByOrder();
    // The order's documents and deposits, summed here from the raw invoices as DOMAIN.md words them.
    const money = new Map<unknown, { invoicedCents: number; taxableCents: number; taxCents: number; paid: number; applied: number; liveDeposits: number }>();
    for (const i of rawInvoices) {
      if (i.status === 'VOID') continue;
      const m = money.get(i.sales_order_id) ?? { invoicedCents: 0, taxableCents: 0, taxCents: 0, paid: 0, applied: 0, liveDeposits: 0 };
      if (i.kind === 'DEPOSIT') {
        m.paid += n(i.paid_cents) - n(i.refunded_cents);
        m.liveDeposits += n(i.total_cents);
      } else {
        m.invoicedCents += n(i.total_cents);
        m.taxableCents += n(i.taxable_subtotal_cents);
        m.taxCents += n(i.tax_cents);
        if (i.kind === 'STANDARD') m.applied += n(i.deposit_applied_cents);
      }
      money.set(i.sales_order_id, m);
    }
    const byId = new Map(orderView.map((r) => [r.sales_order_id, r]));
    const wrong: unknown[] = [];
    for (const o of rawOrders) {
      const m = money.get(o.id) ?? { invoicedCents: 0, taxableCents: 0, taxCents: 0, paid: 0, applied: 0, liveDeposits: 0 };
      const f = orderFigures((linesOf.get(o.id) ?? []).map(stateOf), n(o.tax_rate_basis_points), m);
      const taxable = (linesOf.get(o.id) ?? []).filter((l) => l.taxable).reduce((s, l) => s + (n(l.quantity) - n(l.cancelled)) * n(l.unit_price_cents), 0);
      const expected = {
        sales_order_id: o.id, organization_id: o.organization_id, status: o.status,
        subtotal_cents: f.subtotalCents, taxable_cents: taxable, tax_cents: f.taxCents, invoiced_cents: f.invoicedCents, remaining_cents: f.remainingCents,
        total_cents: f.totalCents, ready_to_invoice_cents: f.readyToInvoiceCents,
        something_remains: f.somethingRemains, anything_ready: f.anythingReady, partly_fulfilled: f.partlyFulfilled, backordered: f.backordered,
        documents_taxable_cents: m.taxableCents, documents_tax_cents: m.taxCents,
        deposit_paid_cents: m.paid, deposit_applied_cents: m.applied, live_deposits_cents: m.liveDeposits,
      };
      const row = byId.get(o.id);
      const actual = row && Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k.endsWith('_cents') ? n(v) : v]));
      try {
        expect(actual).toEqual(expected);
      } catch {
        wrong.push({ order: o, lines: linesOf.get(o.id), expected, actual });
      }
    }
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it('the API-built orders show the views\' figures on their own screens', async () => {
    const byId = new Map(orderView.map((r) => [r.sales_order_id, r]));
    const lineById = new Map(lineView.map((r) => [r.id, r]));
    for (const id of apiOrderIds) {
      const r = await app.gql(`query($id: ID!) { salesOrder(id: $id) { subtotalCents taxCents invoicedCents remainingCents totalCents readyToInvoiceCents backordered
        depositPaidCents depositAvailableCents lines { id invoiced remaining scheduled shipped readyToInvoice backordered totalCents } } }`, { id }, { token: t.accountant.token });
      expect(r.errors).toBeUndefined();
      const so = r.data.salesOrder;
      const f = byId.get(id)!;
      expect(so).toMatchObject({
        subtotalCents: n(f.subtotal_cents), taxCents: n(f.tax_cents), invoicedCents: n(f.invoiced_cents), remainingCents: n(f.remaining_cents),
        totalCents: n(f.total_cents), readyToInvoiceCents: n(f.ready_to_invoice_cents), backordered: f.backordered,
        depositPaidCents: n(f.deposit_paid_cents),
        depositAvailableCents: depositAvailableTo({ paidCents: n(f.deposit_paid_cents), appliedCents: n(f.deposit_applied_cents), liveTotalCents: 0, unpaidIds: [] }, 0),
      });
      for (const l of so.lines) {
        const v = lineById.get(l.id)!;
        expect(l).toEqual({ id: l.id, invoiced: v.invoiced, remaining: v.remaining, scheduled: v.scheduled, shipped: v.shipped, readyToInvoice: v.ready_to_invoice, backordered: v.backordered, totalCents: n(v.total_cents) });
      }
    }
  });
});
