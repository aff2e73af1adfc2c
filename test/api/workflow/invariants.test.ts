// RELIABILITY.md "Random interleavings": fast-check generates sequences of the quantity-moving
// commands (schedule, receive, stage moves, create / edit / void / export invoices, payments,
// cancelled quantities, stock adjustments) and runs them one by one through the GraphQL API on a
// small fresh fixture. Any command may be refused; none may answer a top-level error, a refused one
// writes nothing, and after every command every invariant query returns no rows and every order's
// money adds up (DOMAIN.md "Money"). A failure shrinks to a minimal sequence, printed with the
// trace of what each step answered.
//
//   FC_SEED=<n> [FC_PATH=<path>] FC_RUNS=<n> FC_MAX_COMMANDS=<n> npx vitest run --project api test/api/workflow/invariants.test.ts
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpOrg, startTestApp, type GqlResult, type TestApp } from '../../support/api-app.js';
import { checkInvariants, checkOrganization, describeViolations, type Violation } from '../../support/invariants.js';
import { cycle, exactly, first, one, zip, type Tuple } from '../../support/lists.js';
import { OPS } from '../../support/workflow.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

// ── The fixture: one organization, 2 inventoried + 1 drop-ship product, 3 orders, 3 submitted POs ──
// (order 0 scheduled, 3 of its drop-ship units received and 2 of them on an OPEN invoice, so every
// command has something to work on from the first step)

type ProductIndex = 0 | 1 | 2;
interface FixtureOrder {
  id: string;
  taxBp: number;
  lines: Tuple<{ id: string; productIndex: ProductIndex; quantity: number; unitPriceCents: number }, 2>;
}

interface Fixture {
  organizationId: string;
  token: string;
  /** [inventoried, inventoried, drop-ship] */
  products: Tuple<{ id: string; inventoried: boolean; priceCents: number }, 3>;
  orders: Tuple<FixtureOrder, 3>;
  /** [stock PO, drop-ship PO of order 0, drop-ship PO of order 2] */
  purchaseOrders: Tuple<{ id: string; lineIds: string[] }, 3>;
  /** the invoice made by the fixture (OPEN, 2 drop-ship units on order 0) */
  invoices: [{ id: string; order: number }];
}

