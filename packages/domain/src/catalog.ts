import { checkEmail, checkName } from './accounts.js';
import { allow, ErrorCode, refuse, userError, type Decision, type UserError } from './errors.js';
import { ROLES, Role } from './roles.js';
import { planAdjustment } from './stock.js';
import { MAX_PAYMENT_TERMS_DAYS, MAX_STOCK_LEVEL, MAX_UNIT_CENTS } from './limits.js';

/**
 * Checks for editing the catalog and the users (updateClient, updateSupplier, updateProduct,
 * updateUser). A field left out (undefined) or null where null means "keep" is not checked;
 * `at` is the path prefix of the input (["input"]), so messages land on the right form field.
 */
type Path = readonly string[];
const at = (prefix: Path, field: string): string[] => [...prefix, field];


function prefixed(errors: UserError[], prefix: Path): UserError[] {
  return errors.map((e) => ({ ...e, field: e.field ? [...prefix, ...e.field] : undefined }));
}

/** An e-mail that may be cleared: null or blank clears it, anything else must be an address. */
export function checkOptionalEmailAt(email: string | null | undefined, prefix: Path, field = 'email'): UserError[] {
  if (email == null || email.trim() === '') return [];
  return prefixed(checkEmail(email, field), prefix);
}

export function checkPaymentTerms(days: number, prefix: Path = []): UserError[] {
  return Number.isInteger(days) && days >= 0 && days <= MAX_PAYMENT_TERMS_DAYS
    ? []
    : [userError(ErrorCode.INVALID_INPUT, `Payment terms are 0 to ${MAX_PAYMENT_TERMS_DAYS} days.`, at(prefix, 'paymentTermsDays'))];
}

export interface PartyEdit {
  name?: string | null;
  email?: string | null;
  paymentTermsDays?: number | null;
}

/** A client's or supplier's edited values (suppliers have no payment terms). */
export function checkPartyEdit(edit: PartyEdit, prefix: Path = []): UserError[] {
  const errors: UserError[] = [];
  if (edit.name != null) errors.push(...prefixed(checkName(edit.name, 'name'), prefix));
  errors.push(...checkOptionalEmailAt(edit.email, prefix));
  if (edit.paymentTermsDays != null) errors.push(...checkPaymentTerms(edit.paymentTermsDays, prefix));
  return errors;
}

export interface ProductValues {
  name: string;
  priceCents: number;
  costCents: number;
  minStock: number;
  maxStock: number;
}

/** A product's values after the edit is applied (the same ranges as createProduct). */
export function checkProductValues(values: ProductValues, prefix: Path = []): UserError[] {
  return withRanges(prefixed(checkName(values.name, 'name'), prefix), values, prefix);
}

/** Prices and stock levels in range, and the maximum stock not below the minimum when nothing else is wrong. */
function withRanges(before: UserError[], values: ProductValues, prefix: Path): UserError[] {
  const errors = [...before];
  for (const field of ['priceCents', 'costCents'] as const) {
    const v = values[field];
    if (!Number.isInteger(v) || v < 0 || v > MAX_UNIT_CENTS)
      errors.push(userError(ErrorCode.INVALID_INPUT, 'A price is 0 or more, at most 1,000,000,000.00.', at(prefix, field)));
  }
  for (const field of ['minStock', 'maxStock'] as const) {
    const v = values[field];
    if (!Number.isInteger(v) || v < 0 || v > MAX_STOCK_LEVEL)
      errors.push(userError(ErrorCode.INVALID_INPUT, 'A stock level is a whole number, 0 or more.', at(prefix, field)));
  }
  if (errors.length === 0 && values.maxStock < values.minStock)
    errors.push(userError(ErrorCode.INVALID_INPUT, 'The maximum stock cannot be below the minimum.', at(prefix, 'maxStock')));
  return errors;
}

export interface StockUse {
  inventoried: boolean;
  onHand: number;
  /** lines of this product on open sales orders (not INVOICED or CANCELLED) */
  openSalesOrderLines: number;
  /** lines of this product on open purchase orders (not CLOSED or CANCELLED) */
  openPurchaseOrderLines: number;
}

