import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import {
  InvoicesReportChartDocument,
  InvoicesReportDocument,
  InvoicesReportFilterOptionsDocument,
  ViewerDocument,
  type InvoicesReportChartQuery,
  type InvoicesReportQuery,
  type InvoicesReportQueryVariables,
  type ViewerQuery,
} from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockResponse } from '@/shared/testing/mock-apollo-client';
import InvoicesReportPage from './InvoicesReportPage.vue';

type Report = InvoicesReportQuery['invoicesReport'];
type InvoiceNode = Report['nodes'][number];

function invoice(n: number, overrides: Partial<InvoiceNode> = {}): InvoiceNode {
  return {
    __typename: 'Invoice',
    id: `inv-${n}`,
    number: `INV-${1000 + n}`,
    kind: 'STANDARD',
    invoiceDate: '2026-10-15',
    dueDate: '2026-11-14',
    status: 'OPEN',
    subtotalCents: 100_000,
    taxCents: 8_250,
    totalCents: 108_250,
    paidCents: 0,
    depositAppliedCents: 0,
    creditedCents: 0,
    refundedCents: 0,
    balanceCents: 108_250,
    client: { __typename: 'Client', id: 'client-1', name: 'Acme Events' },
    project: { __typename: 'Project', id: 'project-1', number: 'PRJ-1001' },
    salesOrder: { __typename: 'SalesOrder', id: `so-${n}`, number: `SO-${1000 + n}`, remainingCents: 54_125 },
    ...overrides,
  };
}

function report(nodes: InvoiceNode[], overrides: Partial<Report> = {}): { data: InvoicesReportQuery } {
  return {
    data: {
      invoicesReport: {
        __typename: 'InvoicesReport',
        nodes,
        pageInfo: { __typename: 'PageInfo', endCursor: nodes.length ? 'cursor-after-page-1' : null, hasNextPage: false },
        totalCount: nodes.length,
        totals: {
          __typename: 'InvoiceTotals',
          count: 120,
          subtotalCents: 12_345_600,
          taxCents: 1_018_512,
          totalCents: 13_364_112,
          paidCents: 500_000,
          balanceCents: 12_864_112,
        },
        csvUrl: '/reports/invoices.csv',
        ...overrides,
      },
    },
  };
}

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((wrapper) => wrapper.unmount()));

async function mountPage(respond: (variables: InvoicesReportQueryVariables) => MockResponse<InvoicesReportQuery>, path = '/reports/invoices') {
  const { client, calls } = createMockApolloClient([
    mockOperation(InvoicesReportDocument, respond),
    mockOperation(InvoicesReportChartDocument, (): MockResponse<InvoicesReportChartQuery> => ({
      data: {
        invoicesReport: {
          __typename: 'InvoicesReport',
          nodes: [],
          pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false },
          totalCount: 0,
        },
      },
    })),
    mockOperation(InvoicesReportFilterOptionsDocument, () => ({
      data: {
        clients: [
          { __typename: 'Client', id: 'client-1', name: 'Acme Events' },
          { __typename: 'Client', id: 'client-2', name: 'Bolt Promo' },
        ],
        users: [{ __typename: 'User', id: 'rep-1', name: 'Olive Order' }],
        projects: {
          __typename: 'ProjectConnection',
          nodes: [
            { __typename: 'Project', id: 'project-1', number: 'PRJ-1001', name: 'Gala', client: { __typename: 'Client', id: 'client-1' } },
            { __typename: 'Project', id: 'project-2', number: 'PRJ-1002', name: 'Fair', client: { __typename: 'Client', id: 'client-2' } },
          ],
        },
      },
    })),
    mockOperation(ViewerDocument, (): MockResponse<ViewerQuery> => ({
      data: {
        me: { __typename: 'User', id: 'u1', name: 'Ann Accountant', email: 'a@demo.test', handle: 'ann', roles: ['ACCOUNTANT'] },
        organization: { __typename: 'Organization', id: 'o1', name: 'Demo', currency: 'USD' },
      },
    })),
  ]);
  const stub = { render: () => h('p', 'elsewhere') };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/reports/invoices', name: 'report-invoices', component: InvoicesReportPage },
      { path: '/invoices/:id', name: 'invoice', component: stub },
      { path: '/sales-orders/:id', name: 'sales-order', component: stub },
    ],
  });
  await router.push(path);
  await router.isReady();
  const wrapper = mount(InvoicesReportPage, {
    attachTo: document.body,
    global: { plugins: [router], provide: { [apolloClientKey as symbol]: client } },
  });
  mounted.push(wrapper);
  const reportCalls = () => calls.filter((call) => call.operationName === 'InvoicesReport');
  return { wrapper, router, reportCalls };
}