async function must(token: string, op: string, variables: Record<string, unknown>, field: string) {
  const r = await app.gql(op, variables, { token });
  if (r.errors) throw new Error(`fixture ${field}: ${JSON.stringify(r.errors)}`);
  const payload = r.data[field];
  if (payload.userErrors?.length) throw new Error(`fixture ${field} refused: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

let runs = 0;
/** command kind → outcome ("ok", refusal codes, "skipped") → count, over every run */
const stats = new Map<string, Map<string, number>>();
function count(kind: string, outcome: string) {
  const m = stats.get(kind) ?? new Map<string, number>();
  m.set(outcome, (m.get(outcome) ?? 0) + 1);
  stats.set(kind, m);
}
async function fixture(): Promise<Fixture> {
  const run = ++runs;
  const admin = await signUpOrg(app, `Property run ${run}`);
  const token = admin.token;
  const client = (await must(token, OPS.createClient, { name: 'Globex', email: 'ap@globex.example', terms: 30 }, 'createClient')).client;
  const supplier = (await must(token, OPS.createSupplier, { name: 'Mugs & Co' }, 'createSupplier')).supplier;
  const specs = [
    { inventoried: true, priceCents: 1234 },
    { inventoried: true, priceCents: 999 },
    { inventoried: false, priceCents: 1875 },
  ];
  const made: { id: string; inventoried: boolean; priceCents: number }[] = [];
  for (const [i, s] of specs.entries()) {
    const p = (
      await must(token, OPS.createProduct, { sku: `P${run}-${i}`, name: `Product ${i}`, inventoried: s.inventoried, price: s.priceCents, cost: 500, supplierId: supplier.id }, 'createProduct')
    ).product;
    made.push({ id: p.id as string, ...s });
  }
  const products = exactly(made, 3, 'products');
  await must(token, OPS.adjustStock, { id: products[0].id, q: 10, reason: 'opening count' }, 'adjustStock');
  await must(token, OPS.adjustStock, { id: products[1].id, q: 4, reason: 'opening count' }, 'adjustStock');
  const prj = (await must(token, OPS.createProject, { name: 'Property', clientId: client.id, o: admin.userId, p: admin.userId, i: admin.userId }, 'createProject')).project;

  const orderSpecs: { taxBp: number; lines: (readonly [ProductIndex, number])[] }[] = [
    { taxBp: 825, lines: [[0, 6], [2, 5]] },
    { taxBp: 0, lines: [[1, 5], [0, 4]] },
    { taxBp: 1000, lines: [[2, 4], [1, 3]] },
  ];
  const madeOrders: FixtureOrder[] = [];
  for (const spec of orderSpecs) {
    const so = (
      await must(
        token,
        OPS.createSalesOrder,
        { input: { projectId: prj.id, taxRateBasisPoints: spec.taxBp, lines: spec.lines.map(([p, q]) => ({ productId: products[p].id, quantity: q })) } },
        'createSalesOrder',
      )
    ).salesOrder;
    const lines = zip(so.lines as { id: string; quantity: number; unitPriceCents: number }[], spec.lines).map(([l, [productIndex]]) => ({ id: l.id, productIndex, quantity: l.quantity, unitPriceCents: l.unitPriceCents }));
    madeOrders.push({ id: so.id as string, taxBp: spec.taxBp, lines: exactly(lines, 2, 'lines of a fixture order') });
  }
  const orders = exactly(madeOrders, 3, 'orders');
  const stockPo = (
    await must(token, OPS.createPurchaseOrder, { input: { supplierId: supplier.id, lines: [{ productId: products[0].id, quantity: 8 }, { productId: products[1].id, quantity: 6 }] } }, 'createPurchaseOrder')
  ).purchaseOrder;
  const [dropA] = (await must(token, OPS.createPurchaseOrdersForSalesOrder, { id: orders[0].id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
  const [dropB] = (await must(token, OPS.createPurchaseOrdersForSalesOrder, { id: orders[2].id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
  const purchaseOrders = exactly(
    [stockPo, dropA, dropB].map((po) => ({ id: po.id as string, lineIds: (po.lines as { id: string }[]).map((l) => l.id) })),
    3,
    'purchase orders',
  );
  for (const po of purchaseOrders) await must(token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
  // Something is ready to invoice from the start: order 0's stock is scheduled, 3 of its drop-ship units arrived.
  await must(token, OPS.scheduleSalesOrder, { id: orders[0].id }, 'scheduleSalesOrder');
  await must(token, OPS.receive, { input: { purchaseOrderId: purchaseOrders[1].id, lines: [{ purchaseOrderLineId: first(purchaseOrders[1].lineIds, 'lines of the drop-ship PO'), quantity: 3 }] } }, 'receivePurchaseOrder');
  const opening = (await must(token, OPS.createInvoice, { input: { salesOrderId: orders[0].id, lines: [{ salesOrderLineId: orders[0].lines[1].id, quantity: 2 }] } }, 'createInvoice')).invoice;
  return { organizationId: admin.organizationId, token, products, orders, purchaseOrders, invoices: [{ id: opening.id as string, order: 0 }] };
}

// ── Commands ──────────────────────────────────────────────────────────────────────────────────
// Indices are taken modulo what exists when the command runs, so every generated sequence is valid
// and shrinks freely.

type LineQty = { line: number; quantity: number };
type Command =
  | { kind: 'schedule'; order: number }
  | { kind: 'receive'; po: number; line: number; quantity: number }
  | { kind: 'stage'; po: number; stage: 'CONFIRMED' | 'SHIPPED' | 'READY_FOR_BILLING' }
  | { kind: 'createInvoice'; order: number; lines: LineQty[] | null }
  | { kind: 'updateInvoice'; invoice: number; lines: LineQty[] }
  | { kind: 'voidInvoice'; invoice: number }
  | { kind: 'exportInvoice'; invoice: number }
  | { kind: 'payment'; invoice: number; amount: 'balance' | 'half' | 'one' | 'over' }
  | { kind: 'cancel'; order: number; line: number; quantity: number }
  | { kind: 'adjust'; product: number; quantity: number };

const index = fc.nat({ max: 5 });
const lineQty = fc.record({ line: fc.nat({ max: 1 }), quantity: fc.nat({ max: 5 }) });
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('schedule' as const), order: index }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('receive' as const), po: fc.nat({ max: 2 }), line: fc.nat({ max: 1 }), quantity: fc.integer({ min: 1, max: 6 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('stage' as const), po: fc.nat({ max: 2 }), stage: fc.constantFrom('CONFIRMED' as const, 'SHIPPED' as const, 'READY_FOR_BILLING' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('createInvoice' as const), order: index, lines: fc.option(fc.array(lineQty, { minLength: 1, maxLength: 2 }), { freq: 2 }) }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('updateInvoice' as const), invoice: index, lines: fc.array(lineQty, { minLength: 1, maxLength: 2 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('voidInvoice' as const), invoice: index }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('exportInvoice' as const), invoice: index }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('payment' as const), invoice: index, amount: fc.constantFrom('balance' as const, 'half' as const, 'one' as const, 'over' as const) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('cancel' as const), order: index, line: fc.nat({ max: 1 }), quantity: fc.integer({ min: 1, max: 4 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('adjust' as const), product: fc.nat({ max: 1 }), quantity: fc.integer({ min: -6, max: 8 }).filter((q) => q !== 0) }), weight: 2 },
);

/** Codes that can never be right here: every id exists and the admin may do everything. */
const IMPOSSIBLE = new Set(['NOT_FOUND', 'DUPLICATE', 'CONFLICT', 'INVALID_CREDENTIALS']);

interface InvoiceRow {
  id: string;
  number: string;
  status: string;
  subtotal_cents: string;
  tax_cents: string;
  total_cents: string;
  paid_cents: string;
  lines: { sales_order_line_id: string; quantity: number; unit_price_cents: string; total_cents: string }[] | null;
}

interface RunState {
  fx: Fixture;
  /** invoices created in this run, in order, with the order they belong to */
  invoices: { id: string; order: number }[];
  /** invoice id → its lines and amounts when first seen outside OPEN (must never change after) */
  frozen: Map<string, string>;
  fingerprint: string;
  trace: string[];
}

const INVOICE_ROWS = `
  select i.id, i.number, i.status, i.subtotal_cents, i.tax_cents, i.total_cents, i.paid_cents,
         (select json_agg(json_build_object('sales_order_line_id', il.sales_order_line_id, 'quantity', il.quantity,
                 'unit_price_cents', il.unit_price_cents, 'total_cents', il.total_cents) order by il.sales_order_line_id)
            from invoice_line il where il.invoice_id = i.id) as lines
  from invoice i where i.organization_id = $1 order by i.number`;

const ORDER_FIELDS = `id status locked totalCents invoicedCents remainingCents taxRateBasisPoints
  lines { id quantity cancelled invoiced remaining scheduled shipped readyToInvoice backordered unitPriceCents }
  invoices { id status totalCents }
  purchaseOrders { stage }`;

function describeCommand(c: Command): string {
  return JSON.stringify(c);
}

/** Runs one command; returns the GraphQL result and a short label of what was sent (null: skipped). */
interface Executed {
  sent: string;
  result: GqlResult;
  field: string;
  /** index of the sales order the command acts on, if any */
  order?: number;
}

/** Which order each purchase order buys for: the stock PO none, the drop-ship ones orders 0 and 2. */
const ORDER_OF_PO = [undefined, 0, 2] as const;

async function execute(s: RunState, c: Command, invoiceRows: InvoiceRow[]): Promise<Executed | null> {
  const { fx } = s;
  const token = fx.token;
  const lineOf = (order: number, l: LineQty) => {
    return { salesOrderLineId: cycle(cycle(fx.orders, order).lines, l.line).id, quantity: l.quantity };
  };
  /** Merges repeated lines (the last quantity wins), as a person editing a form would send them. */
  const linesFor = (order: number, ls: LineQty[]) => [...new Map(ls.map((l) => lineOf(order, l)).map((x) => [x.salesOrderLineId, x])).values()];
  const invoice = (i: number) => (s.invoices.length ? s.invoices[i % s.invoices.length] : null);
  const run = async (op: string, variables: Record<string, unknown>, field: string, order?: number): Promise<Executed> => ({
    sent: `${field}(${JSON.stringify(variables)})`,
    result: await app.gql(op, variables, { token }),
    field,
    order,
  });

  switch (c.kind) {
    case 'schedule':
      return run(OPS.scheduleSalesOrder, { id: cycle(fx.orders, c.order).id }, 'scheduleSalesOrder', c.order % fx.orders.length);
    case 'receive': {
      const po = cycle(fx.purchaseOrders, c.po);
      return run(
        OPS.receive,
        { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: cycle(po.lineIds, c.line), quantity: c.quantity }] } },
        'receivePurchaseOrder',
        ORDER_OF_PO[c.po % fx.purchaseOrders.length],
      );
    }
    case 'stage':
      return run(OPS.setStage, { id: cycle(fx.purchaseOrders, c.po).id, stage: c.stage }, 'setPurchaseOrderStage', ORDER_OF_PO[c.po % fx.purchaseOrders.length]);
    case 'createInvoice': {
      const order = c.order % fx.orders.length;
      const r = await run(OPS.createInvoice, { input: { salesOrderId: cycle(fx.orders, order).id, ...(c.lines ? { lines: linesFor(order, c.lines) } : {}) } }, 'createInvoice', order);
      const created = r.result.data?.createInvoice?.invoice;
      if (created) s.invoices.push({ id: created.id, order });
      return r;
    }
    case 'updateInvoice': {
      const inv = invoice(c.invoice);
      if (!inv) return null;
      return run(OPS.updateInvoice, { input: { invoiceId: inv.id, lines: linesFor(inv.order, c.lines) } }, 'updateInvoice', inv.order);
    }
    case 'voidInvoice': {
      const inv = invoice(c.invoice);
      if (!inv) return null;
      return run(OPS.voidInvoice, { id: inv.id, reason: 'property test' }, 'voidInvoice', inv.order);
    }
    case 'exportInvoice': {
      const inv = invoice(c.invoice);
      if (!inv) return null;
      return run(OPS.exportInvoices, { ids: [inv.id] }, 'exportInvoices');
    }
    case 'payment': {
      const inv = invoice(c.invoice);
      if (!inv) return null;
      const row = invoiceRows.find((r) => r.id === inv.id)!;
      const balance = Number(row.total_cents) - Number(row.paid_cents);
      const amount = { balance, half: Math.floor(balance / 2), one: 1, over: balance + 1 }[c.amount];
      return run(OPS.recordPayment, { input: { invoiceId: inv.id, amountCents: amount } }, 'recordPayment');
    }
    case 'cancel': {
      return run(OPS.cancelQuantity, { lineId: cycle(cycle(fx.orders, c.order).lines, c.line).id, q: c.quantity, reason: 'client changed their mind' }, 'cancelSalesOrderQuantity', c.order % fx.orders.length);
    }
    case 'adjust':
      // Only the two inventoried products keep stock.
      return run(OPS.adjustStock, { id: cycle([fx.products[0], fx.products[1]], c.product).id, q: c.quantity, reason: 'recount' }, 'adjustStock');
  }
}

const roundHalfUp = (value: number, bp: number) => Math.floor((value * bp + 5000) / 10000);

/** DOMAIN.md "Quantities" and "Money", as the salesOrder query answers them. */
function orderProblems(fx: Fixture, orders: any[]): string[] {
  const problems: string[] = [];
  for (const [oi, [o, spec]] of zip(orders, fx.orders).entries()) {
    let ordered = 0;
    let somethingRemains = false;
    for (const [li, [l, line]] of zip(o.lines as any[], spec.lines).entries()) {
      const inventoried = fx.products[line.productIndex].inventoried;
      const where = `order ${oi} line ${li} ${JSON.stringify(l)}`;
      if (l.remaining !== l.quantity - l.cancelled - l.invoiced) problems.push(`${where}: remaining ≠ quantity − cancelled − invoiced`);
      const ready = inventoried ? l.scheduled : Math.min(l.remaining, Math.max(0, l.shipped - l.invoiced));
      if (l.readyToInvoice !== ready) problems.push(`${where}: readyToInvoice should be ${ready}`);
      if (l.backordered !== l.remaining - l.readyToInvoice) problems.push(`${where}: backordered ≠ remaining − readyToInvoice`);
      ordered += (l.quantity - l.cancelled) * l.unitPriceCents;
      if (l.remaining > 0) somethingRemains = true;
    }
    const invoicedCents = (o.invoices as { status: string; totalCents: number }[]).filter((i) => i.status !== 'VOID').reduce((a, i) => a + i.totalCents, 0);
    // What the lines come to (their rounded tax) less what is invoiced while something remains (DOMAIN.md, "Money": running-total tax).
    const remainingCents = somethingRemains ? Math.max(0, ordered + roundHalfUp(ordered, o.taxRateBasisPoints) - invoicedCents) : 0;
    const value = ordered;
    const head = `order ${oi} (${o.status}, locked ${o.locked}, total ${o.totalCents}, invoiced ${o.invoicedCents}, remaining ${o.remainingCents})`;
    if (o.remainingCents !== remainingCents) problems.push(`${head}: remainingCents should be ${remainingCents} (lines ${value} + tax − invoiced ${invoicedCents})`);
    if (o.invoicedCents !== invoicedCents) problems.push(`${head}: invoicedCents should be Σ live invoices = ${invoicedCents}`);
    if (o.totalCents !== o.invoicedCents + o.remainingCents) problems.push(`${head}: totalCents ≠ invoicedCents + remainingCents`);
  }
  return problems;
}

/** Everything checked after each step; returns the problems found (empty: fine). */
interface Observation {
  problems: string[];
  fingerprint: string;
  invoiceRows: InvoiceRow[];
  /** the salesOrder query's answer per fixture order (empty if it failed) */
  orders: any[];
}

async function observe(s: RunState): Promise<Observation> {
  const [{ violations, fingerprint }, invoiceRows, ordersResult] = await Promise.all([
    checkOrganization(app, s.fx.organizationId),
    app.sql<InvoiceRow & Record<string, unknown>>(INVOICE_ROWS, [s.fx.organizationId]),
    app.gql(`query { ${s.fx.orders.map((o, i) => `o${i}: salesOrder(id: "${o.id}") { ${ORDER_FIELDS} }`).join(' ')} }`, {}, { token: s.fx.token }),
  ]);
  const problems: string[] = [];
  if (violations.length) problems.push(`invariants broken:\n${describeViolations(violations as Violation[])}`);
  if (ordersResult.errors) problems.push(`salesOrder query failed: ${JSON.stringify(ordersResult.errors)}`);
  const orders = ordersResult.errors ? [] : s.fx.orders.map((_, i) => ordersResult.data[`o${i}`]);
  if (!ordersResult.errors) problems.push(...orderProblems(s.fx, orders));
  // RELIABILITY.md: a sent, exported, paid or void invoice never changes its lines or amounts afterwards.
  for (const inv of invoiceRows) {
    const content = JSON.stringify([inv.subtotal_cents, inv.tax_cents, inv.total_cents, inv.lines]);
    const before = s.frozen.get(inv.id);
    if (before !== undefined && before !== content) problems.push(`${inv.number} (${inv.status}) changed after it left OPEN: ${before} → ${content}`);
    if (inv.status !== 'OPEN' && before === undefined) s.frozen.set(inv.id, content);
  }
  return { problems, fingerprint, invoiceRows, orders };
}

const OPEN_STATUSES = new Set(['OPEN', 'CLIENT_APPROVED', 'IN_PRODUCTION', 'SHIPPED', 'SCHEDULED', 'READY_TO_BE_INVOICED', 'BACKORDERED']);
const SHIPPED_OR_LATER = new Set(['SHIPPED', 'READY_FOR_BILLING', 'BILLED', 'CLOSED']);

/** DOMAIN.md "Sales orders" and "Quantities": what an accepted command does to its order. */
function statusRules(c: Command, done: Executed, before: Observation, after: Observation): string[] {
  if (done.order === undefined || !after.orders.length || !before.orders.length) return [];
  const was = before.orders[done.order];
  const now = after.orders[done.order];
  const head = `order ${done.order} after ${c.kind} (was ${was.status}${was.locked ? ', locked' : ''}; now ${now.status}${now.locked ? ', locked' : ''})`;
  const remains = (now.lines as { remaining: number }[]).some((l) => l.remaining > 0);
  const liveInvoices = (now.invoices as { status: string }[]).filter((i) => i.status !== 'VOID').length;
  const expectStatus = (status: string, locked: boolean, rule: string) =>
    now.status === status && now.locked === locked ? [] : [`${head}: expected ${status}${locked ? ' and locked' : ', unlocked'} (${rule})`];
  switch (c.kind) {
    case 'createInvoice':
    case 'updateInvoice':
      return remains
        ? expectStatus('BACKORDERED', false, 'an invoice is created or edited and something remains')
        : expectStatus('INVOICED', true, 'an invoice is created or edited and nothing remains');
    case 'schedule':
      return expectStatus('SCHEDULED', false, 'scheduling allocated something');
    case 'voidInvoice': {
      if (now.locked) return [`${head}: voiding an invoice unlocks the order`];
      if (liveInvoices > 0) return expectStatus('BACKORDERED', false, 'voided, another live invoice exists');
      if ((now.lines as { readyToInvoice: number }[]).some((l) => l.readyToInvoice > 0)) return expectStatus('READY_TO_BE_INVOICED', false, 'voided, no live invoice, something ready');
      const stages = (now.purchaseOrders as { stage: string }[]).map((p) => p.stage).filter((st) => st !== 'CANCELLED');
      const byPo = stages.length && stages.every((st) => SHIPPED_OR_LATER.has(st)) ? 'SHIPPED' : stages.some((st) => st !== 'CREATED') ? 'IN_PRODUCTION' : 'OPEN';
      return expectStatus(byPo, false, 'voided, nothing invoiced or ready: what the purchase order rules give');
    }
    case 'cancel': {
      const problems: string[] = [];
      if (!remains && liveInvoices > 0) problems.push(...expectStatus('INVOICED', true, 'cancelling left nothing remaining on an order with a live invoice'));
      // The cancelled units come out of the scheduled stock first.
      const line = c.line % was.lines.length;
      const released = Math.min(was.lines[line].scheduled, c.quantity);
      if (now.lines[line].scheduled !== was.lines[line].scheduled - released)
        problems.push(`${head}: line ${line} scheduled ${was.lines[line].scheduled} → ${now.lines[line].scheduled}, expected ${released} released by cancelling ${c.quantity}`);
      return problems;
    }
    case 'stage': {
      if (!OPEN_STATUSES.has(was.status)) return [];
      if (c.stage === 'READY_FOR_BILLING' && remains) return expectStatus('READY_TO_BE_INVOICED', false, 'a PO of the order reached READY_FOR_BILLING and something remains');
      if (c.stage === 'SHIPPED' && ['OPEN', 'CLIENT_APPROVED', 'IN_PRODUCTION'].includes(was.status)) return expectStatus('SHIPPED', false, 'every live PO of the order is SHIPPED or later');
      return [];
    }
    case 'receive': {
      const stage = (now.purchaseOrders as { stage: string }[])[0]?.stage;
      if (stage === 'SHIPPED' && ['OPEN', 'CLIENT_APPROVED', 'IN_PRODUCTION'].includes(was.status)) return expectStatus('SHIPPED', false, 'everything received: the PO and the order are SHIPPED');
      return [];
    }
    default:
      return [];
  }
}

/** Receiving stock or adjusting it never schedules or unschedules anything by itself. */
function schedulingUntouched(c: Command, before: Observation, after: Observation): string[] {
  if (!(c.kind === 'adjust' || (c.kind === 'receive' && c.po % 3 === 0)) || !before.orders.length || !after.orders.length) return [];
  const scheduled = (o: Observation) => JSON.stringify(o.orders.map((so) => so.lines.map((l: { scheduled: number }) => l.scheduled)));
  return scheduled(before) === scheduled(after) ? [] : [`${c.kind} changed scheduled quantities: ${scheduled(before)} → ${scheduled(after)}`];
}

async function runSequence(commands: Command[]): Promise<void> {
  const fx = await fixture();
  const s: RunState = { fx, invoices: [...fx.invoices], frozen: new Map(), fingerprint: '', trace: [] };
  let seen = await observe(s);
  const fail = (step: number, why: string[]): never => {
    throw new Error(
      `step ${step} broke the model\n${why.join('\n')}\n` +
        `trace (organization ${fx.organizationId}):\n${s.trace.map((line, i) => `  ${i + 1}. ${line}`).join('\n')}`,
    );
  };
  if (seen.problems.length) fail(0, ['the fixture itself:', ...seen.problems]);
  for (const [i, command] of commands.entries()) {
    const done = await execute(s, command, seen.invoiceRows);
    if (!done) {
      s.trace.push(`${describeCommand(command)} → skipped (no invoice yet)`);
      count(command.kind, 'skipped');
      continue;
    }
    const { result, field, sent } = done;
    if (result.errors?.length) {
      s.trace.push(`${describeCommand(command)} → TOP-LEVEL ERROR ${JSON.stringify(result.errors)}`);
      fail(i + 1, [`${sent} answered a top-level error: ${JSON.stringify(result.errors)}`]);
    }
    const payload = result.data[field];
    const codes = (payload.userErrors as { code: string; message: string }[]).map((e) => e.code);
    s.trace.push(`${describeCommand(command)} → ${codes.length ? `refused ${JSON.stringify(payload.userErrors.map((e: { code: string; message: string }) => `${e.code}: ${e.message}`))}` : 'ok'}`);
    count(command.kind, codes.length ? codes.join('+') : 'ok');
    const previous = seen;
    const before = seen.fingerprint;
    seen = await observe(s);
    const problems = [...seen.problems];
    if (!codes.length) problems.push(...statusRules(command, done, previous, seen), ...schedulingUntouched(command, previous, seen));
    if (codes.some((c) => IMPOSSIBLE.has(c))) problems.push(`${sent} answered ${codes.join(', ')}`);
    if (codes.length && seen.fingerprint !== before) problems.push(`${sent} was refused (${codes.join(', ')}) but the database changed`);
    if (problems.length) fail(i + 1, problems);
  }
}

/**
 * The same commands, but in batches sent at once (RELIABILITY.md "Random interleavings" through the
 * real server): the order of a batch is up to the server, so only what holds in every order is
 * checked after each batch: no top-level error, no impossible code, every invariant, the money.
 */
async function runBatches(batches: Command[][]): Promise<void> {
  const fx = await fixture();
  const s: RunState = { fx, invoices: [...fx.invoices], frozen: new Map(), fingerprint: '', trace: [] };
  let seen = await observe(s);
  const fail = (step: number, why: string[]): never => {
    throw new Error(
      `batch ${step} broke the model\n${why.join('\n')}\n` +
        `trace (organization ${fx.organizationId}; "‖" = sent at once):\n${s.trace.map((line, i) => `  ${i + 1}. ${line}`).join('\n')}`,
    );
  };
  for (const [b, batch] of batches.entries()) {
    const rows = seen.invoiceRows;
    const done = await Promise.all(batch.map((c) => execute(s, c, rows)));
    const problems: string[] = [];
    const outcomes = zip(batch, done).map(([c, d]) => {
      if (!d) return `${describeCommand(c)} → skipped`;
      if (d.result.errors?.length) {
        problems.push(`${d.sent} answered a top-level error: ${JSON.stringify(d.result.errors)}`);
        return `${describeCommand(c)} → TOP-LEVEL ERROR ${JSON.stringify(d.result.errors.map((e) => e.extensions?.code))}`;
      }
      const errors = d.result.data[d.field].userErrors as { code: string }[];
      const codes = errors.map((e) => e.code);
      if (codes.some((code) => IMPOSSIBLE.has(code))) problems.push(`${d.sent} answered ${codes.join(', ')}`);
      count(`${c.kind} (batched)`, codes.length ? codes.join('+') : 'ok');
      return `${describeCommand(c)} → ${codes.length ? `refused ${codes.join('+')}` : 'ok'}`;
    });
    s.trace.push(outcomes.join('  ‖  '));
    seen = await observe(s);
    problems.push(...seen.problems);
    if (problems.length) fail(b + 1, problems);
  }
}

/** fast-check stops starting new runs (or shrink steps) after this long; the test's timeout follows. */
const TIME_LIMIT_MS = Number(process.env.FC_TIME_LIMIT_MS ?? 50_000);
const BATCH_TIME_LIMIT_MS = Number(process.env.FC_BATCH_TIME_LIMIT_MS ?? 25_000);

describe('random command sequences keep every invariant', () => {
  it('schedule / receive / stage / invoice / edit / void / export / pay / cancel / adjust in any order', async () => {
    const numRuns = Number(process.env.FC_RUNS ?? 25);
    const maxLength = Number(process.env.FC_MAX_COMMANDS ?? 15);
    const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength }), async (commands) => {
        await runSequence(commands);
      }),
      {
        numRuns,
        ...(seed !== undefined ? { seed, ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}) } : {}),
        // Keeps the file within its budget, shrinking included; the counterexample so far is reported.
        plugins: [fc.interruptAfterTimeLimit(TIME_LIMIT_MS)],
        verbose: 1,
      },
    );
    console.info(`[invariants] ${runs} sequences (fixtures) run in ${Date.now() - started} ms`);
    console.info(`[invariants] outcomes: ${[...stats].filter(([k]) => !k.endsWith('(batched)')).map(([k, m]) => `${k} ${JSON.stringify(Object.fromEntries(m))}`).join('; ')}`);
    expect(runs).toBeGreaterThan(0);
  }, TIME_LIMIT_MS + 45_000);
});

describe('random concurrent batches keep every invariant', () => {
  it('batches of 2–6 of the same commands sent at once', async () => {
    const numRuns = Number(process.env.FC_BATCH_RUNS ?? 20);
    const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
    const started = Date.now();
    const before = runs;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(commandArb, { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: Number(process.env.FC_MAX_BATCHES ?? 5) }), async (batches) => {
        await runBatches(batches);
      }),
      {
        numRuns,
        ...(seed !== undefined ? { seed, ...(process.env.FC_BATCH_PATH ? { path: process.env.FC_BATCH_PATH } : {}) } : {}),
        plugins: [fc.interruptAfterTimeLimit(BATCH_TIME_LIMIT_MS)],
        verbose: 1,
      },
    );
    console.info(`[invariants] ${runs - before} batched runs in ${Date.now() - started} ms`);
    console.info(`[invariants] batched outcomes: ${[...stats].filter(([k]) => k.endsWith('(batched)')).map(([k, m]) => `${k} ${JSON.stringify(Object.fromEntries(m))}`).join('; ')}`);
  }, BATCH_TIME_LIMIT_MS + 30_000);
});

describe('the invariant checks themselves', () => {
  it('are empty on consistent data, round tax half up, and name each kind of corruption', async () => {
    const fx = await fixture();
    const org = fx.organizationId;
    // A drop-ship product at 200 cents on an 8.25 % order: tax 16.5 cents rounds up to 17.
    const half = (await must(fx.token, OPS.createProduct, { sku: `HALF-${runs}`, name: 'Half', inventoried: false, price: 200, cost: 100 }, 'createProduct')).product;
    const projectId = one(await app.sql<{ id: string }>('select id from project where organization_id = $1', [org])).id;
    const so = (await must(fx.token, OPS.createSalesOrder, { input: { projectId, taxRateBasisPoints: 825, lines: [{ productId: half.id, quantity: 1 }] } }, 'createSalesOrder')).salesOrder;
    const inv = (await must(fx.token, OPS.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: so.lines[0].id, quantity: 1 }] } }, 'createInvoice')).invoice;
    expect(inv).toMatchObject({ subtotalCents: 200, taxCents: 17, totalCents: 217 });
    const stocked = (await must(fx.token, OPS.createInvoice, { input: { salesOrderId: fx.orders[0].id } }, 'createInvoice')).invoice;
    expect((await checkOrganization(app, org)).violations).toEqual([]);

    const fires = async (corrupt: string, restore: string, params: unknown[], invariant: string) => {
      await app.sql(corrupt, params);
      try {
        const found = (await checkInvariants(app, org)).map((v) => v.invariant);
        expect(found, corrupt).toContain(invariant);
      } finally {
        await app.sql(restore, params);
      }
      expect((await checkInvariants(app, org)).map((v) => v.invariant)).toEqual([]);
    };
    const line0 = fx.orders[0].lines[0].id; // A × 6, scheduled then invoiced by the default invoice
    await fires('update sales_order_line set invoiced = invoiced - 1 where id = $1', 'update sales_order_line set invoiced = invoiced + 1 where id = $1', [line0], 'line_invoiced_equals_live_invoice_lines');
    // The half order is fully invoiced by `inv`: its documents must carry exactly its lines' rounded tax.
    await fires('update invoice set tax_cents = tax_cents - 1, total_cents = total_cents - 1 where id = $1', 'update invoice set tax_cents = tax_cents + 1, total_cents = total_cents + 1 where id = $1', [inv.id], 'locked_order_documents_equal_its_lines');
    await fires('update invoice set tax_cents = tax_cents + 5, total_cents = total_cents + 5 where id = $1', 'update invoice set tax_cents = tax_cents - 5, total_cents = total_cents - 5 where id = $1', [inv.id], 'document_tax_near_its_own');
    await fires('update invoice set subtotal_cents = subtotal_cents + 1, total_cents = total_cents + 1 where id = $1', 'update invoice set subtotal_cents = subtotal_cents - 1, total_cents = total_cents - 1 where id = $1', [stocked.id], 'invoice_subtotal_equals_lines');
    await fires('update invoice_line set total_cents = total_cents + 1 where invoice_id = $1', 'update invoice_line set total_cents = total_cents - 1 where invoice_id = $1', [inv.id], 'invoice_line_total_is_quantity_times_price');
    await fires('update product set on_hand = on_hand + 1 where id = $1', 'update product set on_hand = on_hand - 1 where id = $1', [fx.products[1].id], 'product_on_hand_equals_ledger');
    await fires(
      'update sales_order_line set scheduled = 5 where id = $1',
      'update sales_order_line set scheduled = 0 where id = $1',
      [fx.orders[1].lines[0].id], // B × 5 on order 1, but only 4 B on hand
      'product_on_hand_covers_scheduled',
    );
    await fires('update sales_order set locked = true where id = $1', 'update sales_order set locked = false where id = $1', [fx.orders[1].id], 'locked_order_has_nothing_remaining');
    await fires("update sales_order set status = 'INVOICED' where id = $1", "update sales_order set status = 'OPEN' where id = $1", [fx.orders[1].id], 'invoiced_order_is_locked');
    await fires('update sales_order_line set received = received + 1 where id = $1', 'update sales_order_line set received = received - 1 where id = $1', [fx.orders[0].lines[1].id], 'drop_ship_line_received_equals_po_lines');
    await fires('update invoice set paid_cents = total_cents + 0 where id = $1', 'update invoice set paid_cents = 0 where id = $1', [inv.id], 'invoice_paid_equals_payments');
    await fires("update purchase_order set number = 'PO-x' || number where id = $1", "update purchase_order set number = substr(number, 5) where id = $1", [fx.purchaseOrders[0].id], 'document_number_format');
  }, 60_000);
});

describe('found by the property above, kept as a fixed case', () => {
  it('editing a partly paid OPEN invoice below what was paid is refused with a userError, nothing written (not a server error)', async () => {
    const fx = await fixture();
    const inv = fx.invoices[0]; // OPEN: 2 drop-ship units × 1875 + 8.25 % tax = 4059
    await must(fx.token, OPS.recordPayment, { input: { invoiceId: inv.id, amountCents: 3000 } }, 'recordPayment');
    const before = await checkOrganization(app, fx.organizationId);
    // 1 unit: 1875 + 155 = 2030 < 3000 already paid.
    const r = await app.gql(OPS.updateInvoice, { input: { invoiceId: inv.id, lines: [{ salesOrderLineId: fx.orders[0].lines[1].id, quantity: 1 }] } }, { token: fx.token });
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    expect(r.data.updateInvoice.invoice).toBeNull();
    expect(r.data.updateInvoice.userErrors.length).toBeGreaterThan(0);
    const after = await checkOrganization(app, fx.organizationId);
    expect(after.fingerprint).toBe(before.fingerprint);
    expect(after.violations).toEqual([]);
  }, 30_000);
});
