import { ErrorCode, userError, type UserError } from './errors.js';
import { LIMITS } from './limits.js';

/**
 * Postal addresses of the organization and of clients, as an invoice prints them (DOMAIN.md,
 * "Documents"): two street lines, the city, the region (state or province), the postal code and the
 * country, each optional. An address whose parts are all blank is no address (null).
 */
export interface PostalAddress {
  line1: string | null;
  line2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}

export type AddressPart = keyof PostalAddress;
export const ADDRESS_PARTS: readonly AddressPart[] = ['line1', 'line2', 'city', 'region', 'postalCode', 'country'];

/** Each part's name in the users' words, and its longest length. */
export const ADDRESS_PART_LABEL: Record<AddressPart, string> = {
  line1: 'Street address',
  line2: 'Address line 2',
  city: 'City',
  region: 'State or region',
  postalCode: 'Postal code',
  country: 'Country',
};
const ADDRESS_PART_MAX: Record<AddressPart, number> = {
  line1: LIMITS.addressLineMax,
  line2: LIMITS.addressLineMax,
  city: LIMITS.cityMax,
  region: LIMITS.regionMax,
  postalCode: LIMITS.postalCodeMax,
  country: LIMITS.countryMax,
};

export type AddressInput = Partial<Record<AddressPart, string | null | undefined>>;

/** One line of text: trimmed, inner runs of spaces and line breaks made one space. */
const oneLine = (value: string | null | undefined): string => (value ?? '').replace(/\s+/g, ' ').trim();

/**
 * Each part trimmed to one line, blanks as null; null when every part is blank (the address is
 * cleared). What is stored is what this returns.
 */
export function normalizeAddress(input: AddressInput | null | undefined): PostalAddress | null {
  if (!input) return null;
  const address = Object.fromEntries(ADDRESS_PARTS.map((part) => [part, oneLine(input[part]) || null])) as unknown as PostalAddress;
  return ADDRESS_PARTS.some((part) => address[part] !== null) ? address : null;
}

/** Each part within its length ("City is at most 60 characters."), the field path under `prefix`. */
export function checkAddress(input: AddressInput | null | undefined, prefix: readonly string[]): UserError[] {
  if (!input) return [];
  return ADDRESS_PARTS.flatMap((part) => {
    const max = ADDRESS_PART_MAX[part];
    return oneLine(input[part]).length > max ? [userError(ErrorCode.INVALID_INPUT, `${ADDRESS_PART_LABEL[part]} is at most ${max} characters.`, [...prefix, part])] : [];
  });
}

/**
 * The address as printed, one line each: "500 Market St", "Suite 200", "Springfield, IL 62701",
 * "United States". Parts left out leave no gap.
 */
export function addressLines(address: PostalAddress | null | undefined): string[] {
  if (!address) return [];
  const regionAndCode = [address.region, address.postalCode].filter(Boolean).join(' ');
  const cityLine = [address.city, regionAndCode].filter(Boolean).join(', ');
  return [address.line1, address.line2, cityLine, address.country].filter((line): line is string => Boolean(line));
}

/**
 * A multi-line text printed on a document (remit-to details, invoice terms): each line trimmed, blank
 * lines at either end and runs of blank lines dropped; null when nothing is left.
 */
export function normalizeDocumentText(value: string | null | undefined): string | null {
  const lines = (value ?? '').replace(/\r\n?/g, '\n').split('\n').map((line) => line.replace(/[\t ]+/g, ' ').trim());
  const kept = lines.filter((line, i) => line !== '' || (i > 0 && lines[i - 1] !== ''));
  while (kept.length && kept[kept.length - 1] === '') kept.pop();
  return kept.length ? kept.join('\n') : null;
}

/** At most `max` characters and a few lines: it is printed on every invoice. */
export function checkDocumentText(value: string | null | undefined, what: string, max: number, field: readonly string[]): UserError[] {
  const text = normalizeDocumentText(value);
  if (text === null) return [];
  if (text.length > max) return [userError(ErrorCode.INVALID_INPUT, `${what} is at most ${max.toLocaleString('en-US')} characters.`, field)];
  if (text.split('\n').length > LIMITS.documentTextLinesMax) return [userError(ErrorCode.INVALID_INPUT, `${what} is at most ${LIMITS.documentTextLinesMax} lines.`, field)];
  return [];
}

/** The organization's settings as edited (updateOrganization): fields left out keep their value. */
export interface OrganizationEdit {
  name?: string | null;
  address?: AddressInput | null;
  remitTo?: string | null;
  invoiceTerms?: string | null;
}

export function checkOrganizationEdit(edit: OrganizationEdit, prefix: readonly string[] = []): UserError[] {
  const errors: UserError[] = [];
  if (edit.name != null) {
    const name = edit.name.trim();
    if (name === '') errors.push(userError(ErrorCode.INVALID_INPUT, 'Name must not be empty.', [...prefix, 'name']));
    else if (name.length > LIMITS.nameMax) errors.push(userError(ErrorCode.INVALID_INPUT, `Name must be at most ${LIMITS.nameMax} characters.`, [...prefix, 'name']));
  }
  errors.push(...checkAddress(edit.address, [...prefix, 'address']));
  errors.push(...checkDocumentText(edit.remitTo, 'Remit-to', LIMITS.remitToMax, [...prefix, 'remitTo']));
  errors.push(...checkDocumentText(edit.invoiceTerms, 'Invoice terms', LIMITS.invoiceTermsMax, [...prefix, 'invoiceTerms']));
  return errors;
}

/** The same address, part by part (stored jsonb keeps its own key order). */
export function sameAddress(a: PostalAddress | null | undefined, b: PostalAddress | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return ADDRESS_PARTS.every((part) => (a[part] ?? null) === (b[part] ?? null));
}