async function settled(done: () => boolean): Promise<void> {
  await vi.waitFor(() => {
    if (!done()) throw new Error('still waiting for the response');
  });
  await flushPromises();
}

describe('InvoicesReportPage', () => {
  it('sends each filter as InvoicesReportFilter variables, keeps it in the URL and goes back to the first page', async () => {
    const { wrapper, router, reportCalls } = await mountPage(
      (variables) => report([invoice(1)], { pageInfo: { __typename: 'PageInfo', endCursor: `after-${variables.after ?? 'start'}`, hasNextPage: true } }),
      '/reports/invoices?after=cursor-page-3&status=OPEN',
    );
    await settled(() => wrapper.findAll('[data-testid="invoice-row"]').length === 1);
    expect(reportCalls()[0]!.variables).toEqual({ filter: { statuses: ['OPEN'] }, first: 50, after: 'cursor-page-3' });
    await settled(() => wrapper.findAll('select[name="clientId"] option').length === 3);

    await wrapper.find('select[name="clientId"]').setValue('client-2');
    await settled(() => reportCalls().length === 2);
    expect(reportCalls()[1]!.variables).toEqual({ filter: { clientId: 'client-2', statuses: ['OPEN'] }, first: 50, after: null });
    expect(router.currentRoute.value.query).toEqual({ client: 'client-2', status: 'OPEN' });
    // Only the chosen client's projects are offered.
    expect(wrapper.findAll('select[name="projectId"] option').map((o) => o.text())).toEqual(['All projects', 'PRJ-1002 · Fair']);

    await wrapper.find('input[name="from"]').setValue('2026-10-01');
    await wrapper.find('input[name="to"]').setValue('2026-10-31');
    await wrapper.find('select[name="orderRepId"]').setValue('rep-1');
    await wrapper.find('select[name="projectId"]').setValue('project-2');
    await wrapper.find('input[name="statuses"][value="VOID"]').setValue(true);
    await wrapper.find('input[name="withRemainingBalance"]').setValue(true);
    await wrapper.find('input[name="search"]').setValue('  SO-1042 ');
    await wrapper.find('form').trigger('submit');
    await settled(() => router.currentRoute.value.query.q === 'SO-1042');
    await settled(() => reportCalls().at(-1)!.variables.filter?.search === 'SO-1042');

    expect(reportCalls().at(-1)!.variables).toEqual({
      filter: {
        clientId: 'client-2',
        projectId: 'project-2',
        orderRepId: 'rep-1',
        from: '2026-10-01',
        to: '2026-10-31',
        search: 'SO-1042',
        statuses: ['OPEN', 'VOID'],
        withRemainingBalance: true,
      },
      first: 50,
      after: null,
    });
    expect(reportCalls().every((call, index) => index === 0 || call.variables.after === null)).toBe(true);

    // Next page sends the cursor; a filter change afterwards drops it again.
    await wrapper.find('[data-testid="next-page"]').trigger('click');
    await settled(() => reportCalls().at(-1)!.variables.after === 'after-start');
    expect(router.currentRoute.value.query.after).toBe('after-start');
    await wrapper.find('input[name="statuses"][value="VOID"]').setValue(false);
    await settled(() => reportCalls().at(-1)!.variables.after === null);
    expect(reportCalls().at(-1)!.variables.filter?.statuses).toEqual(['OPEN']);
    expect(router.currentRoute.value.query.after).toBeUndefined();
  });

  it('shows rows with their links and the totals of every matching row, formatted', async () => {
    const { wrapper } = await mountPage(() => report([invoice(1), invoice(2, { status: 'PAID', paidCents: 108_250, balanceCents: 0 })]));
    await settled(() => wrapper.find('[data-testid="invoices-totals"]').exists());

    const rows = wrapper.findAll('[data-testid="invoice-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.find('a[href="/invoices/inv-1"]').text()).toBe('INV-1001');
    expect(rows[0]!.find('a[href="/sales-orders/so-1"]').text()).toBe('SO-1001');
    expect(rows[0]!.text()).toContain('Acme Events');
    expect(rows[0]!.text()).toContain('$1,082.50');
    expect(rows[0]!.text()).toContain('$541.25');

    const totals = wrapper.find('[data-testid="invoices-totals"]');
    expect(totals.text()).toContain('Totals of all 120 matching invoices');
    expect(wrapper.find('[data-testid="total-subtotal"]').text()).toBe('$123,456.00');
    expect(wrapper.find('[data-testid="total-tax"]').text()).toBe('$10,185.12');
    expect(wrapper.find('[data-testid="total-total"]').text()).toBe('$133,641.12');
    expect(wrapper.find('[data-testid="total-paid"]').text()).toBe('$5,000.00');
    expect(wrapper.find('[data-testid="total-balance"]').text()).toBe('$128,641.12');
    expect(wrapper.find('[data-testid="invoices-csv"]').attributes('href')).toBe('/reports/invoices.csv');
  });

  it('filters by kind, kept in the URL; none ticked leaves the API its default', async () => {
    const { wrapper, router, reportCalls } = await mountPage(() => report([invoice(1)]), '/reports/invoices?kind=CREDIT_MEMO');
    await settled(() => wrapper.findAll('[data-testid="invoice-row"]').length === 1);
    expect(reportCalls()[0]!.variables.filter).toEqual({ kinds: ['CREDIT_MEMO'] });
    expect((wrapper.find('[data-testid="invoices-kind-CREDIT_MEMO"]').element as HTMLInputElement).checked).toBe(true);

    await wrapper.find('[data-testid="invoices-kind-DEPOSIT"]').setValue(true);
    await settled(() => reportCalls().length === 2);
    // In the order the filter offers them, whatever order they were ticked in.
    expect(reportCalls()[1]!.variables.filter).toEqual({ kinds: ['DEPOSIT', 'CREDIT_MEMO'] });
    expect(router.currentRoute.value.query).toEqual({ kind: 'DEPOSIT,CREDIT_MEMO' });

    await wrapper.find('[data-testid="invoices-kind-DEPOSIT"]').setValue(false);
    await wrapper.find('[data-testid="invoices-kind-CREDIT_MEMO"]').setValue(false);
    await settled(() => router.currentRoute.value.query.kind === undefined);
    await settled(() => reportCalls().at(-1)!.variables.filter?.kinds === undefined);
    expect(reportCalls().at(-1)!.variables.filter).toEqual({});
  });

  it('shows a credit memo’s kind and the deposit applied, credited, refunded and balance of each row', async () => {
    const { wrapper } = await mountPage(() =>
      report([
        invoice(1, { depositAppliedCents: 20_000, creditedCents: 21_650, paidCents: 80_000, refundedCents: 13_400, balanceCents: 0 }),
        invoice(2, { number: 'CM-1001', kind: 'CREDIT_MEMO', subtotalCents: -20_000, taxCents: -1_650, totalCents: -21_650, balanceCents: 0 }),
      ]),
    );
    await settled(() => wrapper.findAll('[data-testid="invoice-row"]').length === 2);
    const [paid, memo] = wrapper.findAll('[data-testid="invoice-row"]');
    expect(paid!.find('[data-testid="invoice-row-kind"]').exists()).toBe(false);
    expect(paid!.get('[data-testid="invoice-row-deposit-applied"]').text()).toBe('$200.00');
    expect(paid!.get('[data-testid="invoice-row-credited"]').text()).toBe('$216.50');
    expect(paid!.get('[data-testid="invoice-row-refunded"]').text()).toBe('$134.00');
    expect(paid!.get('[data-testid="invoice-row-balance"]').text()).toBe('$0.00');
    expect(memo!.get('[data-testid="invoice-row-kind"]').text()).toBe('Credit memo');
    expect(memo!.text()).toContain('-$216.50');
  });

  it('shows the empty state when nothing matches', async () => {
    const { wrapper } = await mountPage(() => report([]));
    await settled(() => wrapper.find('[data-testid="invoices-empty"]').exists());

    expect(wrapper.find('[data-testid="invoices-empty"]').text()).toBe('No invoices match these filters.');
    expect(wrapper.find('[data-testid="invoice-row"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="invoices-totals"]').exists()).toBe(false);
  });

  it('shows a refused filter value as an error state', async () => {
    const { wrapper } = await mountPage(
      () => ({ errors: [{ message: '`from` must be a date (YYYY-MM-DD).', extensions: { code: 'BAD_USER_INPUT' } }] }),
      '/reports/invoices?from=yesterday',
    );
    await settled(() => wrapper.find('[data-testid="invoices-report-error"]').exists());

    expect(wrapper.find('[data-testid="invoices-report-error"]').text()).toContain('`from` must be a date (YYYY-MM-DD).');
    expect(wrapper.find('[data-testid="invoice-row"]').exists()).toBe(false);
  });

  it('says a start after the end under the dates, asks nothing and keeps the results shown', async () => {
    const { wrapper, router, reportCalls } = await mountPage(() => report([invoice(1)]), '/reports/invoices?status=OPEN');
    await settled(() => wrapper.findAll('[data-testid="invoice-row"]').length === 1);
    const asked = reportCalls().length;

    await wrapper.find('input[name="to"]').setValue('2026-10-01');
    await settled(() => router.currentRoute.value.query.to === '2026-10-01');
    await settled(() => reportCalls().length === asked + 1);
    await wrapper.find('input[name="from"]').setValue('2026-10-31');
    await flushPromises();

    const error = wrapper.get('[data-testid="invoices-range-error"]');
    expect(error.text()).toBe('The start date is after the end date.');
    expect(wrapper.get('input[name="to"]').attributes('aria-describedby')).toBe(error.attributes('id'));
    expect(wrapper.get('input[name="from"]').attributes('aria-invalid')).toBe('true');
    expect(reportCalls()).toHaveLength(asked + 1);
    expect(router.currentRoute.value.query.from).toBeUndefined();
    expect(wrapper.findAll('[data-testid="invoice-row"]')).toHaveLength(1);

    await wrapper.find('input[name="from"]').setValue('2026-09-01');
    await settled(() => reportCalls().length === asked + 2);
    expect(wrapper.find('[data-testid="invoices-range-error"]').exists()).toBe(false);
    expect(reportCalls().at(-1)!.variables.filter).toEqual({ statuses: ['OPEN'], from: '2026-09-01', to: '2026-10-01' });
  });

  it('a link with the start after the end shows the message and the report without those dates', async () => {
    const { wrapper, reportCalls } = await mountPage(() => report([invoice(1)]), '/reports/invoices?from=2026-10-31&to=2026-10-01');
    await settled(() => wrapper.findAll('[data-testid="invoice-row"]').length === 1);
    expect(wrapper.get('[data-testid="invoices-range-error"]').text()).toBe('The start date is after the end date.');
    expect(reportCalls().map((call) => call.variables.filter)).toEqual([{ from: null, to: null }]);
  });

  it('keeps the last results on screen when a refresh fails, with the problem and a retry', async () => {
    let fail = false;
    const { wrapper, reportCalls } = await mountPage(() => (fail ? new TypeError('Failed to fetch') : report([invoice(1)])));
    await settled(() => wrapper.findAll('[data-testid="invoice-row"]').length === 1);
    fail = true;
    await wrapper.find('input[name="statuses"][value="VOID"]').setValue(true);
    await settled(() => wrapper.find('[data-testid="invoices-report-refresh-error"]').exists());
    expect(reportCalls().length).toBeGreaterThan(1);
    expect(wrapper.find('[data-testid="invoices-report-refresh-error"]').text()).toContain('The results below are the last ones shown.');
    expect(wrapper.findAll('[data-testid="invoice-row"]')).toHaveLength(1);
    expect(wrapper.find('[data-testid="invoices-report-error"]').exists()).toBe(false);
  });
});
