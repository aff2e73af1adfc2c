import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import {
  InvoicingQueueChangedDocument,
  InvoicingQueueDocument,
  ViewerCanDocument,
  ViewerDocument,
  type InvoicingQueueQuery,
  type ViewerQuery,
} from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockResponse } from '@/shared/testing/mock-apollo-client';
import { allowed, viewerCanAnswer } from '@/shared/testing/permissions';
import InvoicingQueuePage from './InvoicingQueuePage.vue';

type Queued = InvoicingQueueQuery['invoicingQueue'][number];

function queued(n: number, readyCents: number): Queued {
  return {
    __typename: 'SalesOrder',
    id: `so${n}`,
    version: 1,
    number: `SO-100${n}`,
    status: 'BACKORDERED',
    orderDate: '2026-12-01',
    backordered: true,
    remainingCents: readyCents * 2,
    readyToInvoiceCents: readyCents,
    can: { __typename: 'SalesOrderCan', createInvoice: allowed },
    client: { __typename: 'Client', id: 'c1', name: 'Globex' },
    project: { __typename: 'Project', id: 'p1', number: 'PRJ-1001', name: 'Spring promo' },
    lines: [{ __typename: 'SalesOrderLine', id: `l${n}`, kind: 'GOODS', description: 'Ceramic mug', readyToInvoice: 2, backordered: 0 }],
  };
}

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((wrapper) => wrapper.unmount()));

/** mayFollow: what the server answers for viewerCan.followInvoicingQueue. */
async function mountPage(mayFollow: boolean) {
  let fetches = 0;
  const { client, calls } = createMockApolloClient([
    // The second answer is what the queue holds after an order entered it elsewhere.
    mockOperation(InvoicingQueueDocument, (): MockResponse<InvoicingQueueQuery> => ({ data: { invoicingQueue: ++fetches === 1 ? [queued(1, 2000)] : [queued(1, 2000), queued(2, 500)] } })),
    mockOperation(InvoicingQueueChangedDocument, () => ({
      data: { invoicingQueueChanged: { __typename: 'InvoicingQueueChange', inQueue: true, salesOrder: { __typename: 'SalesOrder', id: 'so2', readyToInvoiceCents: 500 } } },
    })),
    mockOperation(ViewerCanDocument, () => (mayFollow ? viewerCanAnswer('followInvoicingQueue') : viewerCanAnswer())),
    mockOperation(ViewerDocument, (): MockResponse<ViewerQuery> => ({
      data: {
        me: { __typename: 'User', id: 'u3', name: 'Ines Invoicing', email: 'i@demo.test', handle: 'ines', roles: ['INVOICING_REP'] },
        organization: { __typename: 'Organization', id: 'o1', name: 'Demo', currency: 'USD' },
      },
    })),
  ]);
  const stub = { render: () => h('p') };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/invoicing', name: 'invoicing-queue', component: InvoicingQueuePage },
      ...['report-invoices', 'sales-order', 'project', 'invoice-new', 'invoice'].map((name) => ({ path: `/${name}/:id?`, name, component: stub })),
    ],
  });
  await router.push('/invoicing');
  await router.isReady();
  const wrapper = mount(InvoicingQueuePage, { global: { plugins: [router], provide: { [apolloClientKey as symbol]: client } } });
  mounted.push(wrapper);
  await vi.waitFor(() => {
    if (!wrapper.find('[data-testid="queue-row"]').exists()) throw new Error('waiting');
  });
  return { wrapper, calls };
}

describe('InvoicingQueuePage', () => {
  it('follows the queue live when the server allows it: a change refetches the list', async () => {
    const { wrapper, calls } = await mountPage(true);
    await vi.waitFor(() => {
      if (wrapper.findAll('[data-testid="queue-row"]').length !== 2) throw new Error('waiting');
    });
    expect(calls.filter((c) => c.operationName === 'InvoicingQueueChanged')).toHaveLength(1);
    expect(wrapper.find('[data-testid="queue-live"]').exists()).toBe(true);
  });

  it('does not subscribe for whom the server refuses it', async () => {
    const { wrapper, calls } = await mountPage(false);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls.some((c) => c.operationName === 'InvoicingQueueChanged')).toBe(false);
    expect(wrapper.find('[data-testid="queue-live"]').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid="queue-row"]')).toHaveLength(1);
  });
});
