import { mount, RouterLinkStub } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CompleteFollowUpDocument, type CompleteFollowUpMutation, type FollowUpItemFragment } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockResponse } from '@/shared/testing/mock-apollo-client';
import { allowed, refused } from '@/shared/testing/permissions';
import FollowUpList from './FollowUpList.vue';

function followUp(fields: Partial<FollowUpItemFragment> = {}): FollowUpItemFragment {
  return {
    __typename: 'FollowUp',
    id: 'f1',
    body: 'Invoice the 300 that shipped',
    dueOn: '2026-12-06',
    done: false,
    doneAt: null,
    overdue: true,
    createdAt: '2026-12-01T10:00:00Z',
    assignee: { __typename: 'User', id: 'u2', name: 'Ines Invoicing' },
    createdBy: { __typename: 'User', id: 'u3', name: 'Priya Production' },
    doneBy: null,
    project: { __typename: 'Project', id: 'p1', number: 'PRJ-1001', name: 'Spring promo' },
    purchaseOrder: { __typename: 'PurchaseOrder', id: 'po1', number: 'PO-1001' },
    salesOrder: null,
    invoice: null,
    can: { __typename: 'FollowUpCan', complete: allowed },
    ...fields,
  };
}

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

function mountList(followUps: FollowUpItemFragment[], respond?: () => MockResponse<CompleteFollowUpMutation>) {
  const { client, calls } = createMockApolloClient([mockOperation(CompleteFollowUpDocument, () => respond!())]);
  const wrapper = mount(FollowUpList, {
    props: { followUps, showProject: true },
    global: { provide: { [apolloClientKey as symbol]: client }, stubs: { RouterLink: RouterLinkStub } },
  });
  mounted.push(wrapper);
  return { wrapper, calls };
}

describe('FollowUpList', () => {
  it('shows each follow-up in words, overdue marked, with its project and record', () => {
    const { wrapper } = mountList([followUp(), followUp({ id: 'f2', overdue: false, dueOn: '2099-01-02', body: 'Later', purchaseOrder: null })]);
    const rows = wrapper.findAll('[data-testid="follow-up"]');
    expect(rows.map((r) => r.attributes('data-overdue'))).toEqual(['true', 'false']);
    const text = (i: number) => rows[i]!.text().replace(/\s+/g, ' ');
    expect(text(0)).toContain('Overdue · was due Dec 6, 2026');
    expect(text(0)).toContain('for Ines Invoicing · from Priya Production');
    expect(rows[0]!.findComponent(RouterLinkStub).props('to')).toEqual({ name: 'purchase-order', params: { id: 'po1' } });
    expect(text(0)).toContain('PRJ-1001 Spring promo · PO-1001');
    expect(text(1)).toContain('Due Jan 2, 2099');
  });

  it('offers "Done" only where the server allows it; a refusal by role is not shown, a state reason is', () => {
    const { wrapper } = mountList([
      followUp(),
      followUp({ id: 'f2', can: { __typename: 'FollowUpCan', complete: refused('FORBIDDEN', 'Only the person it was given to, the person who made it or an admin completes a follow-up.') } }),
      followUp({ id: 'f3', done: true, overdue: false, can: { __typename: 'FollowUpCan', complete: refused('INVALID_TRANSITION', 'This follow-up is already done.') } }),
    ]);
    const rows = wrapper.findAll('[data-testid="follow-up"]');
    expect(rows.map((r) => r.find('[data-testid="follow-up-complete"]').exists())).toEqual([true, false, false]);
    expect(rows[1]!.text()).not.toContain('Only the person');
    expect(rows[2]!.text()).toContain('This follow-up is already done.');
  });

  it('completes a follow-up and tells the page', async () => {
    const { wrapper, calls } = mountList([followUp()], () => ({
      data: { completeFollowUp: { __typename: 'FollowUpPayload', userErrors: [], followUp: followUp({ done: true, overdue: false, can: { __typename: 'FollowUpCan', complete: refused('INVALID_TRANSITION', 'This follow-up is already done.') } }) } },
    }));
    await wrapper.find('[data-testid="follow-up-complete"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.emitted('completed')).toHaveLength(1));
    expect(calls).toEqual([{ operationName: 'CompleteFollowUp', variables: { id: 'f1' } }]);
  });

  it('shows a refusal next to the follow-up', async () => {
    const { wrapper } = mountList([followUp()], () => ({
      data: { completeFollowUp: { __typename: 'FollowUpPayload', followUp: null, userErrors: [{ __typename: 'UserError', code: 'INVALID_TRANSITION', message: 'This follow-up is already done.', field: null }] } },
    }));
    await wrapper.find('[data-testid="follow-up-complete"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.find('[role="alert"]').exists()).toBe(true));
    expect(wrapper.find('[role="alert"]').text()).toBe('This follow-up is already done.');
    expect(wrapper.emitted('completed')).toBeUndefined();
  });
});
