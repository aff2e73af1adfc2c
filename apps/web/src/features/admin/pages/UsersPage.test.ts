import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AdminCreateUserDocument,
  AdminUsersDocument,
  ViewerCanDocument,
  ViewerDocument,
  type AdminCreateUserMutation,
  type AdminUserFragment,
  type AdminUsersQuery,
  type ViewerQuery,
} from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockResponse } from '@/shared/testing/mock-apollo-client';
import { viewerCanAnswer } from '@/shared/testing/permissions';
import UsersPage from './UsersPage.vue';

const ada: AdminUserFragment = { __typename: 'User', id: 'u1', name: 'Ada Admin', email: 'admin@demo.test', handle: 'ada', roles: ['ADMIN'], active: true, version: 1 };
const ines: AdminUserFragment = { __typename: 'User', id: 'u2', name: 'Ines Invoicing', email: 'ines@demo.test', handle: 'ines', roles: ['INVOICING_REP'], active: true, version: 1 };
const olga: AdminUserFragment = { __typename: 'User', id: 'u3', name: 'Olga Orders', email: 'olga@demo.test', handle: 'olga', roles: ['ORDER_REP', 'INVOICING_REP'], active: true, version: 1 };

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((wrapper) => wrapper.unmount()));

/** mayManage: what the server answers for viewerCan.createUser. */
async function mountPage(mayManage = true) {
  const list = [ada, ines, olga];
  const { client, calls } = createMockApolloClient([
    mockOperation(AdminUsersDocument, (): MockResponse<AdminUsersQuery> => ({ data: { users: [...list] } })),
    mockOperation(ViewerDocument, (): MockResponse<ViewerQuery> => ({
      data: {
        me: { __typename: 'User', id: 'u1', name: 'Ada Admin', email: 'admin@demo.test', handle: 'ada', roles: ['ADMIN'] },
        organization: { __typename: 'Organization', id: 'o1', name: 'Demo', currency: 'USD' },
      },
    })),
    mockOperation(ViewerCanDocument, () => (mayManage ? viewerCanAnswer('createUser') : viewerCanAnswer())),
    mockOperation(AdminCreateUserDocument, (v): MockResponse<AdminCreateUserMutation> => {
      const created: AdminUserFragment = { __typename: 'User', id: 'u4', name: v.name, email: v.email, handle: 'pat', roles: [v.roles].flat(), active: true, version: 1 };
      list.push(created);
      return { data: { createUser: { __typename: 'UserPayload', user: created, userErrors: [] } } };
    }),
  ]);
  const wrapper = mount(UsersPage, { attachTo: document.body, global: { provide: { [apolloClientKey as symbol]: client } } });
  mounted.push(wrapper);
  await vi.waitFor(() => expect(wrapper.find('[data-testid="users-table"]').exists()).toBe(true));
  await flushPromises();
  const listed = () => wrapper.findAll('[data-testid^="user-row-"]').map((row) => row.attributes('data-testid'));
  const fetches = () => calls.filter((call) => call.operationName === 'AdminUsers').length;
  return { wrapper, listed, fetches };
}

describe('UsersPage', () => {
  it('searches by name, e-mail or @handle, within the role chosen', async () => {
    const { wrapper, listed } = await mountPage();
    expect(listed()).toEqual(['user-row-ada', 'user-row-ines', 'user-row-olga']);
    await wrapper.find('[data-testid="users-search"]').setValue(' @INES ');
    expect(listed()).toEqual(['user-row-ines']);
    await wrapper.find('[data-testid="users-search"]').setValue('');
    await wrapper.find('[data-testid="users-role"]').setValue('INVOICING_REP');
    expect(listed()).toEqual(['user-row-ines', 'user-row-olga']);
    await wrapper.find('[data-testid="users-search"]').setValue('olga@');
    expect(listed()).toEqual(['user-row-olga']);
    await wrapper.find('[data-testid="users-search"]').setValue('ada');
    expect(wrapper.find('[data-testid="users-empty"]').text()).toBe('No user matches.');
  });

  it('adds a user, announces their handle and loads the list again', async () => {
    const { wrapper, listed, fetches } = await mountPage();
    await wrapper.find('[data-testid="user-new"]').trigger('click');
    await wrapper.find('[data-testid="user-form"] [name="name"]').setValue('Pat Purchasing');
    await wrapper.find('[data-testid="user-form"] [name="email"]').setValue('pat@demo.test');
    await wrapper.find('[data-testid="user-form"] [name="password"]').setValue('correct horse');
    await wrapper.find('[data-testid="user-form"]').trigger('submit');
    await vi.waitFor(() => expect(listed()).toContain('user-row-pat'));

    expect(wrapper.find('[data-testid="notice"]').text()).toBe('Pat Purchasing added as @pat.');
    expect(wrapper.find('[data-testid="user-form"]').exists()).toBe(false);
    expect(fetches()).toBe(2);
  });

  it('offers no add or edit when the server does not let the viewer manage users', async () => {
    const { wrapper } = await mountPage(false);
    expect(wrapper.find('[data-testid="user-new"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="user-edit"]').exists()).toBe(false);
  });

  it('offers every role of the schema in the filter, in the users\' words', async () => {
    const { wrapper } = await mountPage();
    const options = wrapper.findAll('[data-testid="users-role"] option').map((o) => o.text());
    expect(options).toEqual(['Every role', 'Accountant', 'Admin', 'Invoicing rep', 'Order rep', 'Production rep', 'Purchasing']);
  });
});
