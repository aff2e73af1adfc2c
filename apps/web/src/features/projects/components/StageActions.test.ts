import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ProjectSetPurchaseOrderStageDocument,
  type ProjectPurchaseOrderFragment,
  type ProjectSetPurchaseOrderStageMutation,
  type ProjectSetPurchaseOrderStageMutationVariables,
} from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockResponse } from '@/shared/testing/mock-apollo-client';
import { allowed } from '@/shared/testing/permissions';
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

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

function mountActions(respond: Respond = moved, purchaseOrder = po) {
  const { client, calls } = createMockApolloClient([mockOperation(ProjectSetPurchaseOrderStageDocument, respond)]);
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
      { operationName: 'ProjectSetPurchaseOrderStage', variables: { id: 'po1', stage: 'READY_FOR_BILLING', expectedVersion: 4, reason: null } },
    ]);
    expect(wrapper.emitted('changed')![0]![0]).toMatchObject({ id: 'po1', stage: 'READY_FOR_BILLING' });
  });

  it('sends the reason when moving back', async () => {
    const { wrapper, calls } = mountActions();
    await wrapper.find('[data-testid="stage-reason"]').setValue('supplier re-opened the order');
    await wrapper.find('[data-testid="stage-CONFIRMED"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.emitted('changed')).toBeTruthy());
    expect(calls[0]!.variables).toMatchObject({ stage: 'CONFIRMED', reason: 'supplier re-opened the order' });
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
});
