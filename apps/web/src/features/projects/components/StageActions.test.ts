import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ProjectSetPurchaseOrderStageDocument,
  PurchaseOrderStagePreviewDocument,
  type PurchaseOrderStagePreviewQuery,
  type PurchaseOrderStagePreviewQueryVariables,
  type ProjectPurchaseOrderFragment,
  type ProjectSetPurchaseOrderStageMutation,
  type ProjectSetPurchaseOrderStageMutationVariables,
} from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockResponse } from '@/shared/testing/mock-apollo-client';
import { allowed } from '@/shared/testing/permissions';
import { useToasts } from '@/shared/composables/use-toast';
import StageActions from './StageActions.vue';

const po: ProjectPurchaseOrderFragment = {
  __typename: 'PurchaseOrder',
  id: 'po1',
  number: 'PO-1002',
  stage: 'SHIPPED',
  status: 'PROBLEM',
  nextStages: ['CREATED', 'SUBMITTED', 'CONFIRMED', 'READY_FOR_BILLING', 'BILLED', 'CLOSED'],
  version: 4,
  inHandsDate: null,
  shipDate: null,
  totalCents: 300000,
  supplier: { __typename: 'Supplier', id: 's1', name: 'Mugs & Co' },
  productionRep: null,
  salesOrder: null,
  can: { __typename: 'PurchaseOrderCan', setStage: allowed, setStatus: allowed },
};

type Respond = (v: ProjectSetPurchaseOrderStageMutationVariables) => MockResponse<ProjectSetPurchaseOrderStageMutation>;
const moved: Respond = (v) => ({
  data: { setPurchaseOrderStage: { __typename: 'PurchaseOrderPayload', userErrors: [], purchaseOrder: { ...po, stage: v.stage, version: 5, nextStages: [] } } },
});

type Preview = PurchaseOrderStagePreviewQuery['purchaseOrderStagePreview'];
type PreviewRespond = (v: PurchaseOrderStagePreviewQueryVariables) => MockResponse<PurchaseOrderStagePreviewQuery>;
const previewOf = (fields: Partial<Preview>): { data: PurchaseOrderStagePreviewQuery } => ({
  data: {
    purchaseOrderStagePreview: { __typename: 'PurchaseOrderStagePreview', summary: 'This moves PO-1002.', received: [], salesOrderStatusAfter: null, salesOrder: null, userErrors: [], ...fields },
  },
});
/** The server's dry run of a move that changes nothing beyond the stage: no confirmation. */
const noEffect: PreviewRespond = () => previewOf({});
/** The dry run of workflow A's jump: 200 tees received and SO-1001 released for invoicing. */
const receivesTees: PreviewRespond = (v) =>
  previewOf({
    summary: `This moves PO-1002 to ${v.stage === 'READY_FOR_BILLING' ? 'Ready for billing' : v.stage}, receives 200 × Classic tee and sets SO-1001 Ready to be invoiced.`,
    received: [{ __typename: 'PurchaseOrderStagePreviewLine', purchaseOrderLineId: 'pl2', description: 'Classic tee', quantity: 200 }],
    salesOrderStatusAfter: 'READY_TO_BE_INVOICED',
    salesOrder: { __typename: 'SalesOrder', id: 'so1', number: 'SO-1001', status: 'IN_PRODUCTION' },
  });

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

function mountActions(respond: Respond = moved, purchaseOrder = po, preview: PreviewRespond = noEffect) {
  const { client, calls } = createMockApolloClient([mockOperation(ProjectSetPurchaseOrderStageDocument, respond), mockOperation(PurchaseOrderStagePreviewDocument, preview)]);
  const wrapper = mount(StageActions, {
    attachTo: document.body,
    props: { purchaseOrder },
    global: { provide: { [apolloClientKey as symbol]: client } },
  });
  mounted.push(wrapper);
  return { wrapper, calls };
}