/**
 * Switching a product between inventoried and drop-ship. Sales order lines keep the kind they were
 * ordered as, stock purchase order lines receive into on hand, and on hand is the sum of a ledger:
 * so the switch is only safe while nothing is in stock and no open order or purchase order holds
 * the product. Otherwise INVALID_TRANSITION, naming what is in the way.
 */
export function planInventoriedChange(use: StockUse, next: boolean, prefix: Path = []): Decision<boolean> {
  if (next === use.inventoried) return allow(next);
  const blockers: string[] = [];
  if (use.onHand !== 0) blockers.push(`${use.onHand} on hand`);
  if (use.openSalesOrderLines > 0) blockers.push(`${use.openSalesOrderLines} line${use.openSalesOrderLines === 1 ? '' : 's'} on open sales orders`);
  if (use.openPurchaseOrderLines > 0)
    blockers.push(`${use.openPurchaseOrderLines} line${use.openPurchaseOrderLines === 1 ? '' : 's'} on open purchase orders`);
  if (blockers.length === 0) return allow(next);
  const becoming = next ? 'inventoried' : 'drop-ship';
  return refuse(
    userError(ErrorCode.INVALID_TRANSITION, `The product cannot become ${becoming} while it has ${blockers.join(', ')}.`, at(prefix, 'inventoried')),
  );
}

export interface UserEdit {
  name?: string | null;
  roles?: readonly Role[] | null;
  active?: boolean | null;
}

/**
 * An ADMIN editing a user. An admin never removes their own ADMIN role nor deactivates themselves,
 * so an organization always keeps an active admin (the one making the change).
 */
export function checkUserEdit(edit: UserEdit, editingSelf: boolean, prefix: Path = []): UserError[] {
  const errors: UserError[] = [];
  if (edit.name != null) errors.push(...prefixed(checkName(edit.name, 'name'), prefix));
  if (edit.roles != null) {
    if (edit.roles.length === 0 || edit.roles.some((r) => !ROLES.includes(r)))
      errors.push(userError(ErrorCode.INVALID_INPUT, 'Give the user at least one role.', at(prefix, 'roles')));
    else if (editingSelf && !edit.roles.includes(Role.ADMIN))
      errors.push(userError(ErrorCode.INVALID_INPUT, 'You cannot remove your own Admin role; ask another admin.', at(prefix, 'roles')));
  }
  if (edit.active === false && editingSelf)
    errors.push(userError(ErrorCode.INVALID_INPUT, 'You cannot deactivate yourself; ask another admin.', at(prefix, 'active')));
  return errors;
}

export interface NewProductValues extends ProductValues {
  sku: string;
}

/** A new product's values: a SKU of 1–64 letters, digits, ".", "-", "_" or "/", and the ranges of checkProductValues. */
export function checkNewProduct(values: NewProductValues): UserError[] {
  const sku = /^[\w.\-/]{1,64}$/.test(values.sku) ? [] : [userError(ErrorCode.INVALID_INPUT, 'A SKU is 1–64 letters, digits, ".", "-", "_" or "/".', ['sku'])];
  return withRanges([...checkName(values.name, 'name'), ...sku], values, []);
}

/** A SKU already in the organization's catalog. */
export function skuTaken(sku: string): UserError {
  return userError(ErrorCode.DUPLICATE, `SKU ${sku} is already in your catalog.`, ['sku']);
}

/** A stock adjustment on a product: the ledger's rules (planAdjustment), and only stocked goods have stock. */
export function decideAdjustment(product: { sku: string; inventoried: boolean; onHand: number }, scheduled: number, quantity: number, reason: string | null | undefined): Decision<number> {
  const plan = planAdjustment({ onHand: product.onHand, scheduled }, quantity, reason);
  if (!plan.ok) return plan;
  if (!product.inventoried) return refuse(userError(ErrorCode.INVALID_INPUT, `${product.sku} is drop-shipped; it has no stock to adjust.`, ['productId']));
  return plan;
}

/** A new client's values: a name, an optional e-mail, payment terms of 0 to 365 days. */
export function checkNewClient(input: { name: string; email?: string | null; paymentTermsDays: number }): UserError[] {
  return [...checkName(input.name, 'name'), ...checkOptionalEmailAt(input.email, []), ...checkPaymentTerms(input.paymentTermsDays)];
}
