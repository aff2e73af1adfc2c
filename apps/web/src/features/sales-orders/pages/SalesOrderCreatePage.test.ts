import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { CreateSalesOrderDocument, SalesOrderNewProjectDocument, ViewerDocument, type CreateSalesOrderMutation, type ViewerQuery } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation } from '@/shared/testing/mock-apollo-client';
import { allowed } from '@/shared/testing/permissions';
import SalesOrderProductPicker, { type PickedProduct } from '../components/SalesOrderProductPicker.vue';
import SalesOrderCreatePage from './SalesOrderCreatePage.vue';

const viewer: ViewerQuery = {
  me: { __typename: 'User', id: 'u1', name: 'Oscar Order', email: 'order@demo.test', handle: 'oscar', roles: ['ORDER_REP'] },
  organization: { __typename: 'Organization', id: 'o1', name: 'Demo', currency: 'USD' },
};
const mug: PickedProduct = {
  __typename: 'Product',
  id: 'p1',
  sku: 'MUG-11',
  name: 'Mug 11oz',
  priceCents: 450,
  costCents: 200,
  inventoried: true,
  taxable: true,
  onHand: 10,
  available: 10,
  supplier: { __typename: 'Supplier', id: 's1', name: 'Mugs & Co' },
};

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

async function mountPage(create: () => { data: CreateSalesOrderMutation }) {
  const { client, calls } = createMockApolloClient([
    mockOperation(ViewerDocument, () => ({ data: viewer })),
    mockOperation(SalesOrderNewProjectDocument, () => ({
      data: { project: { __typename: 'Project' as const, id: 'prj1', number: 'PRJ-1001', name: 'Trade show', client: { __typename: 'Client' as const, id: 'c1', name: 'Acme' }, can: { __typename: 'ProjectCan' as const, createSalesOrder: allowed } } },
    })),
    mockOperation(CreateSalesOrderDocument, create),
  ]);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/projects/:projectId/sales-orders/new', name: 'sales-order-new', component: SalesOrderCreatePage },
      ...['project', 'projects', 'sales-order', 'purchase-order'].map((name) => ({ path: `/${name}/:id?`, name, component: { render: () => h('p', name) } })),
    ],
  });
  await router.push('/projects/prj1/sales-orders/new');
  await router.isReady();
  const wrapper = mount(SalesOrderCreatePage, { attachTo: document.body, global: { plugins: [router], provide: { [apolloClientKey as symbol]: client } } });
  mounted.push(wrapper);
  await vi.waitFor(() => expect(wrapper.findComponent(SalesOrderProductPicker).exists()).toBe(true));
  wrapper.findComponent(SalesOrderProductPicker).vm.$emit('pick', mug);
  await flushPromises();
  return { wrapper, calls };
}

const refusedOnSave = (): { data: CreateSalesOrderMutation } => ({
  data: {
    createSalesOrder: {
      __typename: 'SalesOrderPayload',
      salesOrder: null,
      userErrors: [{ __typename: 'UserError', code: 'INVALID_INPUT', message: 'A quantity is a whole number from 1 to 1,000,000,000.', field: ['input', 'lines', '0', 'quantity'] }],
    },
  },
});

describe('SalesOrderCreatePage line checks', () => {
  it('flags 0 and −5 under the quantity as they are typed, nothing under the description', async () => {
    const { wrapper, calls } = await mountPage(refusedOnSave);
    const quantity = wrapper.get('[data-testid="sales-order-line-quantity"]');
    for (const typed of ['0', '-5', 'ten']) {
      await quantity.setValue(typed);
      const error = wrapper.get('[data-testid="sales-order-line-quantity-error"]');
      expect(error.text(), typed).toBe('A quantity is a whole number from 1 to 1,000,000,000.');
      expect(quantity.attributes('aria-describedby')).toBe(error.attributes('id'));
      expect(quantity.attributes('aria-invalid')).toBe('true');
      expect(wrapper.find('[data-testid="sales-order-line-error"]').exists(), typed).toBe(false);
    }
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(calls.filter((c) => c.operationName === 'CreateSalesOrder')).toEqual([]);
    await quantity.setValue('12');
    expect(wrapper.find('[data-testid="sales-order-line-quantity-error"]').exists()).toBe(false);
  });

  it('puts a price and a description refusal under their own fields', async () => {
    const { wrapper } = await mountPage(refusedOnSave);
    await wrapper.get('[data-testid="sales-order-line-price"]').setValue('-1');
    expect(wrapper.get('[data-testid="sales-order-line-price-error"]').text()).toBe('A unit price is 0 or more, at most 1,000,000,000.00.');
    await wrapper.get('[data-testid="sales-order-line-description"]').setValue('  ');
    expect(wrapper.get('[data-testid="sales-order-line-error"]').text()).toMatch(/^A description is 1 to \d+ characters\.$/);
    expect(wrapper.find('[data-testid="sales-order-line-quantity-error"]').exists()).toBe(false);
  });

  it("shows the server's refusal of a line's quantity under that quantity", async () => {
    const { wrapper, calls } = await mountPage(refusedOnSave);
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(calls.some((c) => c.operationName === 'CreateSalesOrder')).toBe(true));
    await flushPromises();
    expect(wrapper.get('[data-testid="sales-order-line-quantity-error"]').text()).toBe('A quantity is a whole number from 1 to 1,000,000,000.');
    expect(wrapper.find('[data-testid="sales-order-line-error"]').exists()).toBe(false);
  });
});
