import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CatalogClientsDocument,
  CatalogCreateClientDocument,
  CatalogUpdateClientDocument,
  ViewerCanDocument,
  ViewerDocument,
  type CatalogClientFragment,
  type CatalogClientsQuery,
  type CatalogCreateClientMutation,
  type CatalogUpdateClientMutation,
  type ViewerQuery,
} from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockResponse } from '@/shared/testing/mock-apollo-client';
import { viewerCanAnswer } from '@/shared/testing/permissions';
import ClientsPage from './ClientsPage.vue';

const client = (id: string, name: string, email: string | null, version = 1): CatalogClientFragment => ({ __typename: 'Client', id, name, email, paymentTermsDays: 30, billingAddress: null, version });
const acme = client('c1', 'Acme Events', 'billing@acme.example');
const brio = client('c2', 'Brio Studio', null);

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((wrapper) => wrapper.unmount()));

/** mayAddClients: what the server answers for viewerCan.createClient. */
async function mountPage(mayAddClients: boolean, list = [acme, brio]) {
  const { client: apollo, calls } = createMockApolloClient([
    mockOperation(CatalogClientsDocument, (): MockResponse<CatalogClientsQuery> => ({ data: { clients: [...list] } })),
    mockOperation(ViewerDocument, (): MockResponse<ViewerQuery> => ({
      data: {
        me: { __typename: 'User', id: 'u1', name: 'Olga Orders', email: 'o@demo.test', handle: 'olga', roles: ['ORDER_REP'] },
        organization: { __typename: 'Organization', id: 'o1', name: 'Demo', currency: 'USD' },
      },
    })),
    mockOperation(ViewerCanDocument, () => (mayAddClients ? viewerCanAnswer('createClient') : viewerCanAnswer())),
    mockOperation(CatalogCreateClientDocument, (v): MockResponse<CatalogCreateClientMutation> => {
      const created = client('c3', v.name, v.email ?? null);
      list.push(created);
      return { data: { createClient: { __typename: 'ClientPayload', client: created, userErrors: [] } } };
    }),
    mockOperation(CatalogUpdateClientDocument, (v): MockResponse<CatalogUpdateClientMutation> => {
      const current = list.find((c) => c.id === v.input.clientId)!;
      const code = v.input.billingAddress?.postalCode ?? '';
      if (code.length > 20)
        return {
          data: {
            updateClient: { __typename: 'ClientPayload', client: null, userErrors: [{ __typename: 'UserError', code: 'INVALID_INPUT', message: 'Postal code is at most 20 characters.', field: ['input', 'billingAddress', 'postalCode'] }] },
          },
        };
      if (v.input.expectedVersion != null && v.input.expectedVersion !== current.version) {
        const message = "Someone else changed this client since you opened it; reload to see their change, then try again.";
        return { data: { updateClient: { __typename: 'ClientPayload', client: null, userErrors: [{ __typename: 'UserError', code: 'CONFLICT', message, field: ['input', 'expectedVersion'] }] } } };
      }
      return { data: { updateClient: { __typename: 'ClientPayload', client: { ...client(v.input.clientId, v.input.name ?? '', v.input.email ?? null, current.version + 1) }, userErrors: [] } } };
    }),
  ]);
  const wrapper = mount(ClientsPage, { attachTo: document.body, global: { provide: { [apolloClientKey as symbol]: apollo } } });
  mounted.push(wrapper);
  await vi.waitFor(() => expect(wrapper.find('[data-testid="clients-table"]').exists()).toBe(true));
  await flushPromises();
  const listed = () => wrapper.findAll('[data-testid^="client-row-"]').map((row) => row.find('td').text());
  const fetches = () => calls.filter((call) => call.operationName === 'CatalogClients').length;
  return { wrapper, listed, fetches, calls, list };
}

