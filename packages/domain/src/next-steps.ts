import type { InvoiceKind, InvoiceStatus } from './invoices.js';
import { formatMoney } from './money.js';
import { stageIndex, type PurchaseOrderStage, type PurchaseOrderStatus } from './purchase-orders.js';
import type { LineKind } from './sales-orders.js';
import { count, INVOICE_KIND_LABEL, PURCHASE_ORDER_STAGE_LABEL, PURCHASE_ORDER_STATUS_LABEL, unitsOf } from './words.js';

/**
 * "Your turn": the one next step a viewer has on a record, from the record's state and the
 * permissions the server computed for that viewer (`can`, `nextStages`). It never looks at roles:
 * a step is offered only when the action behind it is allowed, so a viewer with nothing to do gets
 * null and the screens show nothing. Read top to bottom: the first rule that holds is the step.
 */

/** What the step's button does; the screens map it to a page, a dialog or a form. */
export type NextStepAction = 'createInvoice' | 'schedule' | 'createPurchaseOrders' | 'addNote' | 'receive' | 'setStage' | 'send' | 'recordPayment' | 'recordRefund';

export type NextStepRecordKind = 'project' | 'salesOrder' | 'purchaseOrder' | 'invoice';

export interface NextStep {
  /** What stands, in the users' words: "20 × Ceramic mug ready to invoice · $1,298.00". */
  label: string;
  /** The button's words: "Create invoice". */
  actionLabel: string;
  action: NextStepAction;
  /** A second line when it helps ("Only the ready goods are billed; still waiting for goods: 200 × Classic tee."). */
  detail: string | null;
  /** The record the action is on (on a project, one of its orders, POs or invoices). */
  record: { kind: Exclude<NextStepRecordKind, 'project'>; id: string; number: string };
  /** For `setStage`: where to. */
  stage?: PurchaseOrderStage;
}

/** Only `allowed` matters here: a refusal, whatever its code, means this step is not the viewer's. */
export interface MayDo {
  allowed: boolean;
}

export interface SalesOrderStepFacts {
  id: string;
  number: string;
  /** What the ready lines are worth, as the server values it (the order's readyToInvoiceCents). */
  readyToInvoiceCents: number;
  lines: readonly { kind: LineKind; description: string; readyToInvoice: number; backordered: number }[];
  can: { createInvoice: MayDo; schedule?: MayDo; createPurchaseOrders?: MayDo };
}

export interface PurchaseOrderStepFacts {
  id: string;
  number: string;
  stage: PurchaseOrderStage;
  status: PurchaseOrderStatus;
  hasProject: boolean;
  /** Left out where the screen does not have them (a project's list of POs). */
  lines?: readonly { description: string; outstanding: number }[];
  nextStages: readonly PurchaseOrderStage[];
  can: { setStage: MayDo; setStatus: MayDo; receive?: MayDo };
}

export interface InvoiceStepFacts {
  id: string;
  number: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  totalCents: number;
  balanceCents: number;
  can: { send: MayDo; recordPayment: MayDo; recordRefund: MayDo };
}

export interface ProjectStepFacts {
  salesOrders: readonly SalesOrderStepFacts[];
  purchaseOrders: readonly PurchaseOrderStepFacts[];
  invoices: readonly InvoiceStepFacts[];
}

export type NextStepFacts = {
  salesOrder: SalesOrderStepFacts;
  purchaseOrder: PurchaseOrderStepFacts;
  invoice: InvoiceStepFacts;
  project: ProjectStepFacts;
};

/** "20 × Ceramic mug" for one line, "320 units" for several. */
function units(lines: readonly { description: string; n: number }[]): string {
  const some = lines.filter((l) => l.n > 0);
  const [only] = some;
  if (some.length === 1 && only) return unitsOf(only.n, only.description);
  return count(
    some.reduce((sum, l) => sum + l.n, 0),
    'unit',
  );
}

export function salesOrderNextStep(order: SalesOrderStepFacts, currency: string): NextStep | null {
  const record = { kind: 'salesOrder' as const, id: order.id, number: order.number };
  const goods = order.lines.filter((l) => l.kind === 'GOODS');
  if (order.can.createInvoice.allowed) {
    const ready = goods.map((l) => ({ description: l.description, n: l.readyToInvoice }));
    const what = ready.some((l) => l.n > 0) ? units(ready) : 'Charges';
    const waiting = goods.map((l) => ({ description: l.description, n: l.backordered }));
    const backordered = waiting.some((l) => l.n > 0);
    return {
      label: `${what} ready to invoice · ${formatMoney(order.readyToInvoiceCents, currency)}`,
      actionLabel: 'Create invoice',
      action: 'createInvoice',
      detail: backordered ? `Only the ready goods are billed; still waiting for goods: ${units(waiting)}.` : null,
      record,
    };
  }
  if (order.can.schedule?.allowed) {
    const waiting = goods.map((l) => ({ description: l.description, n: l.backordered }));
    return {
      label: waiting.some((l) => l.n > 0) ? `${units(waiting)} backordered; stock on hand can fill some` : 'Stock on hand can fill this order',
      actionLabel: 'Schedule stock',
      action: 'schedule',
      detail: null,
      record,
    };
  }
  if (order.can.createPurchaseOrders?.allowed)
    return { label: 'Drop-ship goods still to buy', actionLabel: 'Create purchase orders', action: 'createPurchaseOrders', detail: null, record };
  return null;
}

