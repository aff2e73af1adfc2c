import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { SalesOrdersFilterOptionsDocument, SalesOrdersListDocument, ViewerDocument, type SalesOrdersListQuery, type ViewerQuery } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockResponse } from '@/shared/testing/mock-apollo-client';
import SalesOrdersListPage from './SalesOrdersListPage.vue';

type Order = SalesOrdersListQuery['salesOrders']['nodes'][number];
const globex = { __typename: 'Client' as const, id: 'c1', name: 'Globex' };
const project = { __typename: 'Project' as const, id: 'p1', number: 'PRJ-1001', name: 'Spring promo' };

function order(n: number, status: Order['status'], total: number, invoiced: number, ready: number): Order {
  return {
    __typename: 'SalesOrder',
    id: `so${n}`,
    number: `SO-100${n}`,
    status,
    orderDate: '2026-12-01',
    totalCents: total,
    invoicedCents: invoiced,
    remainingCents: total - invoiced,
    readyToInvoiceCents: ready,
    client: globex,
    project,
  };
}

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((wrapper) => wrapper.unmount()));

async function mountPage(path = '/sales-orders') {
  const { client, calls } = createMockApolloClient([
    mockOperation(SalesOrdersListDocument, (): MockResponse<SalesOrdersListQuery> => ({
      data: {
        salesOrders: {
          __typename: 'SalesOrderConnection',
          totalCount: 2,
          csvUrl: '/reports/sales-orders.csv?filter=abc',
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'end' },
          totals: { __typename: 'SalesOrderTotals', count: 2, totalCents: 150000, invoicedCents: 48000, remainingCents: 102000, readyToInvoiceCents: 2000 },
          nodes: [order(2, 'BACKORDERED', 50000, 48000, 2000), order(1, 'OPEN', 100000, 0, 0)],
        },
      },
    })),
    mockOperation(SalesOrdersFilterOptionsDocument, () => ({
      data: { clients: [globex], users: [{ __typename: 'User', id: 'u1', name: 'Oscar Order' }], projects: { __typename: 'ProjectConnection', nodes: [project] } },
    })),
    mockOperation(ViewerDocument, (): MockResponse<ViewerQuery> => ({
      data: {
        me: { __typename: 'User', id: 'u9', name: 'Alex Accountant', email: 'a@demo.test', handle: 'alex', roles: ['ACCOUNTANT'] },
        organization: { __typename: 'Organization', id: 'o1', name: 'Demo', currency: 'USD' },
      },
    })),
  ]);
  const stub = { render: () => h('p') };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/sales-orders', name: 'sales-orders', component: SalesOrdersListPage },
      { path: '/sales-orders/:id', name: 'sales-order', component: stub },
      { path: '/projects/:id', name: 'project', component: stub },
    ],
  });
  await router.push(path);
  await router.isReady();
  const wrapper = mount(SalesOrdersListPage, { global: { plugins: [router], provide: { [apolloClientKey as symbol]: client } } });
  mounted.push(wrapper);
  await vi.waitFor(() => {
    if (wrapper.findAll('[data-testid="sales-order-row"]').length !== 2) throw new Error('waiting');
  });
  return { wrapper, router, calls };
}

describe('SalesOrdersListPage', () => {
  it('lists each order with total, invoiced, remaining and ready, the totals of every match and the CSV link', async () => {
    const { wrapper } = await mountPage();
    const first = wrapper.findAll('[data-testid="sales-order-row"]')[0]!;
    expect(first.text()).toContain('SO-1002');
    expect(first.text()).toContain('$500.00');
    expect(first.get('[data-testid="row-remaining"]').text()).toBe('$20.00');
    expect(wrapper.get('[data-testid="total-remaining"]').text()).toBe('$1,020.00');
    expect(wrapper.get('[data-testid="total-ready"]').text()).toBe('$20.00');
    expect(wrapper.get('[data-testid="sales-orders-csv"]').attributes('href')).toBe('/reports/sales-orders.csv?filter=abc');
  });

  it('reads its filter from the URL and writes a new one there', async () => {
    const { wrapper, router, calls } = await mountPage('/sales-orders?status=BACKORDERED&remaining=1');
    expect(calls.find((c) => c.operationName === 'SalesOrdersList')?.variables.filter).toEqual({ statuses: ['BACKORDERED'], withRemainingBalance: true });
    await wrapper.get('select[name="clientId"]').setValue('c1');
    await vi.waitFor(() => {
      if (router.currentRoute.value.query.client !== 'c1') throw new Error('waiting');
    });
    expect(router.currentRoute.value.query).toEqual({ client: 'c1', status: 'BACKORDERED', remaining: '1' });
  });
});
