import type { StageDecision } from './purchase-order-decisions.js';
import type { PurchaseOrderStage } from './purchase-orders.js';
import { listing, PURCHASE_ORDER_STAGE_LABEL, SALES_ORDER_STATUS_LABEL, unitsOf } from './words.js';

/**
 * What a stage change will do, said before it happens, from the very decision the mutation runs
 * (`decideStageChange`): "This moves PO-1001 to Ready for billing, receives 200 × Classic tee and
 * sets SO-1001 Ready to be invoiced." The confirmation the screens show before a move.
 */
export interface StageEffect {
  /** The sentence a person confirms. */
  summary: string;
  /** Units received per PO line by the move (drop-ship lines, moving through Shipped or Ready for billing). */
  received: { purchaseOrderLineId: string; description: string; quantity: number }[];
  /** The status the sales order ends in, or null when the move leaves it as it is. */
  salesOrderStatusAfter: StageDecision['orderStatuses'][number] | null;
}

export function stageChangeEffect(
  po: { number: string; lines: readonly { id: string; description: string }[] },
  to: PurchaseOrderStage,
  decision: Pick<StageDecision, 'backward' | 'receive' | 'orderStatuses'>,
  salesOrderNumber: string | null,
): StageEffect {
  const received = po.lines.flatMap((l) => {
    const quantity = decision.receive.get(l.id) ?? 0;
    return quantity > 0 ? [{ purchaseOrderLineId: l.id, description: l.description, quantity }] : [];
  });
  const statusAfter = decision.orderStatuses.at(-1) ?? null;
  if (decision.backward)
    return {
      summary: `This moves ${po.number} back to ${PURCHASE_ORDER_STAGE_LABEL[to]}; what was received stays received and ${salesOrderNumber ?? 'no sales order'} is left as it is.`,
      received,
      salesOrderStatusAfter: null,
    };
  const move = to === 'CANCELLED' ? `cancels ${po.number}` : `moves ${po.number} to ${PURCHASE_ORDER_STAGE_LABEL[to]}`;
  const effects = [
    move,
    ...(received.length ? [`receives ${listing(received.map((r) => unitsOf(r.quantity, r.description)))}`] : []),
    ...(statusAfter && salesOrderNumber ? [`sets ${salesOrderNumber} ${SALES_ORDER_STATUS_LABEL[statusAfter]}`] : []),
  ];
  const nothingElse = effects.length === 1 ? '; nothing is received and no sales order changes' : '';
  return { summary: `This ${listing(effects)}${nothingElse}.`, received, salesOrderStatusAfter: statusAfter };
}
