import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import {
  ProjectUserOptionsDocument,
  PurchaseOrderDocument,
  PurchaseOrderStagePreviewDocument,
  SetPurchaseOrderStageDocument,
  SetPurchaseOrderStatusDocument,
  ViewerDocument,
  type PurchaseOrderDetailFragment,
  type SetPurchaseOrderStageMutation,
  type SetPurchaseOrderStageMutationVariables,
  type SetPurchaseOrderStatusMutation,
  type SetPurchaseOrderStatusMutationVariables,
  type ViewerQuery,
} from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { expectAction, type ActionShown } from '@/shared/testing/expect-action';
import { createMockApolloClient, mockOperation } from '@/shared/testing/mock-apollo-client';
import { allowed, refused } from '@/shared/testing/permissions';
import PurchaseOrderPage from './PurchaseOrderPage.vue';

type Can = PurchaseOrderDetailFragment['can'];

function can(overrides: Partial<Omit<Can, '__typename'>> = {}): Can {
  return { __typename: 'PurchaseOrderCan', setStage: allowed, setStatus: allowed, receive: allowed, cancel: allowed, ...overrides };
}

function purchaseOrder(fields: Partial<PurchaseOrderDetailFragment> = {}): PurchaseOrderDetailFragment {
  return {
    __typename: 'PurchaseOrder',
    id: 'po1',
    version: 3,
    number: 'PO-1001',
    stage: 'CONFIRMED',
    status: 'OK',
    nextStages: ['CREATED', 'SUBMITTED', 'SHIPPED', 'READY_FOR_BILLING', 'BILLED', 'CLOSED', 'CANCELLED'],
    createdAt: '2026-11-01T10:00:00Z',
    inHandsDate: null,
    shipDate: null,
    trackingNumber: null,
    totalCents: 480_000,
    can: can(),
    supplier: { __typename: 'Supplier', id: 's1', name: 'Mugs & Co' },
    productionRep: null,
    project: { __typename: 'Project', id: 'prj1', number: 'PRJ-1001', name: 'Spring promo' },
    salesOrder: { __typename: 'SalesOrder', id: 'so1', number: 'SO-1001' },
    followUps: [],
    lines: [
      {
        __typename: 'PurchaseOrderLine',
        id: 'l1',
        description: 'Classic tee',
        quantity: 200,
        received: 0,
        outstanding: 200,
        unitCostCents: 900,
        product: { __typename: 'Product', id: 'p1', sku: 'TEE-1', name: 'Classic tee', inventoried: false },
        salesOrderLine: { __typename: 'SalesOrderLine', id: 'sol1' },
      },
    ],
    ...fields,
  };
}

const viewer: ViewerQuery = {
  me: { __typename: 'User', id: 'u1', name: 'Priya Production', email: 'production@demo.test', handle: 'priya', roles: ['PRODUCTION_REP'] },
  organization: { __typename: 'Organization', id: 'o1', name: 'Demo', currency: 'USD' },
};

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((wrapper) => wrapper.unmount()));

async function mountPage(
  shown: PurchaseOrderDetailFragment,
  setStage?: (v: SetPurchaseOrderStageMutationVariables) => SetPurchaseOrderStageMutation,
  setStatus?: (v: SetPurchaseOrderStatusMutationVariables) => SetPurchaseOrderStatusMutation,
) {
  const { client, calls } = createMockApolloClient([
    mockOperation(SetPurchaseOrderStatusDocument, (variables) => ({ data: setStatus!(variables) })),
    mockOperation(ProjectUserOptionsDocument, () => ({
      data: {
        users: [
          { __typename: 'User' as const, id: 'u2', name: 'Ines Invoicing', handle: 'ines', active: true, roles: [] },
          { __typename: 'User' as const, id: 'u9', name: 'Gone Gary', handle: 'gary', active: false, roles: [] },
        ],
      },
    })),
    mockOperation(ViewerDocument, () => ({ data: viewer })),
    mockOperation(PurchaseOrderDocument, () => ({ data: { purchaseOrder: { ...shown, project: shown.project && { ...shown.project, notes: [] } } } })),
    mockOperation(SetPurchaseOrderStageDocument, (variables) => ({ data: setStage!(variables) })),
    // The server's dry run of a move: here none receives goods or changes an order, so none asks to confirm.
    mockOperation(PurchaseOrderStagePreviewDocument, () => ({
      data: {
        purchaseOrderStagePreview: { __typename: 'PurchaseOrderStagePreview' as const, summary: 'This moves it.', received: [], salesOrderStatusAfter: null, salesOrder: null, userErrors: [] },
      },
    })),
  ]);
  const stub = (text: string) => ({ render: () => h('p', text) });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/purchase-orders/:id', name: 'purchase-order', component: PurchaseOrderPage },
      { path: '/sales-orders/:id', name: 'sales-order', component: stub('Sales order') },
      { path: '/projects/:id', name: 'project', component: stub('Project') },
    ],
  });
  await router.push('/purchase-orders/po1');
  await router.isReady();
  const wrapper = mount(PurchaseOrderPage, { attachTo: document.body, global: { plugins: [router], provide: { [apolloClientKey as symbol]: client } } });
  mounted.push(wrapper);
  await vi.waitFor(() => {
    if (!wrapper.find('[data-testid="purchase-order-stage"]').exists()) throw new Error('still waiting for the purchase order');
  });
  await flushPromises();
  return { wrapper, calls };
}

