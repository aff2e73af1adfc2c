import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CatalogAdjustStockDocument, type CatalogAdjustStockMutation, type CatalogProductFragment } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockResponse } from '@/shared/testing/mock-apollo-client';
import ProductStockAdjustForm from './ProductStockAdjustForm.vue';

const bolt: CatalogProductFragment = {
  __typename: 'Product',
  id: 'p2',
  sku: 'BOLT-M8',
  name: 'M8 bolt, box of 50',
  inventoried: true,
  taxable: true,
  priceCents: 100,
  costCents: 30,
  supplier: null,
  onHand: 10,
  committed: 4,
  onOrder: 0,
  available: 6,
  minStock: 50,
  maxStock: 500,
  version: 2,
};

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

function mountForm(respond: (v: { quantity: number }) => MockResponse<CatalogAdjustStockMutation>) {
  const { client, calls } = createMockApolloClient([mockOperation(CatalogAdjustStockDocument, respond)]);
  const wrapper = mount(ProductStockAdjustForm, { props: { product: bolt }, attachTo: document.body, global: { provide: { [apolloClientKey as symbol]: client } } });
  mounted.push(wrapper);
  return { wrapper, calls };
}

describe('ProductStockAdjustForm', () => {
  it('removes stock as a negative quantity and previews on hand afterwards', async () => {
    const { wrapper, calls } = mountForm((v) => ({
      data: { adjustStock: { __typename: 'ProductPayload', product: { ...bolt, onHand: bolt.onHand + v.quantity }, userErrors: [] } },
    }));
    await wrapper.find('[data-testid="stock-remove"]').setValue(true);
    await wrapper.find('[name="quantity"]').setValue('3');
    expect(wrapper.find('[data-testid="stock-after"]').text()).toBe('7');
    await wrapper.find('[name="reason"]').setValue(' damaged ');
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.emitted('saved')).toBeDefined());
    expect(calls[0]?.variables).toEqual({ productId: 'p2', quantity: -3, reason: 'damaged' });
    expect(wrapper.emitted('saved')?.[0]).toEqual([{ ...bolt, onHand: 7 }, -3]);
  });

  it('shows INSUFFICIENT_STOCK next to the quantity', async () => {
    const { wrapper } = mountForm(() => ({
      data: {
        adjustStock: {
          __typename: 'ProductPayload',
          product: null,
          userErrors: [{ __typename: 'UserError', code: 'INSUFFICIENT_STOCK', message: 'On hand cannot go below the 4 scheduled to orders (it would be 0).', field: ['quantity'] }],
        },
      },
    }));
    await wrapper.find('[data-testid="stock-remove"]').setValue(true);
    await wrapper.find('[name="quantity"]').setValue('10');
    await wrapper.find('[name="reason"]').setValue('count');
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="quantity-error"]').exists()).toBe(true));
    await flushPromises();
    expect(wrapper.find('[data-testid="quantity-error"]').text()).toBe('On hand cannot go below the 4 scheduled to orders (it would be 0).');
    expect(document.activeElement).toBe(wrapper.find('[name="quantity"]').element);
  });
});
