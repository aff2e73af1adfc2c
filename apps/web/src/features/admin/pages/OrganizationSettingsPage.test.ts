import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  OrganizationSettingsPageDocument,
  UpdateOrganizationDocument,
  ViewerCanDocument,
  type OrganizationSettingsFragment,
  type UpdateOrganizationMutation,
} from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation } from '@/shared/testing/mock-apollo-client';
import { expectNoRoleLiterals } from '@/shared/testing/no-role-literals';
import { viewerCanAnswer } from '@/shared/testing/permissions';
import OrganizationSettingsPage from './OrganizationSettingsPage.vue';
import source from './OrganizationSettingsPage.vue?raw';

const demo: OrganizationSettingsFragment = {
  __typename: 'Organization',
  id: 'o1',
  name: 'Demo Distributing Co.',
  version: 4,
  remitTo: 'PO Box 4410\nColumbus, OH 43216',
  invoiceTerms: null,
  address: { __typename: 'PostalAddress', line1: '1200 Commerce Drive', line2: 'Suite 300', city: 'Columbus', region: 'OH', postalCode: '43215', country: 'United States' },
};

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

async function mountPage(mayChange: boolean) {
  let current = demo;
  const { client, calls } = createMockApolloClient([
    mockOperation(OrganizationSettingsPageDocument, () => ({ data: { organization: current } })),
    mockOperation(ViewerCanDocument, () => (mayChange ? viewerCanAnswer('updateOrganization') : viewerCanAnswer())),
    mockOperation(UpdateOrganizationDocument, (v): { data: UpdateOrganizationMutation } => {
      if (v.input.expectedVersion !== current.version)
        return { data: { updateOrganization: { __typename: 'OrganizationPayload', organization: null, userErrors: [{ __typename: 'UserError', code: 'CONFLICT', message: 'Someone else changed the settings.', field: ['input', 'expectedVersion'] }] } } };
      if ((v.input.remitTo ?? '').length > 500)
        return { data: { updateOrganization: { __typename: 'OrganizationPayload', organization: null, userErrors: [{ __typename: 'UserError', code: 'INVALID_INPUT', message: 'Remit-to is at most 500 characters.', field: ['input', 'remitTo'] }] } } };
      current = { ...current, version: current.version + 1, invoiceTerms: v.input.invoiceTerms || null, remitTo: v.input.remitTo || null };
      return { data: { updateOrganization: { __typename: 'OrganizationPayload', organization: current, userErrors: [] } } };
    }),
  ]);
  const wrapper = mount(OrganizationSettingsPage, { attachTo: document.body, global: { provide: { [apolloClientKey as symbol]: client } } });
  mounted.push(wrapper);
  await vi.waitFor(() => expect(wrapper.find('[data-testid="organization-form"], [data-testid="permission-notice"]').exists()).toBe(true));
  await flushPromises();
  return { wrapper, calls };
}

describe('OrganizationSettingsPage', () => {
  it('shows the address, remit-to and terms as stored and saves them with the version shown', async () => {
    const { wrapper, calls } = await mountPage(true);
    const value = (testid: string) => (wrapper.get(`[data-testid="${testid}"]`).element as HTMLInputElement).value;
    expect(value('address-line1')).toBe('1200 Commerce Drive');
    expect(value('address-postalCode')).toBe('43215');
    expect(value('organization-remit-to')).toBe('PO Box 4410\nColumbus, OH 43216');
    await wrapper.get('[data-testid="organization-terms"]').setValue('Finance charge of 1.5% per month past due.');
    await wrapper.get('[data-testid="organization-form"]').trigger('submit');
    await vi.waitFor(() => expect(wrapper.get('[data-testid="notice"]').text()).toContain('Settings saved.'));
    expect(calls.find((c) => c.operationName === 'UpdateOrganization')!.variables).toMatchObject({
      input: { expectedVersion: 4, invoiceTerms: 'Finance charge of 1.5% per month past due.', address: { line1: '1200 Commerce Drive', line2: 'Suite 300', city: 'Columbus', region: 'OH', postalCode: '43215', country: 'United States' } },
    });
    // The next save sends the version the server answered.
    await wrapper.get('[data-testid="organization-form"]').trigger('submit');
    await flushPromises();
    expect(calls.filter((c) => c.operationName === 'UpdateOrganization').at(-1)!.variables).toMatchObject({ input: { expectedVersion: 5 } });
  });

  it('shows a refusal under the field it names', async () => {
    const { wrapper } = await mountPage(true);
    await wrapper.get('[data-testid="organization-remit-to"]').setValue('x'.repeat(501));
    await wrapper.get('[data-testid="organization-form"]').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="remit-to-error"]').exists()).toBe(true));
    expect(wrapper.get('[data-testid="remit-to-error"]').text()).toBe('Remit-to is at most 500 characters.');
    expect(wrapper.get('[data-testid="organization-remit-to"]').attributes('aria-invalid')).toBe('true');
  });

  it('says why, in the server’s words, to whom may not change them', async () => {
    const { wrapper } = await mountPage(false);
    expect(wrapper.find('[data-testid="organization-form"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="permission-notice"]').text()).toBe('Your role does not allow updateOrganization.');
    expectNoRoleLiterals(source, 'OrganizationSettingsPage');
  });
});