describe('StageActions', () => {
  it('offers a button for each forward stage the server allows, and moving back behind "More"', () => {
    const { wrapper } = mountActions();
    const forward = wrapper.findAll('.stage-actions__buttons')[0]!.findAll('button');
    expect(forward.map((b) => b.attributes('data-testid'))).toEqual(['stage-READY_FOR_BILLING', 'stage-BILLED', 'stage-CLOSED']);
    expect(forward[0]!.text()).toBe('→ Ready for billing');
    expect(wrapper.find('details [data-testid="stage-CONFIRMED"]').text()).toBe('← Confirmed');
    expect(wrapper.find('[data-testid="stage-SHIPPED"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="stage-CANCELLED"]').exists()).toBe(false);
  });

  it('shows nothing to click when the server offers no stage', () => {
    const { wrapper } = mountActions(moved, { ...po, nextStages: [] });
    expect(wrapper.findAll('button')).toHaveLength(0);
    expect(wrapper.text()).toContain('No moves');
  });

  it('sends setPurchaseOrderStage with the version seen on one click, and reports the change', async () => {
    const { wrapper, calls } = mountActions();
    await wrapper.find('[data-testid="stage-READY_FOR_BILLING"]').trigger('click');
    expect(wrapper.find('[data-testid="stage-READY_FOR_BILLING"]').attributes('disabled')).toBeDefined();
    await vi.waitFor(() => expect(wrapper.emitted('changed')).toBeTruthy());

    expect(calls).toEqual([
      { operationName: 'PurchaseOrderStagePreview', variables: { id: 'po1', stage: 'READY_FOR_BILLING', expectedVersion: 4, reason: null } },
      { operationName: 'ProjectSetPurchaseOrderStage', variables: { id: 'po1', stage: 'READY_FOR_BILLING', expectedVersion: 4, reason: null } },
    ]);
    expect(wrapper.emitted('changed')![0]![0]).toMatchObject({ id: 'po1', stage: 'READY_FOR_BILLING' });
  });

  it('sends the reason when moving back', async () => {
    const { wrapper, calls } = mountActions();
    await wrapper.find('[data-testid="stage-reason"]').setValue('supplier re-opened the order');
    await wrapper.find('[data-testid="stage-CONFIRMED"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.emitted('changed')).toBeTruthy());
    expect(calls.map((c) => c.variables)).toEqual([
      expect.objectContaining({ stage: 'CONFIRMED', reason: 'supplier re-opened the order' }),
      expect.objectContaining({ stage: 'CONFIRMED', reason: 'supplier re-opened the order' }),
    ]);
  });

  it('shows the userErrors the server answers: on the reason field, or for the move as a whole', async () => {
    const { wrapper } = mountActions((v) => ({
      data: {
        setPurchaseOrderStage: {
          __typename: 'PurchaseOrderPayload',
          purchaseOrder: null,
          userErrors:
            v.stage === 'CONFIRMED'
              ? [{ __typename: 'UserError', code: 'INVALID_INPUT', message: 'Moving SHIPPED back to CONFIRMED needs a reason.', field: ['reason'] }]
              : [{ __typename: 'UserError', code: 'CONFLICT', message: 'Someone changed PO-1002 meanwhile: reload it.', field: null }],
        },
      },
    }));

    await wrapper.find('[data-testid="stage-CONFIRMED"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="stage-reason-error"]').exists()).toBe(true));
    expect(wrapper.find('[data-testid="stage-reason-error"]').text()).toBe('Moving SHIPPED back to CONFIRMED needs a reason.');
    expect(wrapper.find('[data-testid="stage-reason"]').attributes('aria-invalid')).toBe('true');

    await wrapper.find('[data-testid="stage-BILLED"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="stage-error"]').exists()).toBe(true));
    await flushPromises();
    expect(wrapper.find('[data-testid="stage-error"]').attributes('role')).toBe('alert');
    expect(wrapper.find('[data-testid="stage-error"]').text()).toBe('Someone changed PO-1002 meanwhile: reload it.');
    expect(wrapper.emitted('changed')).toBeUndefined();
  });

  describe('a move that receives goods or changes the order is confirmed first, with the server’s dry run', () => {
    const dialog = () => document.querySelector<HTMLDialogElement>('[data-testid="stage-confirm"]');
    const click = (testId: string) => document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)!.click();

    it('states the effect the dry run returns, and makes nothing until Confirm', async () => {
      const { wrapper, calls } = mountActions(moved, po, receivesTees);
      await wrapper.find('[data-testid="stage-READY_FOR_BILLING"]').trigger('click');
      await vi.waitFor(() => expect(dialog()).not.toBeNull());
      expect(dialog()!.querySelector('[data-testid="stage-confirm-summary"]')!.textContent).toBe(
        'This moves PO-1002 to Ready for billing, receives 200 × Classic tee and sets SO-1001 Ready to be invoiced.',
      );
      expect(dialog()!.querySelector('h2')!.textContent).toBe('Move PO-1002 to Ready for billing?');
      expect(dialog()!.querySelector('[data-testid="stage-confirm-order"]')!.textContent!.trim()).toBe('SO-1001: In production → Ready to be invoiced');
      expect(calls.map((c) => c.operationName)).toEqual(['PurchaseOrderStagePreview']);
      expect(wrapper.emitted('changed')).toBeUndefined();
    });

    it('Cancel changes nothing', async () => {
      const { wrapper, calls } = mountActions(moved, po, receivesTees);
      await wrapper.find('[data-testid="stage-READY_FOR_BILLING"]').trigger('click');
      await vi.waitFor(() => expect(dialog()).not.toBeNull());
      click('stage-confirm-cancel');
      await flushPromises();
      expect(dialog()).toBeNull();
      expect(calls.map((c) => c.operationName)).toEqual(['PurchaseOrderStagePreview']);
      expect(wrapper.emitted('changed')).toBeUndefined();
    });

    it('Confirm makes the move, with the version seen, and the toast says what it did', async () => {
      const { wrapper, calls } = mountActions(moved, po, receivesTees);
      await wrapper.find('[data-testid="stage-READY_FOR_BILLING"]').trigger('click');
      await vi.waitFor(() => expect(dialog()).not.toBeNull());
      click('stage-confirm-confirm');
      await vi.waitFor(() => expect(wrapper.emitted('changed')).toBeTruthy());
      expect(calls.at(-1)).toEqual({ operationName: 'ProjectSetPurchaseOrderStage', variables: { id: 'po1', stage: 'READY_FOR_BILLING', expectedVersion: 4, reason: null } });
      expect(dialog()).toBeNull();
      expect(useToasts().toasts.value.at(-1)).toMatchObject({
        message: 'PO-1002 moved to Ready for billing: 200 × Classic tee received; SO-1001 is ready to be invoiced.',
        link: { to: { name: 'sales-order', params: { id: 'so1' } }, label: 'Open SO-1001' },
      });
    });
  });
});
