import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import {
  CreateReorderPurchaseOrderDocument,
  InventoryReorderReportDocument,
  ReportSuppliersDocument,
  ViewerCanDocument,
  ViewerDocument,
  type ViewerQuery,
  type CreateReorderPurchaseOrderMutation,
  type InventoryReorderReportQuery,
} from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockResponse } from '@/shared/testing/mock-apollo-client';
import { viewerCanAnswer } from '@/shared/testing/permissions';
import ReorderReportPage from './ReorderReportPage.vue';

type Row = InventoryReorderReportQuery['inventoryReorderReport'][number];
const supplierA = { __typename: 'Supplier' as const, id: 'sup-a', name: 'Widget Works' };
const supplierB = { __typename: 'Supplier' as const, id: 'sup-b', name: 'Bolt Barn' };

function row(n: number, supplier: typeof supplierA | null, suggestedQuantity: number): Row {
  return {
    __typename: 'ReorderRow',
    product: { __typename: 'Product', id: `p${n}`, sku: `SKU-${n}`, name: `Product ${n}`, supplier },
    onHand: 5,
    committed: 0,
    onOrder: 0,
    available: 5,
    minStock: 10,
    maxStock: 5 + suggestedQuantity,
    suggestedQuantity,
  };
}

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((wrapper) => wrapper.unmount()));

/** mayBuy: what the server answers for viewerCan.createPurchaseOrder. */
async function mountPage(mayBuy = true) {
  let made = 0;
  const { client, calls } = createMockApolloClient([
    mockOperation(InventoryReorderReportDocument, (): MockResponse<InventoryReorderReportQuery> => ({
      data: { inventoryReorderReport: [row(1, supplierA, 40), row(2, supplierB, 100), row(3, supplierA, 7), row(4, null, 12)] },
    })),
    mockOperation(ViewerDocument, (): MockResponse<ViewerQuery> => ({
      data: {
        me: { __typename: 'User', id: 'u1', name: 'Pat Purchasing', email: 'p@demo.test', handle: 'pat', roles: ['PURCHASING'] },
        organization: { __typename: 'Organization', id: 'o1', name: 'Demo', currency: 'USD' },
      },
    })),
    mockOperation(ViewerCanDocument, () => (mayBuy ? viewerCanAnswer('createPurchaseOrder') : viewerCanAnswer())),
    mockOperation(ReportSuppliersDocument, () => ({ data: { suppliers: [supplierA, supplierB] } })),
    mockOperation(CreateReorderPurchaseOrderDocument, (variables): MockResponse<CreateReorderPurchaseOrderMutation> => {
      made += 1;
      const supplier = variables.input.supplierId === 'sup-a' ? supplierA : supplierB;
      return {
        data: {
          createPurchaseOrder: {
            __typename: 'PurchaseOrderPayload',
            purchaseOrder: { __typename: 'PurchaseOrder', id: `po-${made}`, number: `PO-100${made}`, supplier },
            userErrors: [],
          },
        },
      };
    }),
  ]);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/reports/reorder', name: 'report-reorder', component: ReorderReportPage },
      { path: '/purchase-orders/:id', name: 'purchase-order', component: { render: () => h('p', 'PO') } },
    ],
  });
  await router.push('/reports/reorder');
  await router.isReady();
  const wrapper = mount(ReorderReportPage, { attachTo: document.body, global: { plugins: [router], provide: { [apolloClientKey as symbol]: client } } });
  mounted.push(wrapper);
  await vi.waitFor(() => {
    if (wrapper.findAll('[data-testid="reorder-row"]').length !== 4) throw new Error('waiting');
    if (mayBuy && wrapper.findAll('[data-testid="reorder-select"]').length !== 4) throw new Error('waiting');
    if (!mayBuy && !wrapper.find('[data-testid="reorder-buy-reason"]').exists()) throw new Error('waiting');
  });
  const mutations = () => calls.filter((call) => call.operationName === 'CreateReorderPurchaseOrder');
  return { wrapper, router, mutations };
}

describe('ReorderReportPage', () => {
  it('creates one purchase order for the selected rows of a supplier, with the quantities to buy, and opens it', async () => {
    const { wrapper, router, mutations } = await mountPage();
    const boxes = wrapper.findAll('[data-testid="reorder-select"]');
    expect(boxes[3]!.attributes('disabled')).toBeDefined(); // no supplier to buy from
    await boxes[0]!.setValue(true);
    await boxes[2]!.setValue(true);
    await wrapper.find('input[aria-label="Quantity of SKU-3 to buy"]').setValue('9');
    await wrapper.find('[data-testid="reorder-create"]').trigger('click');
    await vi.waitFor(() => {
      if (router.currentRoute.value.name !== 'purchase-order') throw new Error('waiting');
    });

    expect(mutations().map((call) => call.variables)).toEqual([
      { input: { supplierId: 'sup-a', lines: [{ productId: 'p1', quantity: 40 }, { productId: 'p3', quantity: 9 }] } },
    ]);
    expect(router.currentRoute.value.params.id).toBe('po-1');
  });

  it('makes one purchase order per supplier and lists them', async () => {
    const { wrapper, router, mutations } = await mountPage();
    await wrapper.find('[data-testid="reorder-select-all"]').setValue(true);
    expect(wrapper.find('[data-testid="reorder-create"]').text()).toBe('Create 2 purchase orders');
    await wrapper.find('[data-testid="reorder-create"]').trigger('click');
    await vi.waitFor(() => {
      if (!wrapper.find('[data-testid="reorder-created"]').exists()) throw new Error('waiting');
    });
    await flushPromises();

    expect(mutations().map((call) => call.variables.input.supplierId)).toEqual(['sup-a', 'sup-b']);
    expect(wrapper.findAll('[data-testid="reorder-created"] li').map((li) => li.text())).toEqual(['PO-1001 · Widget Works', 'PO-1002 · Bolt Barn']);
    expect(router.currentRoute.value.name).toBe('report-reorder');
  });

  it('shows the report without buying controls, and why, when the server does not let the viewer buy', async () => {
    const { wrapper } = await mountPage(false);
    expect(wrapper.find('[data-testid="reorder-select"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="reorder-create"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="reorder-buy-reason"]').text()).toBe('Your role does not allow createPurchaseOrder.');
  });
});
