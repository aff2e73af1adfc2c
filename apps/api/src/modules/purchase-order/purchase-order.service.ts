import {
  afterPurchaseOrderReadyForBilling,
  afterPurchaseOrderShipped,
  afterPurchaseOrderSubmitted,
  checkStockRoom,
  ErrorCode,
  MAX_QUANTITY,
  MAX_UNIT_CENTS,
  NumberSeries,
  somethingRemains,
  planPurchaseOrderStatusChange,
  planReceipt,
  planStageChange,
  STAGE_ORDER,
  stillToBuy,
  stageIndex,
  todayUtc,
  userError,
  type PurchaseOrderStage,
  type PurchaseOrderStatus,
  type UserError,
} from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../common/viewer.js';
import { checkVersion, fail } from '../../common/errors.js';
import { findManyById, mustFind } from '../../common/lookup.js';
import { must } from '../../common/must.js';
import { recordActivity } from '../activity/activity.service.js';
import { raiseHandOff } from '../notification/hand-off.js';
import { nextNumber } from '../numbering/numbering.service.js';
import { Product } from '../product/product.entity.js';
import { lockProducts, moveStock } from '../product/product.service.js';
import { Project } from '../project/project.entity.js';
import { SalesOrderLine } from '../sales-order/sales-order-line.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { changeStatus, linesOf, lockSalesOrder, purchaseOrderSummary } from '../sales-order/sales-order.state.js';
import { Supplier } from '../supplier/supplier.entity.js';
import { User } from '../user/user.entity.js';
import { PurchaseOrderLine } from './purchase-order-line.entity.js';
import { PurchaseOrder } from './purchase-order.entity.js';
import { Receipt, ReceiptLine } from './receipt.entity.js';

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
  const notFound: UserError[] = input.lines.flatMap((l, i) => [
    ...(products[i] ? [] : [userError(ErrorCode.NOT_FOUND, 'No such product.', f('lines', i, 'productId'))]),
    ...(l.salesOrderLineId != null && !soLines[i] ? [userError(ErrorCode.NOT_FOUND, 'No such sales order line.', f('lines', i, 'salesOrderLineId'))] : []),
  ]);
  if (notFound.length) fail(...notFound);
  const resolved = input.lines.map((l, i) => ({ input: l, product: products[i], soLine: soLines[i] }));

  const errors: UserError[] = [];
  if (input.lines.length === 0 || input.lines.length > 500) errors.push(userError(ErrorCode.INVALID_INPUT, 'A purchase order has 1 to 500 lines.', f('lines')));
  const soIds = new Set(resolved.flatMap((r) => (r.soLine ? [r.soLine.salesOrder.id] : [])));
  if (salesOrder) soIds.add(salesOrder.id);
  if (soIds.size > 1) errors.push(userError(ErrorCode.INVALID_INPUT, 'A purchase order buys for one sales order at most.', f('lines')));
  resolved.forEach(({ input: l, product, soLine }, i) => {
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_QUANTITY)
      errors.push(userError(ErrorCode.INVALID_INPUT, 'A quantity is a whole number from 1 to 1,000,000,000.', f('lines', i, 'quantity')));
    if (l.unitCostCents != null && (!Number.isInteger(l.unitCostCents) || l.unitCostCents < 0 || l.unitCostCents > MAX_UNIT_CENTS))
      errors.push(userError(ErrorCode.INVALID_INPUT, 'A unit cost is 0 or more cents.', f('lines', i, 'unitCostCents')));
    if (soLine && (soLine.inventoried || soLine.product?.id !== product!.id))
      errors.push(userError(ErrorCode.INVALID_INPUT, 'Only a drop-ship line is bought for a sales order line, with that line’s product.', f('lines', i, 'salesOrderLineId')));
  });
  if (errors.length) fail(...errors);

  if (!salesOrder && soIds.size === 1) salesOrder = await em.findOneOrFail(SalesOrder, must([...soIds][0], 'the one sales order id'));
  if (salesOrder && project && salesOrder.project.id !== project.id)
    fail(userError(ErrorCode.INVALID_INPUT, 'That sales order belongs to another project.', f('salesOrderId')));
  project ??= salesOrder ? await salesOrder.project.load() : null;

  const po = em.create(PurchaseOrder, {
    number: await nextNumber(em, viewer.organizationId, NumberSeries.PURCHASE_ORDER),
    supplier,
    project,
    salesOrder,
    productionRep: rep ?? project?.productionRep ?? null,
    inHandsDate: input.inHandsDate ?? null,
  });
  resolved.forEach(({ input: l, product, soLine }, i) =>
    em.create(PurchaseOrderLine, {
      purchaseOrder: po,
      position: i + 1,
      product: product!,
      salesOrderLine: soLine,
      description: soLine?.description ?? product!.name,
      quantity: l.quantity,
      unitCostCents: l.unitCostCents ?? product!.costCents,
    }),
  );
  recordActivity(em, { kind: 'purchase_order.created', message: `${po.number} created for ${supplier.name}`, projectId: project?.id, entityId: po.id, actorId: viewer.userId });
  return po;
}

