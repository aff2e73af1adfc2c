import { SALES_ORDER_STATUS_LABEL } from '@baton/domain';
import { stringify } from 'csv-stringify/sync';
import type { Download } from '../common/download-runner.js';
import { must } from '../common/must.js';
import { SALES_ORDERS_ORDER, salesOrdersWhere, type SalesOrdersFilter } from '../modules/sales-order/sales-orders-list.js';
import { csvText, csvTextSql as text } from './csv-cells.js';
import { dec, inline, labelSql, money } from './invoices-csv.js';

const HEADER = ['Sales order', 'Order date', 'Status', 'Client', 'Project', 'Total', 'Invoiced', 'Remaining', 'Ready to invoice'];

/**
 * The sales orders list as CSV for `filter` (the list's own WHERE and order): every matching order,
 * written by PostgreSQL (COPY), then a totals row from the same snapshot. The figures are the
 * sales_order_figures view's, joined on the order and the organization (one grouped pass, hashed).
 */
export function salesOrdersCsv(organizationId: string, filter: SalesOrdersFilter): (download: Download) => Promise<void> {
  const where = salesOrdersWhere(organizationId, filter); // throws BAD_USER_INPUT on bad values
  const figures = 'join sales_order_figures f on f.sales_order_id = so.id and f.organization_id = so.organization_id';
  const rowsSql = inline(
    `select ${text('so.number')}, so.order_date, ${labelSql('so.status', SALES_ORDER_STATUS_LABEL)}, ${text('cc.name')}, ${text('pp.number')},
            ${money('f.total_cents')}, ${money('f.invoiced_cents')}, ${money('f.remaining_cents')}, ${money('f.ready_to_invoice_cents')}
     from ${where.from} ${figures} join client cc on cc.id = so.client_id join project pp on pp.id = so.project_id
     where ${where.sql} order by ${SALES_ORDERS_ORDER}`,
    where.params,
  );
  const totalsSql = inline(
    `select count(*) as count, coalesce(sum(f.total_cents), 0) as total, coalesce(sum(f.invoiced_cents), 0) as invoiced,
            coalesce(sum(f.remaining_cents), 0) as remaining, coalesce(sum(f.ready_to_invoice_cents), 0) as ready
     from ${where.from} ${figures} where ${where.sql}`,
    where.params,
  );
  return async (download) => {
    download.begin('sales-orders.csv', 'text/csv; charset=utf-8');
    await download.write(stringify([HEADER.map(csvText)]));
    await download.copyCsv(rowsSql);
    const t = must((await download.query<Record<'count' | 'total' | 'invoiced' | 'remaining' | 'ready', string>>(totalsSql))[0], 'the totals row');
    const n = Number(t.count);
    download.end(stringify([[csvText(`TOTAL (${n} ${n === 1 ? 'order' : 'orders'})`), '', '', '', '', ...(['total', 'invoiced', 'remaining', 'ready'] as const).map((k) => dec(BigInt(t[k])))]]));
  };
}
