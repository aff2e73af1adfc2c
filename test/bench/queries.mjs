// The measured reads, as each server is asked for them. Baton and the two PostGraphile peers answer
// the same data (PostGraphile v5 runs with its v4 preset, so one document serves both peers); the
// floor runs the same SQL without GraphQL. figures() pulls what is compared before measuring: the page's row ids in order, counts and totals.
import { narrowClientId, ORG_ID, overviewProjectId } from './dataset.mjs';

const ALL_STATUSES = ['OPEN', 'SENT_TO_CLIENT', 'EXPORTED', 'PAID', 'VOID'];
export const BROAD = { from: '2024-01-01', to: '2024-12-31' };

const BATON = {
  page: `query Page($filter: InvoicesReportFilter) { invoicesReport(filter: $filter, first: 50) {
    totalCount totals { count subtotalCents taxCents totalCents paidCents } pageInfo { hasNextPage endCursor }
    nodes { id number invoiceDate status subtotalCents taxCents totalCents paidCents client { name } salesOrder { number } } } }`,
  totals: `query Totals($filter: InvoicesReportFilter) { invoicesReport(filter: $filter, first: 1) {
    totals { count subtotalCents taxCents totalCents paidCents } } }`,
  overview: `query Overview($id: ID!) { project(id: $id) { id number name client { id name }
    salesOrders { id number status lines { id quantity cancelled invoiced product { id sku } } }
    purchaseOrders { id number stage status lines { id quantity received } }
    invoices { id number status totalCents lines { id quantity } } } }`,
};

const PEER = {
  page: `query Page($org: UUID!, $client: UUID!) {
    clientInvoices(org: $org, client: $client, first: 50) {
      pageInfo { hasNextPage endCursor }
      nodes { id number invoiceDate status subtotalCents taxCents totalCents paidCents clientByClientId { name } salesOrderBySalesOrderId { number } } }
    clientInvoiceTotals(org: $org, client: $client) { count subtotalCents taxCents totalCents paidCents } }`,
  totals: `query Totals($org: UUID!, $from: Date!, $to: Date!) { invoiceTotalsBetween(org: $org, dateFrom: $from, dateTo: $to) { count subtotalCents taxCents totalCents paidCents } }`,
  overview: `query Overview($id: UUID!) { projectById(id: $id) { id number name clientByClientId { id name }
    salesOrdersByProjectId(orderBy: [CREATED_AT_ASC, ID_ASC]) { nodes { id number status
      salesOrderLinesBySalesOrderId(orderBy: POSITION_ASC) { nodes { id quantity cancelled invoiced productByProductId { id sku } } } } }
    purchaseOrdersByProjectId(orderBy: [CREATED_AT_ASC, ID_ASC]) { nodes { id number stage status
      purchaseOrderLinesByPurchaseOrderId(orderBy: POSITION_ASC) { nodes { id quantity received } } } }
    invoicesByProjectId(orderBy: [CREATED_AT_ASC, ID_ASC]) { nodes { id number status totalCents
      invoiceLinesByInvoiceId(orderBy: POSITION_ASC) { nodes { id quantity } } } } } }`,
};

/** { path, body } of each scenario for each kind of server. */
export function requests(sizes) {
  const client = narrowClientId();
  const project = overviewProjectId(sizes);
  const gql = (query, variables) => ({ path: '/graphql', body: JSON.stringify({ query, variables }) });
  return {
    page: {
      baton: gql(BATON.page, { filter: { clientId: client, statuses: ALL_STATUSES } }),
      peer: gql(PEER.page, { org: ORG_ID, client }),
      floor: { path: '/page', body: JSON.stringify({ params: [ORG_ID, client] }) },
    },
    totals: {
      baton: gql(BATON.totals, { filter: { ...BROAD, statuses: ALL_STATUSES } }),
      peer: gql(PEER.totals, { org: ORG_ID, ...BROAD }),
      floor: { path: '/totals', body: JSON.stringify({ params: [ORG_ID, BROAD.from, BROAD.to] }) },
    },
    overview: {
      baton: gql(BATON.overview, { id: project }),
      peer: gql(PEER.overview, { id: project }),
      floor: { path: '/overview', body: JSON.stringify({ params: [project, ORG_ID] }) },
    },
  };
}

/** The figures that must agree across servers before their speed means anything. */
export function figures(scenario, kind, body) {
  const n = (v) => Number(v);
  if (kind === 'floor') {
    const [rows, totals] = body;
    if (scenario === 'page') return { ids: rows.map((r) => r.id).join(' '), count: n(totals[0].count), total: n(totals[0].total) };
    if (scenario === 'totals') return { count: n(rows[0].count), total: n(rows[0].total) };
    const p = rows[0].project;
    return { salesOrders: p.salesOrders.length, lines: p.salesOrders.flatMap((s) => s.lines).length, purchaseOrders: p.purchaseOrders.length, poLines: p.purchaseOrders.flatMap((s) => s.lines).length, invoices: p.invoices.length };
  }
  if (body.errors) throw new Error(`${kind} ${scenario}: ${JSON.stringify(body.errors).slice(0, 500)}`);
  const d = body.data;
  if (kind === 'baton') {
    const r = d.invoicesReport;
    if (scenario === 'page') return { ids: r.nodes.map((x) => x.id).join(' '), count: r.totals.count, total: r.totals.totalCents };
    if (scenario === 'totals') return { count: r.totals.count, total: r.totals.totalCents };
    const p = d.project;
    return { salesOrders: p.salesOrders.length, lines: p.salesOrders.flatMap((s) => s.lines).length, purchaseOrders: p.purchaseOrders.length, poLines: p.purchaseOrders.flatMap((s) => s.lines).length, invoices: p.invoices.length };
  }
  if (scenario === 'page') return { ids: d.clientInvoices.nodes.map((x) => x.id).join(' '), count: n(d.clientInvoiceTotals.count), total: n(d.clientInvoiceTotals.totalCents) };
  if (scenario === 'totals') return { count: n(d.invoiceTotalsBetween.count), total: n(d.invoiceTotalsBetween.totalCents) };
  const p = d.projectById;
  const so = p.salesOrdersByProjectId.nodes;
  const po = p.purchaseOrdersByProjectId.nodes;
  return { salesOrders: so.length, lines: so.flatMap((s) => s.salesOrderLinesBySalesOrderId.nodes).length, purchaseOrders: po.length, poLines: po.flatMap((s) => s.purchaseOrderLinesByPurchaseOrderId.nodes).length, invoices: p.invoicesByProjectId.nodes.length };
}
