import { SALES_ORDER_STATUS_LABEL } from '@baton/domain';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { SalesOrderFilter, SalesOrderStatus } from '@/gql/graphql';

/** Every sales order status, in the order the filter offers them. */
export const SALES_ORDER_STATUSES = Object.keys(SALES_ORDER_STATUS_LABEL) as readonly SalesOrderStatus[];

/** The sales orders list's state as the URL keeps it, so a list can be bookmarked and shared. */
export interface SalesOrdersListLocation {
  filter: SalesOrderFilter;
  /** Keyset cursor of the page shown; absent on the first page. */
  after?: string;
}

function single(value: LocationQuery[string] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

/** Reads the filter from the query string; a malformed id is the API's to refuse, and the page shows that. */
export function readSalesOrdersListLocation(query: LocationQuery): SalesOrdersListLocation {
  const filter: SalesOrderFilter = {};
  const clientId = single(query.client);
  const projectId = single(query.project);
  const repId = single(query.rep);
  const search = single(query.q);
  const statuses = single(query.status)
    ?.split(',')
    .map((s) => s.trim())
    .filter((s): s is SalesOrderStatus => (SALES_ORDER_STATUSES as readonly string[]).includes(s));
  if (clientId) filter.clientId = clientId;
  if (projectId) filter.projectId = projectId;
  if (repId) filter.repId = repId;
  if (search) filter.search = search;
  if (statuses?.length) filter.statuses = statuses;
  if (single(query.remaining) === '1') filter.withRemainingBalance = true;
  const after = single(query.after);
  return after ? { filter, after } : { filter };
}

/** The query string for a filter (and page); empty values are left out. */
export function salesOrdersListQuery(filter: SalesOrderFilter, after?: string): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (filter.clientId) query.client = filter.clientId;
  if (filter.projectId) query.project = filter.projectId;
  if (filter.repId) query.rep = filter.repId;
  if (filter.search?.trim()) query.q = filter.search.trim();
  const statuses = filter.statuses ?? [];
  if (statuses.length) query.status = statuses.join(',');
  if (filter.withRemainingBalance) query.remaining = '1';
  if (after) query.after = after;
  return query;
}
