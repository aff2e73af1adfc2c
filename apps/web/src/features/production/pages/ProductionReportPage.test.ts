import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import {
  ProductionFilterOptionsDocument,
  ProductionReportDocument,
  ProjectSetPurchaseOrderStageDocument,
  PurchaseOrderStagePreviewDocument,
  ViewerCanDocument,
  ViewerDocument,
  type ProductionReportQuery,
  type ProjectSetPurchaseOrderStageMutation,
  type PurchaseOrderStagePreviewQuery,
  type PurchaseOrderStagePreviewQueryVariables,
  type ViewerQuery,
} from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockResponse } from '@/shared/testing/mock-apollo-client';
import { allowed, viewerCanAnswer } from '@/shared/testing/permissions';
import ProductionReportPage from './ProductionReportPage.vue';

type Row = ProductionReportQuery['productionReport']['nodes'][number];

function po(n: number): Row {
  return {
    __typename: 'PurchaseOrder',
    id: `po${n}`,
    number: `PO-100${n}`,
    stage: 'SHIPPED',
    status: 'OK',
    nextStages: ['READY_FOR_BILLING', 'BILLED', 'CLOSED'],
    version: 3,
    inHandsDate: null,
    shipDate: null,
    totalCents: 300_000,
    supplier: { __typename: 'Supplier', id: 's1', name: 'Tees Inc' },
    productionRep: null,
    can: { __typename: 'PurchaseOrderCan', setStage: allowed, setStatus: allowed },
    project: {
      __typename: 'Project',
      id: 'prj1',
      number: 'PRJ-1001',
      name: 'Spring promo',
      client: { __typename: 'Client', id: 'c1', name: 'Globex' },
      orderRep: { __typename: 'User', id: 'u2', name: 'Oscar Order', handle: 'oscar' },
      invoicingRep: { __typename: 'User', id: 'u3', name: 'Ines Invoicing', handle: 'ines' },
    },
    salesOrder: { __typename: 'SalesOrder', id: `so${n}`, number: `SO-100${n}`, status: 'IN_PRODUCTION', nextStatuses: [], version: 2 },
  } as Row;
}

type Preview = PurchaseOrderStagePreviewQuery['purchaseOrderStagePreview'];
/** PO-1001's move receives 200 tees and releases SO-1001; PO-1002's changes nothing beyond its stage. */
function previewFor(v: PurchaseOrderStagePreviewQueryVariables): MockResponse<PurchaseOrderStagePreviewQuery> {
  const base: Preview = { __typename: 'PurchaseOrderStagePreview', summary: 'This moves PO-1002 to Ready for billing.', received: [], salesOrderStatusAfter: null, salesOrder: null, userErrors: [] };
  if (v.id !== 'po1') return { data: { purchaseOrderStagePreview: base } };
  return {
    data: {
      purchaseOrderStagePreview: {
        ...base,
        summary: 'This moves PO-1001 to Ready for billing, receives 200 × Classic tee and sets SO-1001 Ready to be invoiced.',
        received: [{ __typename: 'PurchaseOrderStagePreviewLine', purchaseOrderLineId: 'pl1', description: 'Classic tee', quantity: 200 }],
        salesOrderStatusAfter: 'READY_TO_BE_INVOICED',
        salesOrder: { __typename: 'SalesOrder', id: 'so1', number: 'SO-1001', status: 'IN_PRODUCTION' },
      },
    },
  };
}

const stub = { render: () => h('p', 'elsewhere') };

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

