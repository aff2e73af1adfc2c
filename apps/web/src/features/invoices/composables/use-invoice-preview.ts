import type { ErrorLike } from '@apollo/client';
import { computed, onScopeDispose, shallowRef, watch } from 'vue';
import { InvoiceEditPreviewDocument, InvoicePreviewDocument, type InvoiceLineInput, type InvoicePreviewFieldsFragment } from '@/gql/graphql';
import { useApolloClient } from '@/shared/composables/apollo-client';

/** Whose decision to preview: createInvoice on an order, or updateInvoice on an OPEN invoice as last seen. */
export type InvoicePreviewTarget = { salesOrderId: string } | { invoiceId: string; expectedVersion: number };

export interface InvoicePreviewAnswer {
  /** The lines the server previewed, in the order sent: `["input", "lines", i, …]` names the i-th. */
  lines: readonly InvoiceLineInput[];
  /** The deposit to apply the rep named, if any (else the server's default share). */
  depositAppliedCents?: number;
  preview: InvoicePreviewFieldsFragment;
}

/**
 * Asks the server what the invoice would be — its totals, the order's balance right after, or the
 * refusals its mutation would answer — for the lines being typed (debounced; nothing is written).
 * `lines` undefined: nothing to ask yet (a quantity is not a number). Only the newest question's
 * answer counts; `current` is the answer for the lines as they are now, `latest` the last one received.
 */
export function useInvoicePreview(
  target: () => InvoicePreviewTarget,
  lines: () => readonly InvoiceLineInput[] | undefined,
  delayMs = 250,
  depositAppliedCents: () => number | undefined = () => undefined,
) {
  const client = useApolloClient();
  const latest = shallowRef<InvoicePreviewAnswer & { key: string }>();
  const error = shallowRef<ErrorLike>();
  const question = computed(() => {
    const asked = lines();
    const deposit = depositAppliedCents();
    return asked ? { target: target(), lines: [...asked], depositAppliedCents: deposit, key: JSON.stringify([target(), asked, deposit ?? null]) } : undefined;
  });

  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let first = true;

  async function ask(next: NonNullable<typeof question.value>): Promise<void> {
    const sequence = ++asked;
    try {
      const t = next.target;
      const deposit = next.depositAppliedCents === undefined ? {} : { depositAppliedCents: next.depositAppliedCents };
      const preview =
        'invoiceId' in t
          ? (
              await client.query({
                query: InvoiceEditPreviewDocument,
                variables: { input: { invoiceId: t.invoiceId, expectedVersion: t.expectedVersion, lines: next.lines, ...deposit } },
                fetchPolicy: 'no-cache',
              })
            ).data?.invoiceEditPreview
          : (
              await client.query({
                query: InvoicePreviewDocument,
                variables: { input: { salesOrderId: t.salesOrderId, lines: next.lines, ...deposit } },
                fetchPolicy: 'no-cache',
              })
            )
              .data?.invoicePreview;
      if (sequence !== asked || !preview) return;
      error.value = undefined;
      latest.value = { key: next.key, lines: next.lines, depositAppliedCents: next.depositAppliedCents, preview };
    } catch (cause) {
      if (sequence === asked) error.value = cause instanceof Error ? cause : new Error(String(cause));
    }
  }

  watch(
    () => question.value?.key,
    () => {
      clearTimeout(timer);
      error.value = undefined;
      const next = question.value;
      if (!next) return;
      // The first preview at once; while typing, once the typing pauses.
      if (first) {
        first = false;
        void ask(next);
      } else timer = setTimeout(() => void ask(next), delayMs);
    },
    { immediate: true },
  );
  onScopeDispose(() => clearTimeout(timer));

  const current = computed(() => (latest.value && latest.value.key === question.value?.key ? latest.value : undefined));
  return {
    current,
    latest,
    error,
    /** Asked (or about to be) and not answered yet. */
    pending: computed(() => !!question.value && !current.value && !error.value),
    retry: () => {
      if (question.value) void ask(question.value);
    },
  };
}
