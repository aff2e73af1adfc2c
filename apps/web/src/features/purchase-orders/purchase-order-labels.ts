import { PURCHASE_ORDER_STAGE_LABEL, PURCHASE_ORDER_STATUS_LABEL, stageIndex } from '@baton/domain';
import type { PurchaseOrderStage, PurchaseOrderStatus } from '@/gql/graphql';

// The users' words come from @baton/domain; these only list them in the order people read them.

/** Every stage in the order they run, Cancelled last: for filters. */
export const PURCHASE_ORDER_STAGES = Object.keys(PURCHASE_ORDER_STAGE_LABEL) as PurchaseOrderStage[];

/** OK, Problem, Follow up. */
export const PURCHASE_ORDER_STATUSES = Object.keys(PURCHASE_ORDER_STATUS_LABEL) as PurchaseOrderStatus[];

/**
 * Display order only — which moves the viewer may make comes from the server (`nextStages`), and
 * whether a move needs a reason from its answer: `to` comes after `from` on the forward path.
 */
export function isLaterStage(from: PurchaseOrderStage, to: PurchaseOrderStage): boolean {
  return to !== 'CANCELLED' && stageIndex(to) > stageIndex(from);
}