describe('PurchaseOrderPage', () => {
  it('offers exactly the stages the server lists, in the users’ words', async () => {
    const { wrapper } = await mountPage(purchaseOrder({ nextStages: ['SHIPPED', 'READY_FOR_BILLING'] }));
    expect(wrapper.findAll('[data-testid="purchase-order-next-stage"]').map((b) => b.text())).toEqual(['Shipped', 'Ready for billing']);
    expect(wrapper.get('[data-testid="purchase-order-stage"]').text()).toBe('Confirmed');
  });

  it('asks for a reason when the server answers that a move back needs one, then sends it', async () => {
    const { wrapper, calls } = await mountPage(purchaseOrder(), (v) => ({
      setPurchaseOrderStage: v.reason
        ? { __typename: 'PurchaseOrderPayload', userErrors: [], purchaseOrder: { ...purchaseOrder(), stage: v.stage, version: 4, nextStages: [] } }
        : {
            __typename: 'PurchaseOrderPayload',
            purchaseOrder: null,
            userErrors: [{ __typename: 'UserError', code: 'INVALID_INPUT', message: 'Moving it back from Confirmed to Submitted needs a reason.', field: ['reason'] }],
          },
    }));
    const submitted = () => wrapper.get('[data-testid="purchase-order-next-stage"][data-stage="SUBMITTED"]');

    await submitted().trigger('click');
    await vi.waitFor(() => {
      if (!wrapper.find('[data-testid="purchase-order-stage-reason"]').exists()) throw new Error('waiting for the answer');
    });
    expect(wrapper.text()).toContain('Moving it back from Confirmed to Submitted needs a reason.');
    expect(submitted().text()).toBe('Confirm: back to Submitted');

    await wrapper.get('[data-testid="purchase-order-stage-reason"]').setValue('the supplier reopened it');
    await submitted().trigger('click');
    await vi.waitFor(() => {
      if (!wrapper.find('[data-testid="purchase-order-notice"]').exists()) throw new Error('waiting for the answer');
    });
    expect(calls.filter((c) => c.operationName === 'SetPurchaseOrderStage').map((c) => c.variables)).toEqual([
      { id: 'po1', stage: 'SUBMITTED', expectedVersion: 3, reason: null },
      { id: 'po1', stage: 'SUBMITTED', expectedVersion: 3, reason: 'the supplier reopened it' },
    ]);
  });
});

// Every action of the page, against what the purchase order's `can` and `nextStages` say.
const CLOSED = refused('INVALID_TRANSITION', 'A closed purchase order no longer changes stage.');
const NOT_RECEIVABLE = refused('INVALID_TRANSITION', 'Goods are received from Submitted to Ready for billing; this purchase order is created.');
const NOT_YOURS = refused('FORBIDDEN', 'Only production reps and purchasing do this.');

const permissionCases: {
  name: string;
  po: Partial<PurchaseOrderDetailFragment>;
  expect: Record<string, ActionShown>;
  reasonText?: Record<string, string>;
}[] = [
  {
    name: 'a production rep on a confirmed PO: every action',
    po: {},
    expect: { 'purchase-order-next-stage': 'enabled', 'purchase-order-set-status': 'enabled', 'purchase-order-receive': 'enabled', 'purchase-order-receive-quantity': 'enabled' },
  },
  {
    name: 'an invoicing rep: no stage, no flag, no receiving',
    po: { nextStages: [], can: can({ setStage: NOT_YOURS, setStatus: NOT_YOURS, receive: NOT_YOURS, cancel: NOT_YOURS }) },
    expect: {
      'purchase-order-next-stage': 'absent',
      'purchase-order-set-status': 'absent',
      'purchase-order-receive': 'absent',
      'purchase-order-receive-quantity': 'absent',
      'purchase-order-stage-why': 'absent',
      'purchase-order-receive-why': 'absent',
    },
  },
  {
    name: 'a closed PO: why it no longer moves; the flag still set',
    po: { stage: 'CLOSED', nextStages: [], can: can({ setStage: CLOSED, cancel: CLOSED, receive: NOT_RECEIVABLE }) },
    expect: { 'purchase-order-next-stage': 'absent', 'purchase-order-set-status': 'enabled', 'purchase-order-receive': 'absent' },
    reasonText: { 'purchase-order-stage-why': CLOSED.reason, 'purchase-order-receive-why': NOT_RECEIVABLE.reason },
  },
  {
    name: 'a PO not yet submitted: moves, but nothing to receive yet, and why',
    po: { stage: 'CREATED', nextStages: ['SUBMITTED', 'CANCELLED'], can: can({ receive: NOT_RECEIVABLE }) },
    expect: { 'purchase-order-next-stage': 'enabled', 'purchase-order-receive': 'absent', 'purchase-order-receive-quantity': 'absent' },
    reasonText: { 'purchase-order-receive-why': NOT_RECEIVABLE.reason },
  },
];

