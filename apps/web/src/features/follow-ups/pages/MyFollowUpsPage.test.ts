import { mount, RouterLinkStub } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MyFollowUpsDocument, type FollowUpItemFragment, type MyFollowUpsQueryVariables } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation } from '@/shared/testing/mock-apollo-client';
import { allowed } from '@/shared/testing/permissions';
import MyFollowUpsPage from './MyFollowUpsPage.vue';

function followUp(id: string, body: string, dueOn: string, overdue: boolean, done = false): FollowUpItemFragment {
  return {
    __typename: 'FollowUp',
    id,
    body,
    dueOn,
    done,
    doneAt: done ? '2026-12-05T10:00:00Z' : null,
    overdue,
    createdAt: '2026-12-01T10:00:00Z',
    assignee: { __typename: 'User', id: 'u2', name: 'Ines Invoicing' },
    createdBy: { __typename: 'User', id: 'u3', name: 'Priya Production' },
    doneBy: done ? { __typename: 'User', id: 'u2', name: 'Ines Invoicing' } : null,
    project: { __typename: 'Project', id: 'p1', number: 'PRJ-1001', name: 'Spring promo' },
    purchaseOrder: null,
    salesOrder: { __typename: 'SalesOrder', id: 'so1', number: 'SO-1001' },
    invoice: null,
    can: { __typename: 'FollowUpCan', complete: allowed },
  };
}

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

function mountPage() {
  const answer = (v: MyFollowUpsQueryVariables) => {
    const open = [followUp('f1', 'Two days late', '2026-12-05', true), followUp('f2', 'Tomorrow', '2099-12-08', false)];
    const nodes = v.includeDone ? [...open, followUp('f3', 'Done already', '2026-12-01', false, true)] : open;
    return { data: { followUps: { __typename: 'FollowUpConnection' as const, nodes, totalCount: nodes.length, pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: null } } } };
  };
  const { client, calls } = createMockApolloClient([mockOperation(MyFollowUpsDocument, answer)]);
  const wrapper = mount(MyFollowUpsPage, { global: { provide: { [apolloClientKey as symbol]: client }, stubs: { RouterLink: RouterLinkStub } } });
  mounted.push(wrapper);
  return { wrapper, calls };
}

describe('MyFollowUpsPage', () => {
  it("lists the viewer's follow-ups in the server's order, overdue first, and counts them", async () => {
    const { wrapper } = mountPage();
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="follow-up"]')).toHaveLength(2));
    expect(wrapper.findAll('[data-testid="follow-up"]').map((r) => r.attributes('data-overdue'))).toEqual(['true', 'false']);
    expect(wrapper.find('[data-testid="follow-ups-summary"]').text().replace(/\s+/g, ' ')).toBe('2 open · 1 overdue');
  });

  it('shows the done ones on request', async () => {
    const { wrapper, calls } = mountPage();
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="follow-up"]')).toHaveLength(2));
    await wrapper.find('[data-testid="follow-ups-include-done"]').setValue(true);
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="follow-up"]')).toHaveLength(3));
    expect(calls.filter((c) => c.operationName === 'MyFollowUps').map((c) => c.variables.includeDone)).toEqual([false, true]);
    expect(wrapper.findAll('[data-testid="follow-up"]')[2]!.attributes('data-done')).toBe('true');
  });
});
