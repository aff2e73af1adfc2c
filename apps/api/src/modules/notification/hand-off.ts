import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The hand-offs that must reach a person (DOMAIN.md, "Notes, mentions, notifications"). Raised by
 * the workflow services inside the transaction that caused them; the Collaboration issue turns
 * each into Notification rows (same transaction) and live delivery after commit. Until then they
 * are only collected here, so the call sites are already in the right places.
 */
export type HandOff =
  | { kind: 'PURCHASE_ORDER_PROBLEM'; purchaseOrderId: string; projectId: string | null; actorId: string | null }
  | { kind: 'READY_TO_INVOICE'; salesOrderId: string; projectId: string; actorId: string | null }
  | { kind: 'SALES_ORDER_SHIPPED'; salesOrderId: string; projectId: string; actorId: string | null };

const raised = new WeakMap<EntityManager, HandOff[]>();

export function raiseHandOff(em: EntityManager, handOff: HandOff): void {
  const list = raised.get(em) ?? [];
  list.push(handOff);
  raised.set(em, list);
}

/** What a transaction raised (tests and, later, the notification writer). */
export function handOffsOf(em: EntityManager): readonly HandOff[] {
  return raised.get(em) ?? [];
}
