// Builds an organization with one user per role and the catalog the workflows need, through the
// public API, and names the GraphQL operations the workflow tests share.
import { signUpOrg, userWithRoles, type TestApp } from './api-app.js';

export const SO_FIELDS = /* GraphQL */ `
  id number status locked version nextStatuses totalCents invoicedCents remainingCents backordered taxRateBasisPoints
  lines { id position description quantity unitPriceCents totalCents cancelled invoiced remaining scheduled shipped readyToInvoice backordered product { id sku onHand } }
  invoices { id number status totalCents }
  purchaseOrders { id number stage status }
`;

export const PO_FIELDS = /* GraphQL */ `
  id number stage status version nextStages shipDate totalCents salesOrder { id status }
  lines { id quantity received outstanding unitCostCents product { id sku } salesOrderLine { id } }
`;

export const INVOICE_FIELDS = /* GraphQL */ `
  id number status invoiceDate dueDate subtotalCents taxCents totalCents paidCents balanceCents version voidReason pdfUrl
  lines { id quantity unitPriceCents totalCents description salesOrderLine { id } }
  salesOrder { id status locked remainingCents }
`;

const ERRORS = 'userErrors { code message field }';

export const OPS = {
  createClient: `mutation($name: String!, $email: String, $terms: Int) { createClient(name: $name, email: $email, paymentTermsDays: $terms) { client { id name email paymentTermsDays } ${ERRORS} } }`,
  createSupplier: `mutation($name: String!) { createSupplier(name: $name) { supplier { id name } ${ERRORS} } }`,
  createProduct: `mutation($sku: String!, $name: String!, $inventoried: Boolean!, $price: SafeInt!, $cost: SafeInt!, $supplierId: ID, $min: Int, $max: Int) {
    createProduct(sku: $sku, name: $name, inventoried: $inventoried, priceCents: $price, costCents: $cost, supplierId: $supplierId, minStock: $min, maxStock: $max) {
      product { id sku name inventoried priceCents costCents onHand committed onOrder available minStock maxStock supplier { id } } ${ERRORS} } }`,
  adjustStock: `mutation($id: ID!, $q: Int!, $reason: String!) { adjustStock(productId: $id, quantity: $q, reason: $reason) { product { id onHand committed onOrder available } ${ERRORS} } }`,
  createProject: `mutation($name: String!, $clientId: ID!, $o: ID!, $p: ID, $i: ID) { createProject(name: $name, clientId: $clientId, orderRepId: $o, productionRepId: $p, invoicingRepId: $i) { project { id number name } ${ERRORS} } }`,
  createSalesOrder: `mutation($input: CreateSalesOrderInput!) { createSalesOrder(input: $input) { salesOrder { ${SO_FIELDS} } ${ERRORS} } }`,
  salesOrder: `query($id: ID!) { salesOrder(id: $id) { ${SO_FIELDS} } }`,
  setSalesOrderStatus: `mutation($id: ID!, $status: SalesOrderStatus!, $reason: String, $v: Int) { setSalesOrderStatus(id: $id, status: $status, reason: $reason, expectedVersion: $v) { salesOrder { ${SO_FIELDS} } ${ERRORS} } }`,
  scheduleSalesOrder: `mutation($id: ID!) { scheduleSalesOrder(id: $id) { salesOrder { ${SO_FIELDS} } ${ERRORS} } }`,
  scheduleSalesOrders: `mutation($ids: [ID!]!) { scheduleSalesOrders(ids: $ids) { salesOrders { ${SO_FIELDS} } ${ERRORS} } }`,
  cancelQuantity: `mutation($lineId: ID!, $q: Int!, $reason: String!) { cancelSalesOrderQuantity(lineId: $lineId, quantity: $q, reason: $reason) { salesOrder { ${SO_FIELDS} } ${ERRORS} } }`,
  createPurchaseOrder: `mutation($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { purchaseOrder { ${PO_FIELDS} } ${ERRORS} } }`,
  createPurchaseOrdersForSalesOrder: `mutation($id: ID!) { createPurchaseOrdersForSalesOrder(salesOrderId: $id) { purchaseOrders { ${PO_FIELDS} supplier { id } } ${ERRORS} } }`,
  purchaseOrder: `query($id: ID!) { purchaseOrder(id: $id) { ${PO_FIELDS} } }`,
  setStage: `mutation($id: ID!, $stage: PurchaseOrderStage!, $reason: String, $v: Int) { setPurchaseOrderStage(id: $id, stage: $stage, reason: $reason, expectedVersion: $v) { purchaseOrder { ${PO_FIELDS} } ${ERRORS} } }`,
  setPoStatus: `mutation($id: ID!, $status: PurchaseOrderStatus!, $v: Int) { setPurchaseOrderStatus(id: $id, status: $status, expectedVersion: $v) { purchaseOrder { ${PO_FIELDS} } ${ERRORS} } }`,
  receive: `mutation($input: ReceivePurchaseOrderInput!) { receivePurchaseOrder(input: $input) { purchaseOrder { ${PO_FIELDS} } ${ERRORS} } }`,
  createInvoice: `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { ${INVOICE_FIELDS} } ${ERRORS} } }`,
  updateInvoice: `mutation($input: UpdateInvoiceInput!) { updateInvoice(input: $input) { invoice { ${INVOICE_FIELDS} } ${ERRORS} } }`,
  invoice: `query($id: ID!) { invoice(id: $id) { ${INVOICE_FIELDS} } }`,
  exportInvoices: `mutation($ids: [ID!]!) { exportInvoices(ids: $ids) { invoices { id status } ${ERRORS} } }`,
  recordPayment: `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { invoice { ${INVOICE_FIELDS} } ${ERRORS} } }`,
  voidInvoice: `mutation($id: ID!, $reason: String!) { voidInvoice(id: $id, reason: $reason) { invoice { ${INVOICE_FIELDS} } ${ERRORS} } }`,
  activity: `query($id: ID!) { project(id: $id) { activity(first: 100) { nodes { kind message actor { id } } } } }`,
} as const;

