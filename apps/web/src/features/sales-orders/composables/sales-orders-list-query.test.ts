import { describe, expect, it } from 'vitest';
import type { LocationQuery } from 'vue-router';
import { readSalesOrdersListLocation, salesOrdersListQuery } from './sales-orders-list-query';

describe('the sales orders list in the URL', () => {
  it('keeps every filter and the page, and reads back what it wrote', () => {
    const filter = { clientId: 'c1', projectId: 'p1', repId: 'u1', search: 'SO-10', statuses: ['BACKORDERED' as const, 'OPEN' as const], withRemainingBalance: true };
    const query = salesOrdersListQuery(filter, 'cursor-2');
    expect(query).toEqual({ client: 'c1', project: 'p1', rep: 'u1', q: 'SO-10', status: 'BACKORDERED,OPEN', remaining: '1', after: 'cursor-2' });
    expect(readSalesOrdersListLocation(query as LocationQuery)).toEqual({ filter, after: 'cursor-2' });
  });

  it('leaves out empty values and statuses it does not know', () => {
    expect(salesOrdersListQuery({ search: '  ', statuses: [] })).toEqual({});
    expect(readSalesOrdersListLocation({ status: 'NOPE,INVOICED', q: ' ' })).toEqual({ filter: { statuses: ['INVOICED'] } });
  });
});
