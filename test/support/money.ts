// The money operations of issue 14 through GraphQL (charges, deposits, credit memos, refunds) and
// an order of stocked goods ready to invoice, for the tests under test/api/money.
import { ok, OPS, product, project, type Team } from './workflow.js';

const ERRORS = 'userErrors { code message field }';

export const MONEY_INVOICE = /* GraphQL */ `
  id number kind status subtotalCents taxCents totalCents paidCents depositAppliedCents creditedCents refundedCents balanceCents pdfUrl version
  orderInvoicedAfterCents orderRemainingAfterCents
  lines { id quantity credited unitPriceCents totalCents description salesOrderLine { id } }
  creditedInvoice { id number }
`;

export const MONEY_ORDER = /* GraphQL */ `
  id number status locked totalCents invoicedCents remainingCents subtotalCents taxCents depositPaidCents depositAvailableCents taxRateBasisPoints
  lines { id kind quantity cancelled invoiced remaining readyToInvoice backordered unitPriceCents taxable invoiceWith }
  invoices { id number status totalCents }
  deposits { id number status totalCents paidCents }
`;

export const MONEY = {
  salesOrder: `query($id: ID!) { salesOrder(id: $id) { ${MONEY_ORDER} } }`,
  invoice: `query($id: ID!) { invoice(id: $id) { ${MONEY_INVOICE} } }`,
  createSalesOrder: `mutation($input: CreateSalesOrderInput!) { createSalesOrder(input: $input) { salesOrder { ${MONEY_ORDER} } ${ERRORS} } }`,
  addChargeLine: `mutation($id: ID!, $input: ChargeLineInput!) { addChargeLine(salesOrderId: $id, input: $input) { salesOrder { ${MONEY_ORDER} } ${ERRORS} } }`,
  createInvoice: `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { ${MONEY_INVOICE} } ${ERRORS} } }`,
  updateInvoice: `mutation($input: UpdateInvoiceInput!) { updateInvoice(input: $input) { invoice { ${MONEY_INVOICE} } ${ERRORS} } }`,
  voidInvoice: `mutation($id: ID!, $reason: String!) { voidInvoice(id: $id, reason: $reason) { invoice { ${MONEY_INVOICE} } ${ERRORS} } }`,
  exportInvoices: `mutation($ids: [ID!]!) { exportInvoices(ids: $ids) { invoices { id status } ${ERRORS} } }`,
  recordPayment: `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { invoice { ${MONEY_INVOICE} } ${ERRORS} } }`,
  requestDeposit: `mutation($input: RequestDepositInput!) { requestDeposit(input: $input) { invoice { ${MONEY_INVOICE} } ${ERRORS} } }`,
  createCreditMemo: `mutation($input: CreateCreditMemoInput!) { createCreditMemo(input: $input) { invoice { ${MONEY_INVOICE} } ${ERRORS} } }`,
  recordRefund: `mutation($input: RecordRefundInput!) { recordRefund(input: $input) { invoice { ${MONEY_INVOICE} } ${ERRORS} } }`,
  setSalesOrderStatus: `mutation($id: ID!, $status: SalesOrderStatus!, $reason: String) { setSalesOrderStatus(id: $id, status: $status, reason: $reason) { salesOrder { id status } ${ERRORS} } }`,
} as const;

export interface Charge {
  kind: 'FREIGHT' | 'SETUP' | 'SERVICE';
  description: string;
  quantity?: number;
  unitPriceCents: number;
  taxable?: boolean;
  invoiceWith?: 'FIRST_INVOICE' | 'LAST_INVOICE';
}

/**
 * A sales order of stocked goods, every unit on hand and scheduled (ready to invoice), with its
 * charges; `goods` are (units, unit price) per line.
 */
export async function stockedOrder(t: Team, goods: { units: number; priceCents: number }[], taxRateBasisPoints: number, charges: Charge[] = [], projectId?: string) {
  const prj = projectId ?? (await project(t)).id;
  const products: { id: string; sku: string }[] = [];
  for (const g of goods) {
    const p = await product(t, true, g.priceCents);
    await ok(t, t.purchasing.token, OPS.adjustStock, { id: p.id, q: g.units, reason: 'opening stock' }, 'adjustStock');
    products.push(p);
  }
  const created = await ok(
    t,
    t.order.token,
    MONEY.createSalesOrder,
    { input: { projectId: prj, taxRateBasisPoints, lines: goods.map((g, i) => ({ productId: products[i]!.id, quantity: g.units, unitPriceCents: g.priceCents })), charges } },
    'createSalesOrder',
  );
  await ok(t, t.purchasing.token, OPS.scheduleSalesOrder, { id: created.salesOrder.id }, 'scheduleSalesOrder');
  return { so: created.salesOrder as { id: string; number: string; lines: { id: string; kind: string }[] }, projectId: prj, products };
}

/** round(n × bp / 10 000) half up, in BigInt: the tests' own rounding. */
export const taxOf = (taxable: number, bp: number): number => (taxable <= 0 ? 0 : Number((2n * BigInt(taxable) * BigInt(bp) + 10_000n) / 20_000n));
