import {
  activityEvent,
  NO_AMOUNTS,
  checkFlagFollowUp,
  checkNewPurchaseOrder,
  checkSomethingToBuy,
  checkSuppliersChosen,
  decideFlag,
  decideReceipt,
  decideStageChange,
  flagFollowUpBody,
  notFound,
  NumberSeries,
  stageChangeEffect,
  stillToBuy,
  todayUtc,
  under,
  type Decision,
  type EventDraft,
  type LinkedOrderFacts,
  type PurchaseOrderFacts,
  type PurchaseOrderStage,
  type PurchaseOrderStatus,
  type StageEffect,
  type UserError,
} from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../common/viewer.js';
import { fail } from '../../common/errors.js';
import { findManyById, mustFind } from '../../common/lookup.js';
import { recordActivity } from '../activity/activity.service.js';
import { checkAttachedFollowUp, writeFollowUp, type AttachedFollowUp } from '../follow-up/follow-up.service.js';
import { raiseHandOff } from '../notification/hand-off.js';
import { nextNumber } from '../numbering/numbering.service.js';
import { Product } from '../product/product.entity.js';
import { lockProducts, moveStock } from '../product/product.service.js';
import { Project } from '../project/project.entity.js';
import { SalesOrderLine } from '../sales-order/sales-order-line.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { enterStatuses, linesOf, lockSalesOrder, salesOrderFacts } from '../sales-order/sales-order.state.js';
import { Supplier } from '../supplier/supplier.entity.js';
import { User } from '../user/user.entity.js';
import { PurchaseOrderLine } from './purchase-order-line.entity.js';
import { PurchaseOrder } from './purchase-order.entity.js';
import { Receipt, ReceiptLine } from './receipt.entity.js';

function decided<T>(d: Decision<T>, prefix: string[] = []): T {
  if (!d.ok) fail(...under(prefix, d.errors));
  return d.value;
}

function recordEvents(em: EntityManager, po: PurchaseOrder, events: readonly EventDraft[], actorId: string | null): void {
  for (const e of events) recordActivity(em, { ...e, projectId: po.project?.id, entityId: po.id, actorId });
}

export interface NewPurchaseOrder {
  supplierId: string;
  projectId?: string | null;
  salesOrderId?: string | null;
  productionRepId?: string | null;
  inHandsDate?: string | null;
  lines: { productId: string; quantity: number; unitCostCents?: number | null; salesOrderLineId?: string | null }[];
}

export async function createPurchaseOrder(em: EntityManager, viewer: Viewer, input: NewPurchaseOrder): Promise<PurchaseOrder> {
  const f = (...path: (string | number)[]) => ['input', ...path.map(String)];
  const supplier = await mustFind(em, Supplier, input.supplierId, f('supplierId'), 'supplier');
  let salesOrder = input.salesOrderId != null ? await mustFind(em, SalesOrder, input.salesOrderId, f('salesOrderId'), 'sales order') : null;
  let project = input.projectId != null ? await mustFind(em, Project, input.projectId, f('projectId'), 'project') : null;
  const rep = input.productionRepId != null ? await mustFind(em, User, input.productionRepId, f('productionRepId'), 'user') : null;

  const products = await findManyById(em, Product, input.lines.map((l) => l.productId));
  const soLines = await findManyById(em, SalesOrderLine, input.lines.map((l) => l.salesOrderLineId ?? null));
  const missing: UserError[] = input.lines.flatMap((l, i) => [
    ...(products[i] ? [] : [notFound('product', f('lines', i, 'productId'))]),
    ...(l.salesOrderLineId != null && !soLines[i] ? [notFound('sales order line', f('lines', i, 'salesOrderLineId'))] : []),
  ]);
  if (missing.length) fail(...missing);
  const soOrders = await findManyById(em, SalesOrder, soLines.map((l) => l?.salesOrder.id ?? null));
  const errors = checkNewPurchaseOrder(
    input.lines.map((l, i) => {
      const soLine = soLines[i];
      const order = soOrders[i];
      return {
        productId: l.productId,
        quantity: l.quantity,
        unitCostCents: l.unitCostCents,
        salesOrderLine: soLine && order ? { inventoried: soLine.inventoried, productId: soLine.product?.id ?? null, salesOrderId: order.id, projectId: order.project.id } : null,
      };
    }),
    { salesOrderId: salesOrder?.id ?? null, salesOrderProjectId: salesOrder?.project.id ?? null, projectId: project?.id ?? null },
  );
  if (errors.length) fail(...under(['input'], errors));

  salesOrder ??= soOrders.find((o) => o) ?? null;
  project ??= salesOrder ? await salesOrder.project.loadOrFail() : null;

  const po = em.create(PurchaseOrder, {
    number: await nextNumber(em, viewer.organizationId, NumberSeries.PURCHASE_ORDER),
    supplier,
    project,
    salesOrder,
    productionRep: rep ?? project?.productionRep ?? null,
    inHandsDate: input.inHandsDate ?? null,
  });
  input.lines.forEach((l, i) => {
    const product = products[i];
    const soLine = soLines[i] ?? null;
    if (!product) return;
    em.create(PurchaseOrderLine, {
      purchaseOrder: po,
      position: i + 1,
      product,
      salesOrderLine: soLine,
      description: soLine?.description ?? product.name,
      quantity: l.quantity,
      unitCostCents: l.unitCostCents ?? product.costCents,
    });
  });
  recordEvents(em, po, [activityEvent('purchase_order.created', { purchaseOrder: po.number, supplier: supplier.name }, NO_AMOUNTS)], viewer.userId);
  return po;
}