/** The next stage forward the viewer may set (never back, never cancelled). */
function nextForward(po: PurchaseOrderStepFacts): PurchaseOrderStage | undefined {
  return po.nextStages.filter((s) => s !== 'CANCELLED' && stageIndex(s) > stageIndex(po.stage)).sort((a, b) => stageIndex(a) - stageIndex(b))[0];
}

export function purchaseOrderNextStep(po: PurchaseOrderStepFacts): NextStep | null {
  const record = { kind: 'purchaseOrder' as const, id: po.id, number: po.number };
  if (po.status !== 'OK' && po.hasProject && po.can.setStatus.allowed)
    return {
      label: `${po.number} flagged ${PURCHASE_ORDER_STATUS_LABEL[po.status]}: tag the reps`,
      actionLabel: 'Add a note',
      action: 'addNote',
      detail: 'A note with @handles tells the order and invoicing reps what can be invoiced now.',
      record,
    };
  const outstanding = (po.lines ?? []).map((l) => ({ description: l.description, n: l.outstanding }));
  if (po.can.receive?.allowed && outstanding.some((l) => l.n > 0))
    return { label: `${units(outstanding)} outstanding on ${po.number}`, actionLabel: 'Receive', action: 'receive', detail: null, record };
  const stage = nextForward(po);
  if (po.can.setStage.allowed && stage)
    return {
      label: `${po.number} is ${PURCHASE_ORDER_STAGE_LABEL[po.stage].toLowerCase()}`,
      actionLabel: `→ ${PURCHASE_ORDER_STAGE_LABEL[stage]}`,
      action: 'setStage',
      detail: null,
      record,
      stage,
    };
  return null;
}

export function invoiceNextStep(invoice: InvoiceStepFacts, currency: string): NextStep | null {
  const record = { kind: 'invoice' as const, id: invoice.id, number: invoice.number };
  const money = (cents: number) => formatMoney(cents, currency);
  if (invoice.status === 'OPEN' && invoice.can.send.allowed)
    return {
      label: `${INVOICE_KIND_LABEL[invoice.kind]} ${invoice.number} ready to send · ${money(invoice.totalCents)}`,
      actionLabel: 'Send',
      action: 'send',
      detail: null,
      record,
    };
  if (invoice.balanceCents < 0 && invoice.can.recordRefund.allowed)
    return { label: `A refund of ${money(-invoice.balanceCents)} is owed on ${invoice.number}`, actionLabel: 'Record refund', action: 'recordRefund', detail: null, record };
  if (invoice.status !== 'OPEN' && invoice.balanceCents > 0 && invoice.can.recordPayment.allowed)
    return { label: `${money(invoice.balanceCents)} still due on ${invoice.number}`, actionLabel: 'Record payment', action: 'recordPayment', detail: null, record };
  return null;
}

/**
 * A project's step: its records' steps, most pressing first — a flagged PO to hand off, an order
 * ready to invoice, an invoice to send, then the rest (payments, receipts, stages, stock, buying).
 */
export function projectNextStep(project: ProjectStepFacts, currency: string): NextStep | null {
  const steps = [
    ...project.purchaseOrders.map(purchaseOrderNextStep),
    ...project.salesOrders.map((o) => salesOrderNextStep(o, currency)),
    ...project.invoices.map((i) => invoiceNextStep(i, currency)),
  ].filter((s): s is NextStep => s !== null);
  const urgency: NextStepAction[] = ['addNote', 'createInvoice', 'send', 'recordRefund', 'recordPayment', 'receive', 'setStage', 'schedule', 'createPurchaseOrders'];
  const first = [...steps].sort((a, b) => urgency.indexOf(a.action) - urgency.indexOf(b.action))[0];
  if (!first) return null;
  // On a project the record is named: "SO-1001: 20 × Ceramic mug ready to invoice · $1,298.00".
  const named = first.label.includes(first.record.number) ? first.label : `${first.record.number}: ${first.label}`;
  const more = steps.length - 1;
  return { ...first, label: named, detail: more > 0 ? [first.detail, `${count(more, 'other step')} on this project.`].filter(Boolean).join(' ') : first.detail };
}

/** The viewer's next step on a record of `kind`, or null when they have nothing to do there. */
export function nextStep<K extends NextStepRecordKind>(kind: K, facts: NextStepFacts[K], currency = 'USD'): NextStep | null {
  switch (kind) {
    case 'salesOrder':
      return salesOrderNextStep(facts as SalesOrderStepFacts, currency);
    case 'purchaseOrder':
      return purchaseOrderNextStep(facts as PurchaseOrderStepFacts);
    case 'invoice':
      return invoiceNextStep(facts as InvoiceStepFacts, currency);
    default:
      return projectNextStep(facts as ProjectStepFacts, currency);
  }
}