export type Team = Awaited<ReturnType<typeof team>>;

/** An organization with one signed-in user per role, a client and a supplier. */
export async function team(app: TestApp, name = 'Acme Promo') {
  const admin = await signUpOrg(app, name);
  const [order, production, invoicing, accountant, purchasing] = await Promise.all([
    userWithRoles(app, admin.token, ['ORDER_REP'], 'Oscar Order'),
    userWithRoles(app, admin.token, ['PRODUCTION_REP'], 'Priya Production'),
    userWithRoles(app, admin.token, ['INVOICING_REP'], 'Ines Invoicing'),
    userWithRoles(app, admin.token, ['ACCOUNTANT'], 'Alex Accountant'),
    userWithRoles(app, admin.token, ['PURCHASING'], 'Pat Purchasing'),
  ]);
  const t = { app, admin, order, production, invoicing, accountant, purchasing };
  const client = await ok(t, admin.token, OPS.createClient, { name: 'Globex', email: 'ap@globex.example', terms: 30 }, 'createClient');
  const supplier = await ok(t, admin.token, OPS.createSupplier, { name: 'Mugs & Co' }, 'createSupplier');
  return { ...t, clientId: client.client.id as string, supplierId: supplier.supplier.id as string };
}

/** Runs a mutation that must succeed and returns its payload. */
export async function ok(t: { app: TestApp }, token: string, op: string, variables: Record<string, unknown>, field: string) {
  const r = await t.app.gql(op, variables, { token });
  if (r.errors) throw new Error(`${field}: ${JSON.stringify(r.errors)}`);
  const payload = r.data[field];
  if (payload.userErrors?.length) throw new Error(`${field} refused: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

/** Runs a mutation that must be refused; returns the codes. */
export async function refused(t: { app: TestApp }, token: string, op: string, variables: Record<string, unknown>, field: string): Promise<string[]> {
  const r = await t.app.gql(op, variables, { token });
  if (r.errors) return r.errors.map((e) => e.extensions?.code ?? 'ERROR');
  return r.data[field].userErrors.map((e: { code: string }) => e.code);
}

let sku = 0;
export async function product(t: Team, inventoried: boolean, priceCents: number, extra: Record<string, unknown> = {}) {
  const p = await ok(
    t,
    t.admin.token,
    OPS.createProduct,
    { sku: `SKU-${process.pid}-${++sku}`, name: `Product ${sku}`, inventoried, price: priceCents, cost: Math.floor(priceCents / 2), supplierId: t.supplierId, ...extra },
    'createProduct',
  );
  return p.product as { id: string; sku: string };
}

export async function project(t: Team) {
  const p = await ok(t, t.order.token, OPS.createProject, { name: 'Spring promo', clientId: t.clientId, o: t.order.userId, p: t.production.userId, i: t.invoicing.userId }, 'createProject');
  return p.project as { id: string; number: string };
}

export async function salesOrder(t: Team, projectId: string, lines: { productId: string; quantity: number }[], taxRateBasisPoints = 0) {
  const r = await ok(t, t.order.token, OPS.createSalesOrder, { input: { projectId, taxRateBasisPoints, lines } }, 'createSalesOrder');
  return r.salesOrder;
}