/** One PO per preferred supplier for what the order's drop-ship lines still need bought. */
export async function createPurchaseOrdersForSalesOrder(em: EntityManager, viewer: Viewer, salesOrderId: string): Promise<PurchaseOrder[]> {
  const order = await lockSalesOrder(em, salesOrderId, ['salesOrderId']);
  const lines = (await linesOf(em, order)).filter((l) => !l.inventoried && l.product);
  const bought = new Map<string, number>();
  if (lines.length) {
    const rows = await em.getConnection().execute<{ id: string; qty: string }[]>(
      `select pl.sales_order_line_id as id, sum(pl.quantity) as qty from purchase_order_line pl
       join purchase_order po on po.id = pl.purchase_order_id
       where pl.sales_order_line_id in (?) and po.stage <> 'CANCELLED' group by pl.sales_order_line_id`,
      [lines.map((l) => l.id)],
      'all',
      em.getTransactionContext(),
    );
    for (const r of rows) bought.set(r.id, Number(r.qty));
  }
  const needs = lines.map((l) => ({ line: l, qty: stillToBuy(l, bought.get(l.id) ?? 0) })).filter((n) => n.qty > 0);
  if (needs.length === 0) fail(userError(ErrorCode.INVALID_INPUT, `Every drop-ship line of ${order.number} is already on a purchase order.`, ['salesOrderId']));
  const products = await em.find(Product, { id: { $in: needs.map((n) => n.line.product!.id) } });
  const byProduct = new Map(products.map((p) => [p.id, p]));
  const noSupplier = needs.filter((n) => !byProduct.get(n.line.product!.id)?.supplier);
  if (noSupplier.length) {
    fail(...noSupplier.map((n) => userError(ErrorCode.INVALID_INPUT, `${byProduct.get(n.line.product!.id)?.sku ?? 'A product'} has no preferred supplier; set one first.`, ['salesOrderId'])));
  }
  const bySupplier = new Map<string, typeof needs>();
  for (const n of needs) {
    const s = byProduct.get(n.line.product!.id)!.supplier!.id;
    bySupplier.set(s, [...(bySupplier.get(s) ?? []), n]);
  }
  const result: PurchaseOrder[] = [];
  for (const [supplierId, group] of [...bySupplier].sort(([a], [b]) => a.localeCompare(b))) {
    result.push(
      await createPurchaseOrder(em, viewer, {
        supplierId,
        salesOrderId: order.id,
        lines: group.map((n) => ({ productId: n.line.product!.id, quantity: n.qty, salesOrderLineId: n.line.id })),
      }),
    );
  }
  return result;
}

async function lockPurchaseOrder(em: EntityManager, id: unknown, field: string[]): Promise<{ po: PurchaseOrder; lines: PurchaseOrderLine[] }> {
  const po = await mustFind(em, PurchaseOrder, id, field, 'purchase order', true);
  const lines = await em.find(PurchaseOrderLine, { purchaseOrder: po }, { orderBy: { position: 'asc' }, refresh: true });
  return { po, lines };
}

