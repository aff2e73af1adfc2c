import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CatalogCreateProductDocument,
  CatalogUpdateProductDocument,
  type CatalogCreateProductMutation,
  type CatalogProductFragment,
  type CatalogUpdateProductMutation,
} from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockedOperation } from '@/shared/testing/mock-apollo-client';
import ProductForm from './ProductForm.vue';

const suppliers = [
  { __typename: 'Supplier' as const, id: 's1', name: 'Mugs & Co', email: null, version: 1 },
  { __typename: 'Supplier' as const, id: 's2', name: 'Widget Works', email: 'orders@widgets.example', version: 1 },
];

const widget: CatalogProductFragment = {
  __typename: 'Product',
  id: 'p1',
  sku: 'WID-100',
  name: 'Widget 100',
  inventoried: true,
  taxable: true,
  priceCents: 400,
  costCents: 180,
  supplier: { __typename: 'Supplier', id: 's2', name: 'Widget Works' },
  onHand: 12,
  committed: 3,
  onOrder: 0,
  available: 9,
  minStock: 20,
  maxStock: 150,
  version: 4,
};

type UserErrors = CatalogCreateProductMutation['createProduct']['userErrors'];
const refusedCreate = (...errors: Omit<UserErrors[number], '__typename'>[]): { data: CatalogCreateProductMutation } => ({
  data: { createProduct: { __typename: 'ProductPayload', product: null, userErrors: errors.map((e) => ({ __typename: 'UserError', ...e })) } },
});

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

function mountForm(operations: MockedOperation[], product: CatalogProductFragment | null = null) {
  const { client, calls } = createMockApolloClient(operations);
  const wrapper = mount(ProductForm, {
    props: { product, suppliers, currency: 'USD' },
    attachTo: document.body,
    global: { provide: { [apolloClientKey as symbol]: client } },
  });
  mounted.push(wrapper);
  return { wrapper, calls };
}

async function settled(done: () => boolean): Promise<void> {
  await vi.waitFor(() => {
    if (!done()) throw new Error('still waiting');
  });
  await flushPromises();
}

