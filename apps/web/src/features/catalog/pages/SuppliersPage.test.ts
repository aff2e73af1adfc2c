import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CatalogCreateSupplierDocument,
  CatalogSuppliersDocument,
  ViewerCanDocument,
  ViewerDocument,
  type CatalogCreateSupplierMutation,
  type CatalogSupplierFragment,
  type CatalogSuppliersQuery,
  type ViewerQuery,
} from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockResponse } from '@/shared/testing/mock-apollo-client';
import { viewerCanAnswer } from '@/shared/testing/permissions';
import SuppliersPage from './SuppliersPage.vue';

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((wrapper) => wrapper.unmount()));

describe('SuppliersPage', () => {
  it('starts empty, creates a supplier and lists it', async () => {
    const list: CatalogSupplierFragment[] = [];
    const { client } = createMockApolloClient([
      mockOperation(CatalogSuppliersDocument, (): MockResponse<CatalogSuppliersQuery> => ({ data: { suppliers: [...list] } })),
      mockOperation(ViewerDocument, (): MockResponse<ViewerQuery> => ({
        data: {
          me: { __typename: 'User', id: 'u1', name: 'Pat Purchasing', email: 'p@demo.test', handle: 'pat', roles: ['PURCHASING'] },
          organization: { __typename: 'Organization', id: 'o1', name: 'Demo', currency: 'USD' },
        },
      })),
      mockOperation(ViewerCanDocument, () => viewerCanAnswer('createSupplier', 'createProduct', 'adjustStock', 'createPurchaseOrder')),
      mockOperation(CatalogCreateSupplierDocument, (v): MockResponse<CatalogCreateSupplierMutation> => {
        const created: CatalogSupplierFragment = { __typename: 'Supplier', id: 's1', name: v.name, email: v.email ?? null, version: 1 };
        list.push(created);
        return { data: { createSupplier: { __typename: 'SupplierPayload', supplier: created, userErrors: [] } } };
      }),
    ]);
    const wrapper = mount(SuppliersPage, { attachTo: document.body, global: { provide: { [apolloClientKey as symbol]: client } } });
    mounted.push(wrapper);
    await vi.waitFor(() => expect(wrapper.find('[data-testid="suppliers-empty"]').exists()).toBe(true));
    await flushPromises();
    expect(wrapper.find('h1').text()).toBe('Suppliers');
    expect(wrapper.find('[data-testid="suppliers-empty"]').text()).toBe('No suppliers yet.');
    expect(wrapper.find('label[for="suppliers-search"]').text()).toBe('Search suppliers');

    await wrapper.find('[data-testid="supplier-new"]').trigger('click');
    await wrapper.find('[data-testid="supplier-form"] [name="name"]').setValue('Mugs & Co');
    await wrapper.find('[data-testid="supplier-form"]').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="supplier-row-s1"]').exists()).toBe(true));

    expect(wrapper.find('[data-testid="notice"]').text()).toBe('Supplier Mugs & Co created.');
    expect(wrapper.find('[data-testid="suppliers-table"] caption').text()).toBe('Suppliers, by name');
    expect(wrapper.findAll('[data-testid="supplier-row-s1"] td').map((td) => td.text())).toEqual(['Mugs & Co', 'none', 'Edit']);
    expect(wrapper.find('[data-testid="supplier-edit"]').attributes('aria-label')).toBe('Edit Mugs & Co');
  });
});
