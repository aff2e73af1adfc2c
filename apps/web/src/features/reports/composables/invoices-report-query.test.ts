import { describe, expect, it } from 'vitest';
import { compactInvoicesReportFilter, invoicesReportQuery, readInvoicesReportLocation } from './invoices-report-query';

describe('invoices report query string', () => {
  it('round-trips every filter and the cursor', () => {
    const filter = {
      clientId: 'c1',
      projectId: 'p1',
      orderRepId: 'r1',
      from: '2026-10-01',
      to: '2026-10-31',
      search: 'SO-1042',
      statuses: ['OPEN' as const, 'VOID' as const],
      kinds: ['STANDARD' as const, 'DEPOSIT' as const],
      withRemainingBalance: true,
    };
    const query = invoicesReportQuery(filter, 'abc');
    expect(query).toEqual({ client: 'c1', project: 'p1', rep: 'r1', from: '2026-10-01', to: '2026-10-31', q: 'SO-1042', status: 'OPEN,VOID', kind: 'STANDARD,DEPOSIT', remaining: '1', after: 'abc' });
    expect(readInvoicesReportLocation(query as Record<string, string>)).toEqual({ filter, after: 'abc' });
  });

  it('leaves out empty values and unknown statuses', () => {
    expect(readInvoicesReportLocation({ client: '', q: '  ', status: 'PAID,BOGUS', remaining: '0' })).toEqual({ filter: { statuses: ['PAID'] } });
    expect(readInvoicesReportLocation({ kind: 'CREDIT_MEMO,REFUND' })).toEqual({ filter: { kinds: ['CREDIT_MEMO'] } });
    expect(compactInvoicesReportFilter({ kinds: [] })).toEqual({});
    expect(compactInvoicesReportFilter({ clientId: '', search: ' x ', statuses: [], withRemainingBalance: false })).toEqual({ search: 'x' });
  });
});