/** Units of each of these sales order lines already on live purchase order lines. */
async function onLivePurchaseOrders(em: EntityManager, lineIds: string[]): Promise<Map<string, number>> {
  const bought = new Map<string, number>();
  if (lineIds.length === 0) return bought;
  const rows = await em.getConnection().execute<{ id: string; qty: string }[]>(
    `select pl.sales_order_line_id as id, sum(pl.quantity) as qty from purchase_order_line pl
     join purchase_order po on po.id = pl.purchase_order_id
     where pl.sales_order_line_id in (?) and po.stage <> 'CANCELLED' group by pl.sales_order_line_id`,
    [lineIds],
    'all',
    em.getTransactionContext(),
  );
  for (const r of rows) bought.set(r.id, Number(r.qty));
  return bought;
}

/** One PO per preferred supplier for what the order's drop-ship lines still need bought. */
export async function createPurchaseOrdersForSalesOrder(em: EntityManager, viewer: Viewer, salesOrderId: string): Promise<PurchaseOrder[]> {
  const order = await lockSalesOrder(em, salesOrderId, ['salesOrderId']);
  const lines = (await linesOf(em, order)).filter((l) => !l.inventoried && l.product);
  const bought = await onLivePurchaseOrders(em, lines.map((l) => l.id));
  const nothing = checkSomethingToBuy({ number: order.number, status: order.status, lines: lines.map((l) => l.state()) }, (id) => bought.get(id) ?? 0);
  if (nothing.length) fail(...nothing);
  const needs = lines.flatMap((line) => {
    const qty = stillToBuy(line, bought.get(line.id) ?? 0);
    return qty > 0 && line.product ? [{ line, productId: line.product.id, qty }] : [];
  });
  const products = new Map((await em.find(Product, { id: { $in: needs.map((n) => n.productId) } })).map((p) => [p.id, p]));
  const withSupplier = needs.map((n) => ({ ...n, product: products.get(n.productId), supplierId: products.get(n.productId)?.supplier?.id ?? null }));
  const unsourced = checkSuppliersChosen(withSupplier.map((n) => ({ sku: n.product?.sku ?? 'A product', supplierId: n.supplierId })));
  if (unsourced.length) fail(...unsourced);
  const bySupplier = new Map<string, typeof withSupplier>();
  for (const n of withSupplier) if (n.supplierId) bySupplier.set(n.supplierId, [...(bySupplier.get(n.supplierId) ?? []), n]);
  const result: PurchaseOrder[] = [];
  for (const [supplierId, group] of [...bySupplier].sort(([a], [b]) => a.localeCompare(b))) {
    result.push(
      await createPurchaseOrder(em, viewer, {
        supplierId,
        salesOrderId: order.id,
        lines: group.map((n) => ({ productId: n.productId, quantity: n.qty, salesOrderLineId: n.line.id })),
      }),
    );
  }
  return result;
}