describe('ClientsPage', () => {
  it('searches by name or e-mail, and says when nothing matches', async () => {
    const { wrapper, listed } = await mountPage(true);
    expect(wrapper.find('h1').text()).toBe('Clients');
    expect(listed()).toEqual(['Acme Events', 'Brio Studio']);
    expect(wrapper.find('[data-testid="clients-table"] caption').text()).toBe('Clients, by name');

    await wrapper.find('[data-testid="clients-search"]').setValue('  BILLING@ ');
    expect(listed()).toEqual(['Acme Events']);
    await wrapper.find('[data-testid="clients-search"]').setValue('studio');
    expect(listed()).toEqual(['Brio Studio']);
    await wrapper.find('[data-testid="clients-search"]').setValue('zebra');
    expect(wrapper.find('[data-testid="clients-empty"]').text()).toBe('No client matches your search.');
  });

  it('creates a client, announces it and loads the list again', async () => {
    const { wrapper, listed, fetches } = await mountPage(true);
    await wrapper.find('[data-testid="client-new"]').trigger('click');
    expect(wrapper.find('[data-testid="client-new"]').exists()).toBe(false);
    await wrapper.find('[data-testid="client-form"] [name="name"]').setValue('Cato Catering');
    await wrapper.find('[data-testid="client-form"]').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="notice"]').exists()).toBe(true));
    await vi.waitFor(() => expect(listed()).toContain('Cato Catering'));

    expect(wrapper.find('[data-testid="notice"]').text()).toBe('Client Cato Catering created.');
    expect(wrapper.find('[role="status"]').text()).toBe('Client Cato Catering created.');
    expect(wrapper.find('[data-testid="client-form"]').exists()).toBe(false);
    expect(fetches()).toBe(2);
  });

  it('opens each client afresh for editing and saves without reloading the list', async () => {
    const { wrapper, fetches } = await mountPage(true);
    const edit = (index: number) => wrapper.findAll('[data-testid="client-edit"]')[index]!.trigger('click');
    await edit(0);
    expect(wrapper.find('[data-testid="client-form"] h2').text()).toBe('Edit Acme Events');
    await edit(1);
    expect(wrapper.find('[data-testid="client-form"] h2').text()).toBe('Edit Brio Studio');
    expect((wrapper.find('[data-testid="client-form"] [name="name"]').element as HTMLInputElement).value).toBe('Brio Studio');

    await wrapper.find('[data-testid="client-form"]').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="notice"]').exists()).toBe(true));
    expect(wrapper.find('[data-testid="notice"]').text()).toBe('Client Brio Studio saved.');
    expect(fetches()).toBe(1);
  });

  it('sends the version it showed, and on CONFLICT offers to load the latest version', async () => {
    const { wrapper, calls, list, fetches } = await mountPage(true, [acme, brio]);
    await wrapper.findAll('[data-testid="client-edit"]')[0]!.trigger('click');
    // Someone else saves Acme meanwhile.
    list[0] = { ...acme, name: 'Acme Events Ltd', version: 2 };
    await wrapper.find('[data-testid="client-form"] [name="name"]').setValue('Acme (mine)');
    await wrapper.find('[data-testid="client-form"]').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="form-reload"]').exists()).toBe(true));
    expect(calls.find((c) => c.operationName === 'CatalogUpdateClient')!.variables).toMatchObject({ input: { clientId: 'c1', expectedVersion: 1 } });
    expect(wrapper.find('[data-testid="form-error"]').text()).toContain('Someone else changed this client since you opened it');

    await wrapper.find('[data-testid="form-reload"]').trigger('click');
    await vi.waitFor(() => expect((wrapper.find('[data-testid="client-form"] [name="name"]').element as HTMLInputElement).value).toBe('Acme Events Ltd'));
    expect(fetches()).toBe(2);
    expect(wrapper.find('[data-testid="form-reload"]').exists()).toBe(false);
    await wrapper.find('[data-testid="client-form"]').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="notice"]').exists()).toBe(true));
    expect(calls.filter((c) => c.operationName === 'CatalogUpdateClient').at(-1)!.variables).toMatchObject({ input: { expectedVersion: 2 } });
  });

  it('edits the bill-to address: every part sent, blanks as none, a refusal under the part it names', async () => {
    const { wrapper, calls } = await mountPage(true, [{ ...acme, billingAddress: { __typename: 'PostalAddress', line1: '742 Evergreen Terrace', line2: null, city: 'Springfield', region: 'IL', postalCode: '62704', country: null } }, brio]);
    await wrapper.findAll('[data-testid="client-edit"]')[0]!.trigger('click');
    const form = wrapper.get('[data-testid="client-form"]');
    expect(form.get('legend').text()).toBe('Bill-to address');
    expect((form.get('[data-testid="address-line1"]').element as HTMLInputElement).value).toBe('742 Evergreen Terrace');
    expect(form.get('label[for$="-billing-city"]').text()).toBe('City');
    await form.get('[data-testid="address-postalCode"]').setValue('9'.repeat(21));
    await form.get('[data-testid="address-country"]').setValue('United States');
    await form.trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="address-postalCode-error"]').exists()).toBe(true));
    expect(wrapper.get('[data-testid="address-postalCode-error"]').text()).toBe('Postal code is at most 20 characters.');
    expect(wrapper.get('[data-testid="address-postalCode"]').attributes('aria-invalid')).toBe('true');
    expect(calls.find((c) => c.operationName === 'CatalogUpdateClient')!.variables).toMatchObject({
      input: { billingAddress: { line1: '742 Evergreen Terrace', line2: null, city: 'Springfield', region: 'IL', postalCode: '9'.repeat(21), country: 'United States' } },
    });
    await wrapper.get('[data-testid="address-postalCode"]').setValue('62704');
    await wrapper.get('[data-testid="client-form"]').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="notice"]').exists()).toBe(true));
  });

  it('offers no create or edit when the server does not let the viewer add clients', async () => {
    const { wrapper } = await mountPage(false);
    expect(wrapper.find('[data-testid="client-new"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="client-edit"]').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid="clients-table"] th').map((th) => th.text())).toEqual(['Name', 'Invoice e-mail', 'Payment terms']);
  });
});