async function mountPage(rows: Row[]) {
  const { client, calls } = createMockApolloClient([
    mockOperation(ProductionReportDocument, (): MockResponse<ProductionReportQuery> => ({
      data: { productionReport: { __typename: 'PurchaseOrderConnection', nodes: rows, pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false }, totalCount: rows.length } },
    })),
    mockOperation(ProductionFilterOptionsDocument, () => ({ data: { suppliers: [], clients: [], users: [] } })),
    mockOperation(ViewerDocument, (): MockResponse<ViewerQuery> => ({
      data: {
        me: { __typename: 'User', id: 'u1', name: 'Priya Production', email: 'p@demo.test', handle: 'priya', roles: ['PRODUCTION_REP'] },
        organization: { __typename: 'Organization', id: 'o1', name: 'Demo', currency: 'USD' },
      },
    })),
    mockOperation(ViewerCanDocument, () => viewerCanAnswer('createPurchaseOrder')),
    mockOperation(PurchaseOrderStagePreviewDocument, previewFor),
    mockOperation(ProjectSetPurchaseOrderStageDocument, (v): MockResponse<ProjectSetPurchaseOrderStageMutation> => {
      const row = rows.find((r) => r.id === v.id)!;
      return { data: { setPurchaseOrderStage: { __typename: 'PurchaseOrderPayload', userErrors: [], purchaseOrder: { ...row, stage: v.stage, version: row.version + 1, nextStages: [] } } } };
    }),
  ]);
  const router = createRouter({ history: createMemoryHistory(), routes: [
      { path: '/production', name: 'production', component: ProductionReportPage },
      ...['project', 'purchase-order', 'sales-order'].map((name) => ({ path: `/${name}/:id`, name, component: stub })),
      { path: '/purchase-orders/new', name: 'purchase-order-new', component: stub },
    ],
  });
  await router.push('/production');
  await router.isReady();
  const wrapper = mount(ProductionReportPage, { attachTo: document.body, global: { plugins: [router], provide: { [apolloClientKey as symbol]: client } } });
  mounted.push(wrapper);
  await vi.waitFor(() => {
    if (wrapper.findAll('[data-testid="select-row"]').length !== rows.length) throw new Error('waiting for the rows');
  });
  const moves = () => calls.filter((c) => c.operationName === 'ProjectSetPurchaseOrderStage');
  return { wrapper, moves };
}

async function selectAllAndMove(wrapper: Awaited<ReturnType<typeof mountPage>>['wrapper']) {
  await wrapper.get('[data-testid="select-all"]').trigger('change');
  await wrapper.get('[data-testid="bulk-stage"]').setValue('READY_FOR_BILLING');
  await wrapper.get('[data-testid="bulk-stage-apply"]').trigger('click');
  await flushPromises();
}

describe('ProductionReportPage: a bulk stage move', () => {
  it('that would receive goods waits for a confirmation stating each effect; Cancel moves nothing', async () => {
    const { wrapper, moves } = await mountPage([po(1), po(2)]);
    await selectAllAndMove(wrapper);
    await vi.waitFor(() => {
      if (!wrapper.find('[data-testid="bulk-stage-confirm"]').exists()) throw new Error('waiting for the confirmation');
    });
    const dialog = wrapper.get('[data-testid="bulk-stage-confirm"]');
    expect(dialog.text()).toContain('Move these 2 purchase orders to Ready for billing?');
    expect(wrapper.get('[data-testid="bulk-stage-confirm-effect"]').findAll('li').map((li) => li.text())).toEqual([
      'This moves PO-1001 to Ready for billing, receives 200 × Classic tee and sets SO-1001 Ready to be invoiced.',
    ]);
    expect(moves()).toEqual([]);
    await wrapper.get('[data-testid="bulk-stage-confirm-cancel"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="bulk-stage-confirm"]').exists()).toBe(false);
    expect(moves()).toEqual([]);
  });

  it('confirmed, moves every selected purchase order', async () => {
    const { wrapper, moves } = await mountPage([po(1), po(2)]);
    await selectAllAndMove(wrapper);
    await vi.waitFor(() => {
      if (!wrapper.find('[data-testid="bulk-stage-confirm"]').exists()) throw new Error('waiting for the confirmation');
    });
    await wrapper.get('[data-testid="bulk-stage-confirm"] form').trigger('submit');
    await vi.waitFor(() => {
      if (moves().length !== 2) throw new Error('waiting for the moves');
    });
    expect(moves().map((m) => m.variables)).toEqual([
      { id: 'po1', stage: 'READY_FOR_BILLING', expectedVersion: 3 },
      { id: 'po2', stage: 'READY_FOR_BILLING', expectedVersion: 3 },
    ]);
  });

  it('with no effect beyond the stage goes ahead without a question', async () => {
    const { wrapper, moves } = await mountPage([po(2)]);
    await selectAllAndMove(wrapper);
    await vi.waitFor(() => {
      if (moves().length !== 1) throw new Error('waiting for the move');
    });
    expect(wrapper.find('[data-testid="bulk-stage-confirm"]').exists()).toBe(false);
  });
});