async function lockPurchaseOrder(em: EntityManager, id: unknown, field: string[], lock = true): Promise<{ po: PurchaseOrder; lines: PurchaseOrderLine[] }> {
  const po = await mustFind(em, PurchaseOrder, id, field, 'purchase order', lock);
  const lines = await em.find(PurchaseOrderLine, { purchaseOrder: po }, { orderBy: { position: 'asc' }, refresh: true });
  return { po, lines };
}

function purchaseOrderFacts(po: PurchaseOrder, lines: PurchaseOrderLine[]): PurchaseOrderFacts {
  return {
    number: po.number,
    stage: po.stage,
    status: po.status,
    version: po.version,
    hasProject: !!po.project,
    lines: lines.map((l) => ({ id: l.id, productId: l.product.id, quantity: l.quantity, received: l.received, salesOrderLineId: l.salesOrderLine?.id ?? null })),
  };
}

/** The PO's sales order, locked after the PO (the lock order: PO → SO → product), with what its rules read. */
async function linkedOrder(em: EntityManager, po: PurchaseOrder, field: string[], lock = true): Promise<{ order: SalesOrder; lines: SalesOrderLine[]; facts: LinkedOrderFacts } | null> {
  if (!po.salesOrder) return null;
  const order = lock ? await lockSalesOrder(em, po.salesOrder.id, field) : await mustFind(em, SalesOrder, po.salesOrder.id, field, 'sales order');
  const lines = await linesOf(em, order);
  const facts = await salesOrderFacts(em, order, lines);
  // The other purchase orders of the order: this one's stage is what the decision makes it.
  const stages = await em.getConnection().execute<{ stage: PurchaseOrderStage }[]>(
    'select stage from purchase_order where sales_order_id = ? and id <> ?',
    [order.id, po.id],
    'all',
    em.getTransactionContext(),
  );
  return { order, lines, facts: { status: order.status, lines: facts.lines, otherStages: stages.map((s) => s.stage) } };
}

/**
 * Receives quantities on a locked PO: a receipt, stock into on hand for stock lines (`products`
 * locked by the caller), `received` on the sales order lines of drop-ship lines (the caller holds
 * that order's lock).
 */
function receive(
  em: EntityManager,
  po: PurchaseOrder,
  lines: PurchaseOrderLine[],
  quantities: ReadonlyMap<string, number>,
  details: { shipDate: string; trackingNumber?: string | null; actorId: string | null },
  orderLines: SalesOrderLine[],
  products: ReadonlyMap<string, Product>,
): void {
  const receipt = em.create(Receipt, { purchaseOrder: po, shipDate: details.shipDate, trackingNumber: details.trackingNumber ?? null, actor: details.actorId });
  for (const line of lines) {
    const q = quantities.get(line.id);
    if (!q) continue;
    line.received += q;
    em.create(ReceiptLine, { receipt, purchaseOrderLine: line, quantity: q });
    if (line.salesOrderLine) {
      const soLine = orderLines.find((l) => l.id === line.salesOrderLine?.id);
      if (soLine) soLine.received += q;
    } else {
      const product = products.get(line.product.id);
      if (product) moveStock(em, product, q, 'RECEIPT', { documentId: po.id, actorId: details.actorId, reason: `received on ${po.number}` });
    }
  }
}

export async function setPurchaseOrderStage(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  stage: PurchaseOrderStage,
  reason: string | null | undefined,
  expectedVersion: number | null | undefined,
): Promise<PurchaseOrder> {
  const { po, lines } = await lockPurchaseOrder(em, id, ['id']);
  const linked = await linkedOrder(em, po, ['id']);
  const d = decided(decideStageChange(purchaseOrderFacts(po, lines), stage, reason, expectedVersion, linked?.facts ?? null));
  po.stage = stage;
  if (d.shipsNow && !po.shipDate) po.shipDate = todayUtc();
  if (d.receive.size) receive(em, po, lines, d.receive, { shipDate: po.shipDate ?? todayUtc(), actorId: viewer.userId }, linked?.lines ?? [], new Map());
  recordEvents(em, po, d.events, viewer.userId);
  if (linked) enterStatuses(em, linked.order, d.orderStatuses);
  return po;
}

