import { ADDRESS_PARTS, type AddressPart } from '@baton/domain';

/** The parts of an address as a form edits them: text for each, empty where the server has none. */
export type AddressDraft = Record<AddressPart, string>;

export function addressDraft(address: Partial<Record<AddressPart, string | null>> | null | undefined): AddressDraft {
  return Object.fromEntries(ADDRESS_PARTS.map((part) => [part, address?.[part] ?? ''])) as AddressDraft;
}

/** What the API takes (PostalAddressInput): every part, blank ones null, which the server clears. */
export function addressInput(draft: AddressDraft): Record<AddressPart, string | null> {
  return Object.fromEntries(ADDRESS_PARTS.map((part) => [part, draft[part].trim() || null])) as Record<AddressPart, string | null>;
}

/** The user-error field names of an address under `field` ("billingAddress.city", …). */
export const addressErrorFields = (field: string): string[] => ADDRESS_PARTS.map((part) => `${field}.${part}`);
