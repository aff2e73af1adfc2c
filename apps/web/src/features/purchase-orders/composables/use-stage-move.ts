import type { ErrorLike } from '@apollo/client';
import { SALES_ORDER_STATUS_LABEL, PURCHASE_ORDER_STAGE_LABEL, listing, unitsOf } from '@baton/domain';
import { shallowRef } from 'vue';
import { PurchaseOrderStagePreviewDocument, type PurchaseOrderStage, type PurchaseOrderStagePreviewQuery } from '@/gql/graphql';
import { useApolloClient } from '@/shared/composables/apollo-client';
import { showToast } from '@/shared/composables/use-toast';

export type StagePreview = PurchaseOrderStagePreviewQuery['purchaseOrderStagePreview'];

export interface PendingMove {
  stage: PurchaseOrderStage;
  reason: string | null;
  preview: StagePreview;
}

/** A move the server's dry run says has an effect beyond the stage: goods received, or the order's status. */
export const hasEffect = (preview: StagePreview): boolean => preview.userErrors.length === 0 && (preview.received.length > 0 || preview.salesOrderStatusAfter !== null);

/**
 * Stage moves that show their effect before it happens. `request` asks the server's dry run
 * (`purchaseOrderStagePreview`, the mutation's own decision): a move that would receive goods or
 * change the sales order waits in `pending` for the person to confirm it; any other move (or one the
 * server would refuse, whose refusal the mutation then answers in its usual place) goes ahead at once.
 */
export function useStageMove(purchaseOrder: () => { id: string; number: string; version: number }) {
  const client = useApolloClient();
  const pending = shallowRef<PendingMove>();
  const checking = shallowRef(false);
  const failure = shallowRef<ErrorLike>();

  /** 'confirm' when the move now waits in `pending`; 'go' when the caller makes it now; 'failed' when the dry run could not be asked. */
  async function request(stage: PurchaseOrderStage, reason: string | null): Promise<'confirm' | 'go' | 'failed'> {
    const po = purchaseOrder();
    checking.value = true;
    failure.value = undefined;
    try {
      const result = await client.query({
        query: PurchaseOrderStagePreviewDocument,
        variables: { id: po.id, stage, reason, expectedVersion: po.version },
        fetchPolicy: 'no-cache',
      });
      const preview = result.data?.purchaseOrderStagePreview;
      if (preview && hasEffect(preview)) {
        pending.value = { stage, reason, preview };
        return 'confirm';
      }
      return 'go';
    } catch (error) {
      failure.value = error as ErrorLike;
      return 'failed';
    } finally {
      checking.value = false;
    }
  }

  /** After the move was made: a toast saying what it did, linking the order it changed (or the PO). */
  function announce(stage: PurchaseOrderStage, done: PendingMove | undefined, poLink: boolean): void {
    const po = purchaseOrder();
    const preview = done?.preview;
    const parts = [
      ...(preview?.received.length ? [`${listing(preview.received.map((r) => unitsOf(r.quantity, r.description)))} received`] : []),
      ...(preview?.salesOrder && preview.salesOrderStatusAfter ? [`${preview.salesOrder.number} is ${SALES_ORDER_STATUS_LABEL[preview.salesOrderStatusAfter].toLowerCase()}`] : []),
    ];
    const message = `${po.number} moved to ${PURCHASE_ORDER_STAGE_LABEL[stage]}${parts.length ? `: ${parts.join('; ')}` : ''}.`;
    const link =
      preview?.salesOrder && preview.salesOrderStatusAfter
        ? { to: { name: 'sales-order', params: { id: preview.salesOrder.id } }, label: `Open ${preview.salesOrder.number}` }
        : poLink
          ? { to: { name: 'purchase-order', params: { id: po.id } }, label: `Open ${po.number}` }
          : undefined;
    showToast(message, link);
  }

  return { pending, checking, failure, request, announce };
}
