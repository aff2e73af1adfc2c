import { defaultChargeTiming, LINE_KIND_LABEL } from '@baton/domain';
import type { ChargeLineInput, ChargeTiming } from '@/gql/graphql';
import { parseCents } from '@/shared/format/money';
import type { ChargeKind } from './sales-order-labels';

/** A charge line (freight, setup, a service) as a rep types it, before it is sent. */
export interface ChargeDraft {
  kind: ChargeKind;
  description: string;
  /** Dollars and cents as typed: "45.00". */
  amount: string;
  taxable: boolean;
  invoiceWith: ChargeTiming;
}

/** A new charge of `kind`: described by its kind's word, taxable, invoiced when that kind is by default. */
export function newChargeDraft(kind: ChargeKind = 'FREIGHT'): ChargeDraft {
  return { kind, description: LINE_KIND_LABEL[kind], amount: '', taxable: true, invoiceWith: defaultChargeTiming(kind) };
}

/**
 * The kind changed: a description still reading as the old kind's word, and the timing of the old
 * kind's default, follow the new kind; what the rep typed or chose stays.
 */
export function changeChargeKind(draft: ChargeDraft, kind: ChargeKind): void {
  if (draft.description.trim() === '' || draft.description === LINE_KIND_LABEL[draft.kind]) draft.description = LINE_KIND_LABEL[kind];
  if (draft.invoiceWith === defaultChargeTiming(draft.kind)) draft.invoiceWith = defaultChargeTiming(kind);
  draft.kind = kind;
}

/** Only the amount's form is checked here (what a charge may be is the server's to say). */
export function chargeAmountError(draft: ChargeDraft): string | undefined {
  const cents = parseCents(draft.amount);
  return cents === undefined || cents < 0 ? 'Enter an amount such as 45.00.' : undefined;
}

/** The input the API takes (one unit at the amount typed), or undefined while the amount is not one. */
export function chargeInput(draft: ChargeDraft): ChargeLineInput | undefined {
  const cents = parseCents(draft.amount);
  if (cents === undefined || cents < 0) return undefined;
  return { kind: draft.kind, description: draft.description.trim(), quantity: 1, unitPriceCents: cents, taxable: draft.taxable, invoiceWith: draft.invoiceWith };
}
