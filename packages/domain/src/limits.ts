/**
 * Every size and range limit the rules enforce, in one place: the API refuses beyond them, the web
 * shows them, the tests walk their edges.
 */
export const LIMITS = {
  /** Names of people, clients, suppliers, products and projects. */
  nameMax: 100,
  emailMax: 254,
  passwordMin: 8,
  passwordMax: 200,
  /** Free-text reasons (void, cancel, a stage moved back) are kept with the record and quoted in the activity log. */
  reasonMax: 500,
  /** Line descriptions. */
  descriptionMax: 500,
  noteBodyMax: 10_000,
  /** A follow-up's text. */
  followUpBodyMax: 2_000,
  /** Payment references. */
  referenceMax: 200,
  trackingNumberMax: 100,
  /** Quantities on any line, and a stock adjustment's size. */
  quantityMax: 1_000_000_000,
  /** 1 billion per unit: anything above is a typo. */
  unitCentsMax: 1_000_000_000_00,
  taxBasisPointsMax: 10_000,
  /** An order's value before tax stays far inside SafeInt, even with 100 % tax on top. */
  orderCentsMax: 1_000_000_000_000_000,
  /** On hand of one product stays within a 32-bit integer with room for what is on order. */
  onHandMax: 1_000_000_000,
  stockLevelMax: 1_000_000_000,
  paymentTermsDaysMax: 365,
  orderLinesMax: 500,
  purchaseOrderLinesMax: 500,
  /** Batches. */
  exportBatchMax: 500,
  scheduleBatchMax: 100,
  sendToMax: 20,
  skuMax: 64,
  /** A postal address: each street line, the city, the region (state, province), the postal code, the country. */
  addressLineMax: 100,
  cityMax: 60,
  regionMax: 60,
  postalCodeMax: 20,
  countryMax: 60,
  /** Remit-to details (a lockbox address, bank or ACH instructions) and terms printed on invoices: a few lines each. */
  remitToMax: 500,
  invoiceTermsMax: 1_000,
  /** Lines of a multi-line text printed on a document. */
  documentTextLinesMax: 8,
} as const;

// The names other modules and the apps already use.
export const MAX_QUANTITY = LIMITS.quantityMax;
export const MAX_UNIT_CENTS = LIMITS.unitCentsMax;
export const MAX_TAX_BASIS_POINTS = LIMITS.taxBasisPointsMax;
export const MAX_ORDER_CENTS = LIMITS.orderCentsMax;
export const MAX_ON_HAND = LIMITS.onHandMax;
export const MAX_STOCK_LEVEL = LIMITS.stockLevelMax;
export const MAX_PAYMENT_TERMS_DAYS = LIMITS.paymentTermsDaysMax;
export const REASON_MAX = LIMITS.reasonMax;
export const NOTE_BODY_MAX = LIMITS.noteBodyMax;

/** A whole number from `min` to `max`. */
export const isWhole = (v: number, min: number, max: number): boolean => Number.isInteger(v) && v >= min && v <= max;

/** 1,000,000,000 — numbers in messages as people write them. */
export const grouped = (n: number): string => n.toLocaleString('en-US');