describe('ProductForm', () => {
  it('labels every field', () => {
    const { wrapper } = mountForm([]);
    for (const [name, label] of [
      ['sku', 'SKU'],
      ['name', 'Name'],
      ['price', 'Price (USD)'],
      ['cost', 'Cost (USD)'],
      ['supplierId', 'Preferred supplier'],
      ['minStock', 'Minimum stock'],
      ['maxStock', 'Maximum stock'],
    ]) {
      const input = wrapper.find(`[name="${name}"]`);
      expect(wrapper.find(`label[for="${input.attributes('id')}"]`).text(), name).toBe(label);
    }
    expect(wrapper.find('fieldset legend').text()).toBe('Fulfilment');
  });

  it('sends money typed as decimals as exact integer cents, and the drop-ship choice', async () => {
    const created = vi.fn(
      (v: { sku: string; name: string }): { data: CatalogCreateProductMutation } => ({
        data: { createProduct: { __typename: 'ProductPayload', product: { ...widget, id: 'p9', sku: v.sku, name: v.name }, userErrors: [] } },
      }),
    );
    const { wrapper, calls } = mountForm([mockOperation(CatalogCreateProductDocument, created)]);
    await wrapper.find('[name="sku"]').setValue(' MUG-11OZ ');
    await wrapper.find('[name="name"]').setValue('11 oz mug');
    await wrapper.find('[name="price"]').setValue('$1,234.5');
    await wrapper.find('[name="cost"]').setValue('0.07');
    await wrapper.find('[data-testid="kind-drop-ship"]').setValue(true);
    await wrapper.find('[name="supplierId"]').setValue('s1');
    await wrapper.find('form').trigger('submit');
    await settled(() => wrapper.emitted('saved') !== undefined);

    expect(calls).toEqual([
      {
        operationName: 'CatalogCreateProduct',
        variables: { sku: 'MUG-11OZ', name: '11 oz mug', priceCents: 123450, costCents: 7, inventoried: false, supplierId: 's1', minStock: 0, maxStock: 0, taxable: true },
      },
    ]);
    expect(wrapper.emitted('saved')?.[0]?.[0]).toMatchObject({ id: 'p9', sku: 'MUG-11OZ' });
  });

  it('is taxable unless unticked, and sends the choice on create and on edit', async () => {
    const created = (): { data: CatalogCreateProductMutation } => ({
      data: { createProduct: { __typename: 'ProductPayload', product: { ...widget, id: 'p9', taxable: false }, userErrors: [] } },
    });
    const { wrapper, calls } = mountForm([mockOperation(CatalogCreateProductDocument, created)]);
    const taxable = wrapper.find('[data-testid="product-taxable"]');
    expect((taxable.element as HTMLInputElement).checked).toBe(true);
    await wrapper.find('[name="sku"]').setValue('GIFT-CARD');
    await wrapper.find('[name="name"]').setValue('Gift card');
    await wrapper.find('[name="price"]').setValue('25');
    await wrapper.find('[name="cost"]').setValue('25');
    await taxable.setValue(false);
    await wrapper.find('form').trigger('submit');
    await settled(() => wrapper.emitted('saved') !== undefined);
    expect(calls[0]?.variables).toMatchObject({ sku: 'GIFT-CARD', taxable: false });

    const edited = mountForm([], { ...widget, taxable: false });
    expect((edited.wrapper.find('[data-testid="product-taxable"]').element as HTMLInputElement).checked).toBe(false);
  });

  it('refuses an amount it cannot read without asking the server, next to its field', async () => {
    const { wrapper, calls } = mountForm([]);
    await wrapper.find('[name="sku"]').setValue('X-1');
    await wrapper.find('[name="price"]').setValue('12.345');
    await wrapper.find('[name="cost"]').setValue('abc');
    await wrapper.find('form').trigger('submit');
    await flushPromises();

    expect(calls).toEqual([]);
    const price = wrapper.find('[name="price"]');
    expect(price.attributes('aria-invalid')).toBe('true');
    expect(wrapper.find(`#${price.attributes('aria-describedby')}`).text()).toBe('Enter an amount like 12.50.');
    expect(wrapper.find('[data-testid="cost-error"]').text()).toBe('Enter an amount like 12.50.');
    expect(document.activeElement).toBe(price.element);
  });

  it('shows each userError next to the field it names, and the rest above the form', async () => {
    const { wrapper } = mountForm([
      mockOperation(CatalogCreateProductDocument, () =>
        refusedCreate(
          { code: 'DUPLICATE', message: 'SKU WID-100 is already in your catalog.', field: ['sku'] },
          { code: 'INVALID_INPUT', message: 'A price is 0 or more, at most 1,000,000,000.00.', field: ['priceCents'] },
          { code: 'INVALID_INPUT', message: 'The maximum stock cannot be below the minimum.', field: ['maxStock'] },
          { code: 'NOT_FOUND', message: 'Something else.', field: null },
        ),
      ),
    ]);
    await wrapper.find('[name="sku"]').setValue('WID-100');
    await wrapper.find('[name="price"]').setValue('-1');
    await wrapper.find('[name="cost"]').setValue('1');
    await wrapper.find('form').trigger('submit');
    await settled(() => wrapper.find('[data-testid="sku-error"]').exists());

    const sku = wrapper.find('[name="sku"]');
    const error = wrapper.find('[data-testid="sku-error"]');
    expect(error.text()).toBe('SKU WID-100 is already in your catalog.');
    expect(sku.element.parentElement?.contains(error.element)).toBe(true);
    expect(sku.attributes('aria-describedby')).toBe(error.attributes('id'));
    expect(wrapper.find('[data-testid="price-error"]').text()).toBe('A price is 0 or more, at most 1,000,000,000.00.');
    expect(wrapper.find('[name="maxStock"]').element.parentElement?.textContent).toContain('The maximum stock cannot be below the minimum.');
    expect(wrapper.find('[data-testid="form-error"]').text()).toBe('Something else.');
    expect(wrapper.emitted('saved')).toBeUndefined();
  });

  it('edits with the values shown as decimals, the version seen, and the SKU read-only; an update error lands on its field', async () => {
    const respond = vi.fn(
      (): { data: CatalogUpdateProductMutation } => ({
        data: {
          updateProduct: {
            __typename: 'ProductPayload',
            product: null,
            userErrors: [
              { __typename: 'UserError', code: 'INVALID_TRANSITION', message: 'The product cannot become drop-ship while it has 12 on hand.', field: ['input', 'inventoried'] },
            ],
          },
        },
      }),
    );
    const { wrapper, calls } = mountForm([mockOperation(CatalogUpdateProductDocument, respond)], widget);
    expect((wrapper.find('[name="price"]').element as HTMLInputElement).value).toBe('4.00');
    expect((wrapper.find('[name="cost"]').element as HTMLInputElement).value).toBe('1.80');
    expect(wrapper.find('[name="sku"]').attributes('readonly')).toBeDefined();
    expect((wrapper.find('[name="supplierId"]').element as HTMLSelectElement).value).toBe('s2');

    await wrapper.find('[name="price"]').setValue('4.5');
    await wrapper.find('[data-testid="kind-drop-ship"]').setValue(true);
    await wrapper.find('form').trigger('submit');
    await settled(() => wrapper.find('[data-testid="inventoried-error"]').exists());

    expect(calls[0]?.variables).toEqual({
      input: { productId: 'p1', expectedVersion: 4, name: 'Widget 100', priceCents: 450, costCents: 180, minStock: 20, maxStock: 150, inventoried: false, supplierId: 's2', taxable: true },
    });
    expect(wrapper.find('[data-testid="inventoried-error"]').text()).toBe('The product cannot become drop-ship while it has 12 on hand.');
  });
});