/**
 * What `setPurchaseOrderStage` would do now, from the very decision it runs, or its refusals:
 * nothing is locked or written (the screens confirm a move with it before making it).
 */
export async function previewPurchaseOrderStage(
  em: EntityManager,
  id: string,
  stage: PurchaseOrderStage,
  reason: string | null | undefined,
  expectedVersion: number | null | undefined,
): Promise<{ purchaseOrder: PurchaseOrder; salesOrder: SalesOrder | null; decision: Decision<StageEffect> }> {
  const { po, lines } = await lockPurchaseOrder(em, id, ['id'], false);
  const linked = await linkedOrder(em, po, ['id'], false);
  const d = decideStageChange(purchaseOrderFacts(po, lines), stage, reason, expectedVersion, linked?.facts ?? null);
  const decision: Decision<StageEffect> = d.ok
    ? { ok: true, value: stageChangeEffect({ number: po.number, lines: lines.map((l) => ({ id: l.id, description: l.description })) }, stage, d.value, linked?.order.number ?? null) }
    : d;
  return { purchaseOrder: po, salesOrder: linked?.order ?? null, decision };
}

export async function setPurchaseOrderStatus(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  status: PurchaseOrderStatus,
  expectedVersion: number | null | undefined,
  followUp?: AttachedFollowUp | null,
): Promise<PurchaseOrder> {
  const { po, lines } = await lockPurchaseOrder(em, id, ['id']);
  const d = decided(decideFlag(purchaseOrderFacts(po, lines), status, expectedVersion));
  // A follow-up goes with a flag that changes to PROBLEM or FOLLOW_UP, on a PO of a project.
  let attached: Awaited<ReturnType<typeof checkAttachedFollowUp>> | null = null;
  if (followUp) {
    const flagErrors = checkFlagFollowUp({ status: po.status, hasProject: !!po.project }, status);
    if (flagErrors.length) fail(...flagErrors);
    attached = await checkAttachedFollowUp(em, followUp, flagFollowUpBody(po.number, status), ['followUp']);
    if (attached.errors.length) fail(...attached.errors);
  }
  if (!d.changed) return po;
  po.status = status;
  recordEvents(em, po, d.events, viewer.userId);
  if (d.notify) raiseHandOff(em, { kind: 'PURCHASE_ORDER_PROBLEM', purchaseOrderId: po.id, status, actorId: viewer.userId });
  if (attached && followUp && po.project) {
    const project = await em.findOneOrFail(Project, po.project.id);
    writeFollowUp(em, viewer, { project, purchaseOrder: po, assignee: attached.assignee!, dueOn: followUp.dueOn, body: attached.body });
  }
  return po;
}

export interface Receiving {
  purchaseOrderId: string;
  lines: { purchaseOrderLineId: string; quantity: number }[];
  shipDate?: string | null;
  trackingNumber?: string | null;
}

export async function receivePurchaseOrder(em: EntityManager, viewer: Viewer, input: Receiving): Promise<PurchaseOrder> {
  const field = ['input', 'purchaseOrderId'];
  // The lock order everywhere: PO → SO → product.
  const { po, lines } = await lockPurchaseOrder(em, input.purchaseOrderId, field);
  const linked = await linkedOrder(em, po, field);
  const products = await lockProducts(em, lines.filter((l) => !l.salesOrderLine).map((l) => l.product.id));
  const onHand = new Map([...products].map(([id, p]) => [id, p.onHand]));
  const d = decided(decideReceipt(purchaseOrderFacts(po, lines), input.lines, input.trackingNumber, onHand, linked?.facts ?? null), ['input']);
  if (input.shipDate) po.shipDate = input.shipDate;
  if (input.trackingNumber != null) po.trackingNumber = input.trackingNumber.trim() || null;
  receive(em, po, lines, d.quantities, { shipDate: input.shipDate ?? todayUtc(), trackingNumber: input.trackingNumber, actorId: viewer.userId }, linked?.lines ?? [], products);
  const [received, ...moved] = d.events;
  if (received) recordEvents(em, po, [received], viewer.userId);
  if (d.stageAfter) {
    po.stage = d.stageAfter;
    po.shipDate ??= todayUtc();
    recordEvents(em, po, moved, null);
  }
  if (linked) enterStatuses(em, linked.order, d.orderStatuses);
  return po;
}
