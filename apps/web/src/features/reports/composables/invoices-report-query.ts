import { INVOICE_KIND_LABEL, INVOICE_STATUS_LABEL } from '@baton/domain';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { InvoiceKind, InvoiceStatus, InvoicesReportFilter } from '@/gql/graphql';

/** Every invoice status, in the order the filter offers them (the order of the users' words). */
export const INVOICE_STATUSES = Object.keys(INVOICE_STATUS_LABEL) as readonly InvoiceStatus[];

/** Every kind of invoice, in the order the filter offers them; none named: the API's default. */
export const INVOICE_KINDS = Object.keys(INVOICE_KIND_LABEL) as readonly InvoiceKind[];

/** The invoices report's state as the URL keeps it, so a report can be bookmarked and shared. */
export interface InvoicesReportLocation {
  filter: InvoicesReportFilter;
  /** Keyset cursor of the page shown; absent on the first page. */
  after?: string;
}

function single(value: LocationQuery[string] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Reads the filter from the query string. Values are passed on as typed: a malformed date or id
 * is the API's to refuse (BAD_USER_INPUT), and the page shows that refusal.
 */
export function readInvoicesReportLocation(query: LocationQuery): InvoicesReportLocation {
  const filter: InvoicesReportFilter = {};
  const clientId = single(query.client);
  const projectId = single(query.project);
  const orderRepId = single(query.rep);
  const from = single(query.from);
  const to = single(query.to);
  const search = single(query.q);
  const statuses = single(query.status)
    ?.split(',')
    .map((s) => s.trim())
    .filter((s): s is InvoiceStatus => (INVOICE_STATUSES as readonly string[]).includes(s));
  if (clientId) filter.clientId = clientId;
  if (projectId) filter.projectId = projectId;
  if (orderRepId) filter.orderRepId = orderRepId;
  if (from) filter.from = from;
  if (to) filter.to = to;
  if (search) filter.search = search;
  if (statuses?.length) filter.statuses = statuses;
  const kinds = single(query.kind)
    ?.split(',')
    .map((s) => s.trim())
    .filter((s): s is InvoiceKind => (INVOICE_KINDS as readonly string[]).includes(s));
  if (kinds?.length) filter.kinds = kinds;
  if (single(query.remaining) === '1') filter.withRemainingBalance = true;
  const after = single(query.after);
  return after ? { filter, after } : { filter };
}

/** The query string for a filter (and page); empty values are left out. */
export function invoicesReportQuery(filter: InvoicesReportFilter, after?: string): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (filter.clientId) query.client = filter.clientId;
  if (filter.projectId) query.project = filter.projectId;
  if (filter.orderRepId) query.rep = filter.orderRepId;
  if (filter.from) query.from = filter.from;
  if (filter.to) query.to = filter.to;
  if (filter.search?.trim()) query.q = filter.search.trim();
  const statuses = filter.statuses ?? [];
  if (statuses.length) query.status = statuses.join(',');
  const kinds = filter.kinds ?? [];
  if (kinds.length) query.kind = kinds.join(',');
  if (filter.withRemainingBalance) query.remaining = '1';
  if (after) query.after = after;
  return query;
}

/** Drops empty values, so the variables sent name only the filters in use. */
export function compactInvoicesReportFilter(filter: InvoicesReportFilter): InvoicesReportFilter {
  return readInvoicesReportLocation(invoicesReportQuery(filter) as LocationQuery).filter;
}
