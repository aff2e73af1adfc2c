import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FlagPurchaseOrderDocument,
  ProjectUserOptionsDocument,
  type FlagPurchaseOrderMutation,
  type FlagPurchaseOrderMutationVariables,
  type ProductionReportQuery,
} from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockResponse } from '@/shared/testing/mock-apollo-client';
import ProductionFlagDialog from './ProductionFlagDialog.vue';

type Row = ProductionReportQuery['productionReport']['nodes'][number];

const row: Row = {
  __typename: 'PurchaseOrder',
  id: 'po1',
  number: 'PO-1001',
  stage: 'CONFIRMED',
  status: 'OK',
  nextStages: ['SHIPPED', 'READY_FOR_BILLING'],
  version: 3,
  inHandsDate: null,
  shipDate: null,
  totalCents: 480000,
  supplier: { __typename: 'Supplier', id: 's1', name: 'Mugs & Co' },
  productionRep: null,
  project: {
    __typename: 'Project',
    id: 'p1',
    number: 'PRJ-1001',
    name: 'Spring promo',
    client: { __typename: 'Client', id: 'c1', name: 'Globex' },
    orderRep: { __typename: 'User', id: 'u1', name: 'Oscar Order', handle: 'oscar' },
    invoicingRep: { __typename: 'User', id: 'u2', name: 'Ines Invoicing', handle: 'ines' },
  },
  salesOrder: { __typename: 'SalesOrder', id: 'so1', number: 'SO-1001', status: 'IN_PRODUCTION', nextStatuses: ['READY_TO_BE_INVOICED'], version: 2 },
} as Row;

type Respond = (v: FlagPurchaseOrderMutationVariables) => MockResponse<FlagPurchaseOrderMutation>;
const flagged: Respond = (v) => ({
  data: {
    flagPurchaseOrder: {
      __typename: 'FlagPurchaseOrderPayload',
      purchaseOrder: { __typename: 'PurchaseOrder', id: 'po1', status: v.input.status, version: 4 },
      note: v.input.note ? { __typename: 'Note', id: 'n1', pinned: v.input.pinned ?? true } : null,
      salesOrder: v.input.readyToInvoice ? { __typename: 'SalesOrder', id: 'so1', status: 'READY_TO_BE_INVOICED', nextStatuses: [], version: 3 } : null,
      userErrors: [],
    },
  },
});

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

const users = [
  { __typename: 'User' as const, id: 'u1', name: 'Oscar Order', handle: 'oscar', active: true, roles: [] },
  { __typename: 'User' as const, id: 'u2', name: 'Ines Invoicing', handle: 'ines', active: true, roles: [] },
];

function mountDialog(respond: Respond = flagged, status: 'PROBLEM' | 'FOLLOW_UP' = 'PROBLEM') {
  const { client, calls } = createMockApolloClient([
    mockOperation(FlagPurchaseOrderDocument, respond),
    mockOperation(ProjectUserOptionsDocument, () => ({ data: { users } })),
  ]);
  const wrapper = mount(ProductionFlagDialog, {
    attachTo: document.body,
    props: { purchaseOrder: row, status },
    global: { provide: { [apolloClientKey as symbol]: client } },
  });
  mounted.push(wrapper);
  return { wrapper, calls };
}

describe('ProductionFlagDialog', () => {
  it('prefills a pinned note tagging the order and invoicing reps, and sends everything as one flagPurchaseOrder', async () => {
    const { wrapper, calls } = mountDialog();
    const body = wrapper.find('textarea');
    expect((body.element as HTMLTextAreaElement).value).toMatch(/^@oscar @ines PO-1001 \(Mugs & Co\): /);
    expect((wrapper.find('[data-testid="flag-pin"]').element as HTMLInputElement).checked).toBe(true);
    expect((wrapper.find('[data-testid="flag-ready"]').element as HTMLInputElement).checked).toBe(true);
    await body.setValue('@oscar @ines the tees are late');
    await wrapper.find('form').trigger('submit');
    await flushPromises();

    const sent = calls.filter((c) => c.operationName === 'FlagPurchaseOrder');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.variables).toEqual({
      input: { purchaseOrderId: 'po1', status: 'PROBLEM', note: '@oscar @ines the tees are late', pinned: true, readyToInvoice: true, expectedVersion: 3, followUp: null },
    });
    await vi.waitFor(() => expect(wrapper.emitted('close')).toBeDefined());
    const closed = wrapper.emitted('close');
    expect(closed?.[0]).toEqual([true, ['PO-1001 flagged Problem.', 'Note pinned to the project.', 'SO-1001 is ready to be invoiced.']]);
  });

  it('asks who follows up, by when, when flagging FOLLOW_UP: the invoicing rep tomorrow, sent with the flag', async () => {
    const { wrapper, calls } = mountDialog(flagged, 'FOLLOW_UP');
    await flushPromises();
    expect(wrapper.find('[data-testid="follow-up-fields"]').exists()).toBe(true);
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="follow-up-assignee"] option').length).toBe(3));
    expect((wrapper.find('[data-testid="follow-up-assignee"]').element as HTMLSelectElement).value).toBe('u2');
    const due = (wrapper.find('[data-testid="follow-up-due"]').element as HTMLInputElement).value;
    expect(due > new Date().toISOString().slice(0, 10) || due.length === 10).toBe(true);
    await wrapper.find('[data-testid="follow-up-body"]').setValue('Invoice the 300 that shipped');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    const sent = calls.filter((c) => c.operationName === 'FlagPurchaseOrder');
    expect(sent[0]!.variables.input).toMatchObject({ status: 'FOLLOW_UP', followUp: { assigneeId: 'u2', dueOn: due, body: 'Invoice the 300 that shipped' } });
    await vi.waitFor(() => expect(wrapper.emitted('close')).toBeDefined());
    expect(wrapper.emitted('close')?.[0]?.[1]).toContain('Follow-up given.');
  });

  it('does not send a follow-up without a person, and says so', async () => {
    const { wrapper, calls } = mountDialog(flagged, 'FOLLOW_UP');
    await flushPromises();
    await wrapper.find('[data-testid="follow-up-assignee"]').setValue('');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(calls.filter((c) => c.operationName === 'FlagPurchaseOrder')).toHaveLength(0);
    expect(wrapper.text()).toContain('Choose who follows up.');
  });

  it('shows a refusal and reports nothing as done (the server wrote nothing)', async () => {
    const { wrapper } = mountDialog(() => ({
      data: {
        flagPurchaseOrder: {
          __typename: 'FlagPurchaseOrderPayload',
          purchaseOrder: null,
          note: null,
          salesOrder: null,
          userErrors: [{ __typename: 'UserError', code: 'CONFLICT', message: 'PO-1001 changed since you opened it.', field: ['input', 'purchaseOrderId'] }],
        },
      },
    }));
    await wrapper.find('[data-testid="flag-ready"]').setValue(false);
    await wrapper.find('form').trigger('submit');
    // The mock answers on a timer, like a server: wait for the answer, not for a number of ticks.
    await vi.waitFor(() => expect(wrapper.find('[data-testid="flag-error"]').exists()).toBe(true));
    await flushPromises();
    expect(wrapper.find('[data-testid="flag-error"]').text()).toBe('PO-1001 changed since you opened it.');
    expect(wrapper.emitted('close')).toBeUndefined();
  });
});