describe('PurchaseOrderPage actions follow the purchase order’s can', () => {
  it.each(permissionCases)('$name', async (testCase) => {
    const { wrapper } = await mountPage(purchaseOrder(testCase.po));
    for (const [testId, shown] of Object.entries(testCase.expect)) expectAction(wrapper, testId, shown);
    for (const [testId, reason] of Object.entries(testCase.reasonText ?? {})) expect(wrapper.get(`[data-testid="${testId}"]`).text()).toBe(reason);
  });
});

describe('PurchaseOrderPage: flagging asks who follows up, by when', () => {
  it('FOLLOW_UP opens the question; the follow-up goes with the flag in one setPurchaseOrderStatus', async () => {
    const { wrapper, calls } = await mountPage(purchaseOrder(), undefined, (v) => ({
      setPurchaseOrderStatus: { __typename: 'PurchaseOrderPayload', userErrors: [], purchaseOrder: { ...purchaseOrder({ status: v.status, version: 4 }) } },
    }));
    await wrapper.find('[data-testid="purchase-order-set-status"][data-status="FOLLOW_UP"]').trigger('click');
    const form = wrapper.find('[data-testid="purchase-order-flag-form"]');
    expect(form.exists()).toBe(true);
    expect(calls.filter((c) => c.operationName === 'SetPurchaseOrderStatus')).toHaveLength(0);
    await vi.waitFor(() => expect(form.findAll('[data-testid="follow-up-assignee"] option').map((o) => o.text())).toEqual(['Choose a person', 'Ines Invoicing']));

    // no person, no call
    await form.trigger('submit');
    expect(wrapper.text()).toContain('Choose who follows up.');
    expect(calls.filter((c) => c.operationName === 'SetPurchaseOrderStatus')).toHaveLength(0);

    await form.find('[data-testid="follow-up-assignee"]').setValue('u2');
    await form.find('[data-testid="follow-up-due"]').setValue('2026-12-08');
    await form.trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="purchase-order-flag-form"]').exists()).toBe(false));
    expect(calls.filter((c) => c.operationName === 'SetPurchaseOrderStatus').map((c) => c.variables)).toEqual([
      { id: 'po1', status: 'FOLLOW_UP', followUp: { assigneeId: 'u2', dueOn: '2026-12-08', body: null }, expectedVersion: 3 },
    ]);
    expect(wrapper.find('[data-testid="purchase-order-notice"]').text()).toBe('Status set to Follow up. Ines Invoicing follows up by Dec 8, 2026.');
  });

  it('OK is set at once, without a follow-up', async () => {
    const { wrapper, calls } = await mountPage(purchaseOrder({ status: 'PROBLEM' }), undefined, (v) => ({
      setPurchaseOrderStatus: { __typename: 'PurchaseOrderPayload', userErrors: [], purchaseOrder: purchaseOrder({ status: v.status, version: 4 }) },
    }));
    await wrapper.find('[data-testid="purchase-order-set-status"][data-status="OK"]').trigger('click');
    await vi.waitFor(() => expect(calls.filter((c) => c.operationName === 'SetPurchaseOrderStatus')).toHaveLength(1));
    expect(calls.find((c) => c.operationName === 'SetPurchaseOrderStatus')!.variables).toEqual({ id: 'po1', status: 'OK', followUp: null, expectedVersion: 3 });
    expect(wrapper.find('[data-testid="purchase-order-flag-form"]').exists()).toBe(false);
  });

  it('starts the receive quantities empty; "All outstanding" fills in what is outstanding', async () => {
    const { wrapper } = await mountPage(purchaseOrder());
    const inputs = () => wrapper.findAll<HTMLInputElement>('[data-testid="purchase-order-receive-quantity"]');
    expect(inputs().length).toBeGreaterThan(0);
    expect(inputs().map((i) => i.element.value)).toEqual(inputs().map(() => ''));
    await wrapper.get('[data-testid="purchase-order-receive-all"]').trigger('click');
    const outstanding = wrapper.findAll('[data-testid="purchase-order-line-outstanding"]').map((c) => c.text()).filter((n) => n !== '0');
    expect(inputs().map((i) => i.element.value)).toEqual(outstanding);
  });
});