/**
 * Receives quantities on a locked PO: a receipt, stock into on hand for stock lines, `received`
 * on the sales order lines of drop-ship lines (the caller holds that order's lock).
 */
async function receive(
  em: EntityManager,
  po: PurchaseOrder,
  lines: PurchaseOrderLine[],
  quantities: Map<string, number>,
  details: { shipDate: string; trackingNumber?: string | null; actorId: string | null },
  orderLines: SalesOrderLine[],
): Promise<void> {
  const receipt = em.create(Receipt, { purchaseOrder: po, shipDate: details.shipDate, trackingNumber: details.trackingNumber ?? null, actor: details.actorId });
  const stockLines = lines.filter((l) => !l.salesOrderLine && quantities.has(l.id));
  const products = await lockProducts(em, stockLines.map((l) => l.product.id));
  const incoming = new Map<string, number>();
  for (const l of stockLines) incoming.set(l.product.id, (incoming.get(l.product.id) ?? 0) + quantities.get(l.id)!);
  for (const [productId, q] of incoming) {
    const room = checkStockRoom(products.get(productId)!.onHand, q, ['input', 'lines']);
    if (!room.ok) fail(...room.errors);
  }
  for (const line of lines) {
    const q = quantities.get(line.id);
    if (!q) continue;
    line.received += q;
    em.create(ReceiptLine, { receipt, purchaseOrderLine: line, quantity: q });
    if (line.salesOrderLine) {
      const soLine = orderLines.find((l) => l.id === line.salesOrderLine!.id);
      if (soLine) soLine.received += q;
    } else {
      moveStock(em, products.get(line.product.id)!, q, 'RECEIPT', { documentId: po.id, actorId: details.actorId, reason: `received on ${po.number}` });
    }
  }
  const units = [...quantities.values()].reduce((a, b) => a + b, 0);
  recordActivity(em, { kind: 'purchase_order.received', message: `${po.number}: ${units} unit${units === 1 ? '' : 's'} received`, projectId: po.project?.id, entityId: po.id, actorId: details.actorId });
}

