import { checkFlagParts, under, type PurchaseOrderStatus } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../common/viewer.js';
import { fail, UserErrorsException } from '../../common/errors.js';
import type { AttachedFollowUp } from '../follow-up/follow-up.service.js';
import { addNote } from '../note/note.service.js';
import type { Note } from '../note/note.entity.js';
import type { SalesOrder } from '../sales-order/sales-order.entity.js';
import { setSalesOrderStatus } from '../sales-order/sales-order.service.js';
import type { PurchaseOrder } from './purchase-order.entity.js';
import { setPurchaseOrderStatus } from './purchase-order.service.js';

export interface Flagging {
  purchaseOrderId: string;
  status: PurchaseOrderStatus;
  note?: string | null;
  pinned?: boolean | null;
  readyToInvoice?: boolean | null;
  expectedVersion?: number | null;
  followUp?: AttachedFollowUp | null;
}

/** Runs one step, naming the input field its refusals are about (its own paths mean nothing here). */
async function step<T>(field: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // The follow-up's own fields keep their path (input.followUp.assigneeId …).
    if (error instanceof UserErrorsException)
      fail(...error.errors.map((e) => ({ ...e, field: e.field ? (e.field[0] === 'followUp' ? ['input', ...e.field] : ['input', field]) : e.field })));
    throw error;
  }
}

/**
 * Workflow A's step 1 as one decision: flag the PO, tell the reps in a (pinned) note on its project,
 * and hand the sales order to invoicing. Each part follows the rules of its own mutation; the caller's
 * transaction makes it all or nothing, so a refusal of the last part leaves no flag and no note behind.
 */
export async function flagPurchaseOrder(
  em: EntityManager,
  viewer: Viewer,
  input: Flagging,
): Promise<{ purchaseOrder: PurchaseOrder; note: Note | null; salesOrder: SalesOrder | null }> {
  const purchaseOrder = await step('purchaseOrderId', () => setPurchaseOrderStatus(em, viewer, input.purchaseOrderId, input.status, input.expectedVersion, input.followUp));
  const body = input.note ?? '';
  const parts = checkFlagParts(
    { number: purchaseOrder.number, hasProject: !!purchaseOrder.project, hasSalesOrder: !!purchaseOrder.salesOrder },
    { note: body !== '', readyToInvoice: !!input.readyToInvoice },
  );
  if (parts.length) fail(...under(['input'], parts));
  let note: Note | null = null;
  const projectId = purchaseOrder.project?.id;
  if (body !== '' && projectId) {
    note = await step('note', () => addNote(em, viewer, { projectId, body, purchaseOrderId: purchaseOrder.id, pinned: input.pinned ?? true }));
  }
  let salesOrder: SalesOrder | null = null;
  const salesOrderId = purchaseOrder.salesOrder?.id;
  if (input.readyToInvoice && salesOrderId) {
    salesOrder = await step('readyToInvoice', () => setSalesOrderStatus(em, viewer, salesOrderId, 'READY_TO_BE_INVOICED', null, null));
  }
  return { purchaseOrder, note, salesOrder };
}
