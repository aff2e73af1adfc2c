import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ReceivablesAgingDocument, ViewerDocument, type ReceivablesAgingQuery, type ViewerQuery } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockResponse } from '@/shared/testing/mock-apollo-client';
import ReceivablesAgingPage from './ReceivablesAgingPage.vue';

const buckets = (current: number, d30: number, d60: number, d90: number, over: number) => ({
  __typename: 'AgingBuckets' as const,
  currentCents: current,
  days1To30Cents: d30,
  days31To60Cents: d60,
  days61To90Cents: d90,
  over90Cents: over,
  totalCents: current + d30 + d60 + d90 + over,
});

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((wrapper) => wrapper.unmount()));

async function mountPage(path = '/reports/aging') {
  const { client, calls } = createMockApolloClient([
    mockOperation(ReceivablesAgingDocument, (variables): MockResponse<ReceivablesAgingQuery> => ({
      data: {
        receivablesAging: {
          __typename: 'ReceivablesAging',
          asOf: variables.asOf ?? '2026-12-07',
          csvUrl: '/reports/aging.csv',
          totals: buckets(1000, 1500, 0, 3000, 4000),
          rows: [
            {
              __typename: 'AgingRow',
              client: { __typename: 'Client', id: 'c1', name: 'Globex' },
              buckets: buckets(1000, 1500, 0, 3000, 4000),
              invoices: [
                { __typename: 'Invoice', id: 'i1', number: 'INV-1001', dueDate: '2026-06-20', balanceCents: 4000, overdue: true },
                { __typename: 'Invoice', id: 'i2', number: 'INV-1004', dueDate: '2026-12-27', balanceCents: 1000, overdue: false },
              ],
            },
          ],
          refundsOwed: [{ __typename: 'Invoice', id: 'i9', number: 'INV-1009', balanceCents: -2000, client: { __typename: 'Client', id: 'c1', name: 'Globex' } }],
        },
      },
    })),
    mockOperation(ViewerDocument, (): MockResponse<ViewerQuery> => ({
      data: {
        me: { __typename: 'User', id: 'u9', name: 'Alex Accountant', email: 'a@demo.test', handle: 'alex', roles: ['ACCOUNTANT'] },
        organization: { __typename: 'Organization', id: 'o1', name: 'Demo', currency: 'USD' },
      },
    })),
  ]);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/reports/aging', name: 'report-aging', component: ReceivablesAgingPage },
      { path: '/invoices/:id', name: 'invoice', component: { render: () => h('p') } },
    ],
  });
  await router.push(path);
  await router.isReady();
  const wrapper = mount(ReceivablesAgingPage, { global: { plugins: [router], provide: { [apolloClientKey as symbol]: client } } });
  mounted.push(wrapper);
  await vi.waitFor(() => {
    if (!wrapper.find('[data-testid="aging-row"]').exists()) throw new Error('waiting');
  });
  return { wrapper, router, calls };
}

describe('ReceivablesAgingPage', () => {
  it('shows a bar per bucket, each client row with its invoices, the totals, refunds owed apart and the CSV link', async () => {
    const { wrapper } = await mountPage();
    expect(wrapper.findAll('[data-testid="aging-bar"]').map((b) => b.attributes('data-cents'))).toEqual(['1000', '1500', '0', '3000', '4000']);
    expect(wrapper.get('[data-testid="aging-row-total"]').text()).toBe('$95.00');
    expect(wrapper.get('[data-testid="aging-total"]').text()).toBe('$95.00');
    expect(wrapper.get('[data-testid="aging-row"]').text()).toContain('Overdue');
    expect(wrapper.get('[data-testid="aging-refunds"]').text()).toContain('INV-1009');
    expect(wrapper.get('[data-testid="aging-refunds"]').text()).toContain('$20.00 to pay back');
    expect(wrapper.get('[data-testid="aging-csv"]').attributes('href')).toBe('/reports/aging.csv');
  });

  it('takes its date from the URL and puts a new one there', async () => {
    const { wrapper, router, calls } = await mountPage('/reports/aging?asOf=2027-01-31');
    expect(calls.find((c) => c.operationName === 'ReceivablesAging')?.variables).toEqual({ asOf: '2027-01-31' });
    await wrapper.get('[data-testid="aging-as-of"]').setValue('2027-03-01');
    await vi.waitFor(() => {
      if (router.currentRoute.value.query.asOf !== '2027-03-01') throw new Error('waiting');
    });
  });
});