/** Applies the sales order rules of every stage a PO entered (DOMAIN.md, automatic changes). */
async function applyOrderRules(em: EntityManager, order: SalesOrder, orderLines: SalesOrderLine[], passed: readonly PurchaseOrderStage[]): Promise<void> {
  for (const stage of passed) {
    let to = null;
    if (stage === 'SUBMITTED') to = afterPurchaseOrderSubmitted(order.status);
    if (stage === 'SHIPPED') to = afterPurchaseOrderShipped(order.status, (await purchaseOrderSummary(em, order)).allLiveShipped);
    if (stage === 'READY_FOR_BILLING') to = afterPurchaseOrderReadyForBilling(order.status, somethingRemains(orderLines.map((l) => l.state())));
    if (to) changeStatus(em, order, to, null);
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
  checkVersion(po.version, expectedVersion, 'purchase order');
  if (reason != null && reason.length > 500) fail(userError(ErrorCode.INVALID_INPUT, 'A reason is at most 500 characters.', ['reason']));
  const decision = planStageChange({ stage: po.stage, anyReceived: lines.some((l) => l.received > 0) }, stage, reason);
  if (!decision.ok) fail(...decision.errors);
  const change = decision.value;
  const order = po.salesOrder ? await lockSalesOrder(em, po.salesOrder.id, ['id']) : null;
  const orderLines = order ? await linesOf(em, order) : [];

  po.stage = stage;
  if (change.passed.includes('SHIPPED') && !po.shipDate) po.shipDate = todayUtc();
  recordActivity(em, {
    kind: 'purchase_order.stage_changed',
    message: `${po.number} moved from ${change.from} to ${change.to}${reason?.trim() ? ` (${reason.trim()})` : ''}`,
    projectId: po.project?.id,
    entityId: po.id,
    actorId: viewer.userId,
  });
  if (change.backward) {
    // Received quantities stay received; the sales order is not recomputed (DOMAIN.md).
    return po;
  }
  if (change.receiveDropShip) {
    const outstanding = new Map(lines.filter((l) => l.salesOrderLine && l.quantity > l.received).map((l) => [l.id, l.quantity - l.received]));
    if (outstanding.size) await receive(em, po, lines, outstanding, { shipDate: po.shipDate ?? todayUtc(), actorId: viewer.userId }, orderLines);
  }
  if (order) {
    // A cancelled PO no longer counts: the others may now all have shipped.
    await applyOrderRules(em, order, orderLines, stage === 'CANCELLED' ? ['SHIPPED'] : change.passed);
  }
  return po;
}

export async function setPurchaseOrderStatus(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  status: PurchaseOrderStatus,
  expectedVersion: number | null | undefined,
): Promise<PurchaseOrder> {
  const { po } = await lockPurchaseOrder(em, id, ['id']);
  checkVersion(po.version, expectedVersion, 'purchase order');
  const change = planPurchaseOrderStatusChange(po.status, status);
  if (!change.changed) return po;
  const from = po.status;
  po.status = status;
  recordActivity(em, { kind: 'purchase_order.status_changed', message: `${po.number} flagged ${status} (was ${from})`, projectId: po.project?.id, entityId: po.id, actorId: viewer.userId });
  if (change.notify) raiseHandOff(em, { kind: 'PURCHASE_ORDER_PROBLEM', purchaseOrderId: po.id, status, actorId: viewer.userId });
  return po;
}

export interface Receiving {
  purchaseOrderId: string;
  lines: { purchaseOrderLineId: string; quantity: number }[];
  shipDate?: string | null;
  trackingNumber?: string | null;
}

export async function receivePurchaseOrder(em: EntityManager, viewer: Viewer, input: Receiving): Promise<PurchaseOrder> {
  const { po, lines } = await lockPurchaseOrder(em, input.purchaseOrderId, ['input', 'purchaseOrderId']);
  if (input.trackingNumber != null && input.trackingNumber.length > 100)
    fail(userError(ErrorCode.INVALID_INPUT, 'A tracking number is at most 100 characters.', ['input', 'trackingNumber']));
  const decision = planReceipt(
    po.stage,
    lines.map((l) => ({ id: l.id, quantity: l.quantity, received: l.received })),
    input.lines,
  );
  if (!decision.ok) fail(...decision.errors.map((e) => ({ ...e, field: e.field ? ['input', ...e.field] : undefined })));
  const { quantities, stageAfter } = decision.value;
  const touchesOrder = lines.some((l) => l.salesOrderLine && quantities.has(l.id));
  const order = po.salesOrder && touchesOrder ? await lockSalesOrder(em, po.salesOrder.id, ['input', 'purchaseOrderId']) : null;
  const orderLines = order ? await linesOf(em, order) : [];
  if (input.shipDate) po.shipDate = input.shipDate;
  if (input.trackingNumber != null) po.trackingNumber = input.trackingNumber.trim() || null;
  await receive(em, po, lines, quantities, { shipDate: input.shipDate ?? todayUtc(), trackingNumber: input.trackingNumber, actorId: viewer.userId }, orderLines);
  if (stageAfter) {
    const from = po.stage;
    po.stage = stageAfter;
    po.shipDate ??= todayUtc();
    recordActivity(em, { kind: 'purchase_order.stage_changed', message: `${po.number} moved from ${from} to ${stageAfter} (everything received)`, projectId: po.project?.id, entityId: po.id, actorId: null });
    const so = order ?? (po.salesOrder ? await lockSalesOrder(em, po.salesOrder.id, ['input', 'purchaseOrderId']) : null);
    if (so) await applyOrderRules(em, so, order ? orderLines : await linesOf(em, so), STAGE_ORDER.slice(stageIndex(from) + 1, stageIndex(stageAfter) + 1));
  }
  return po;
}

