import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdminUpdateUserDocument, type AdminUpdateUserMutation, type AdminUserFragment } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation } from '@/shared/testing/mock-apollo-client';
import UserForm from './UserForm.vue';

const ines: AdminUserFragment = { __typename: 'User', id: 'u2', name: 'Ines Invoicing', email: 'ines@demo.test', handle: 'ines', roles: ['INVOICING_REP'], active: true, version: 1 };
const ada: AdminUserFragment = { __typename: 'User', id: 'u1', name: 'Ada Admin', email: 'admin@demo.test', handle: 'ada', roles: ['ADMIN'], active: true, version: 1 };

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

function mountForm(user: AdminUserFragment, respond: () => { data: AdminUpdateUserMutation }) {
  const { client, calls } = createMockApolloClient([mockOperation(AdminUpdateUserDocument, respond)]);
  const wrapper = mount(UserForm, { props: { user }, attachTo: document.body, global: { provide: { [apolloClientKey as symbol]: client } } });
  mounted.push(wrapper);
  return { wrapper, calls };
}

describe('UserForm', () => {
  it('sends the roles ticked and deactivation', async () => {
    const { wrapper, calls } = mountForm(ines, () => ({
      data: { updateUser: { __typename: 'UserPayload', user: { ...ines, roles: ['INVOICING_REP', 'ACCOUNTANT'], active: false }, userErrors: [] } },
    }));
    await wrapper.find('[data-testid="role-ACCOUNTANT"]').setValue(true);
    await wrapper.find('[data-testid="user-active"]').setValue(false);
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.emitted('saved')).toBeDefined());
    expect(calls[0]?.variables).toEqual({ input: { userId: 'u2', expectedVersion: 1, name: 'Ines Invoicing', roles: ['ACCOUNTANT', 'INVOICING_REP'], active: false } });
  });

  it('leaves to the server what may not change (an admin’s own Admin role), and shows its refusal on the field', async () => {
    const { wrapper, calls } = mountForm(ada, () => ({
      data: {
        updateUser: {
          __typename: 'UserPayload',
          user: null,
          userErrors: [{ __typename: 'UserError', code: 'INVALID_INPUT', message: 'You cannot remove your own Admin role; ask another admin.', field: ['input', 'roles'] }],
        },
      },
    }));
    expect(wrapper.find('[data-testid="role-ADMIN"]').attributes('disabled')).toBeUndefined();
    await wrapper.find('[data-testid="role-ADMIN"]').setValue(false);
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="roles-error"]').exists()).toBe(true));
    expect(wrapper.find('[data-testid="roles-error"]').text()).toBe('You cannot remove your own Admin role; ask another admin.');
    expect(calls[0]?.variables).toEqual({ input: { userId: 'u1', expectedVersion: 1, name: 'Ada Admin', roles: [], active: true } });
  });
});
