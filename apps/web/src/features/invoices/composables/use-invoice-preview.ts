import { computed } from 'vue';
import { InvoiceEditPreviewDocument, InvoicePreviewDocument, type InvoiceLineInput, type InvoicePreviewFieldsFragment } from '@/gql/graphql';
import { useApolloClient } from '@/shared/composables/apollo-client';
import { useServerPreview, type ServerPreviewAnswer } from '@/shared/composables/use-server-preview';

/** Whose decision to preview: createInvoice on an order, or updateInvoice on an OPEN invoice as last seen. */
export type InvoicePreviewTarget = { salesOrderId: string } | { invoiceId: string; expectedVersion: number };

interface InvoicePreviewQuestion {
  target: InvoicePreviewTarget;
  lines: InvoiceLineInput[];
  depositAppliedCents?: number;
}

export interface InvoicePreviewAnswer {
  key: string;
  /** The lines the server previewed, in the order sent: `["input", "lines", i, …]` names the i-th. */
  lines: readonly InvoiceLineInput[];
  /** The deposit to apply the rep named, if any (else the server's default share). */
  depositAppliedCents?: number;
  preview: InvoicePreviewFieldsFragment;
}

/**
 * Asks the server what the invoice would be — its totals, the deposit it applies, the order's balance
 * right after, or the refusals its mutation would answer — for the lines being typed (debounced;
 * nothing is written). `lines` undefined: nothing to ask yet (a quantity is not a number). Only the
 * newest question's answer counts; `current` is the answer for the lines as they are now, `latest`
 * the last one received.
 */
export function useInvoicePreview(
  target: () => InvoicePreviewTarget,
  lines: () => readonly InvoiceLineInput[] | undefined,
  delayMs = 250,
  depositAppliedCents: () => number | undefined = () => undefined,
) {
  const client = useApolloClient();
  const preview = useServerPreview<InvoicePreviewQuestion, InvoicePreviewFieldsFragment>(
    () => {
      const asked = lines();
      return asked ? { target: target(), lines: [...asked], depositAppliedCents: depositAppliedCents() } : undefined;
    },
    async ({ target: t, lines: asked, depositAppliedCents: deposit }) => {
      const named = deposit === undefined ? {} : { depositAppliedCents: deposit };
      if ('invoiceId' in t) {
        const input = { invoiceId: t.invoiceId, expectedVersion: t.expectedVersion, lines: asked, ...named };
        return (await client.query({ query: InvoiceEditPreviewDocument, variables: { input }, fetchPolicy: 'no-cache' })).data?.invoiceEditPreview;
      }
      const input = { salesOrderId: t.salesOrderId, lines: asked, ...named };
      return (await client.query({ query: InvoicePreviewDocument, variables: { input }, fetchPolicy: 'no-cache' })).data?.invoicePreview;
    },
    delayMs,
  );
  const answerOf = (answered: ServerPreviewAnswer<InvoicePreviewQuestion, InvoicePreviewFieldsFragment> | undefined): InvoicePreviewAnswer | undefined =>
    answered && { key: answered.key, lines: answered.question.lines, depositAppliedCents: answered.question.depositAppliedCents, preview: answered.answer };

  return {
    current: computed(() => answerOf(preview.current.value)),
    latest: computed(() => answerOf(preview.latest.value)),
    error: preview.error,
    /** Asked (or about to be) and not answered yet. */
    pending: preview.pending,
    retry: preview.retry,
  };
}
