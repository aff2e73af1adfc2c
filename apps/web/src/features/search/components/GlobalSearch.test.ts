import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { GlobalSearchDocument, type GlobalSearchQuery } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation } from '@/shared/testing/mock-apollo-client';
import GlobalSearch from './GlobalSearch.vue';

const results: GlobalSearchQuery['search'] = [
  { __typename: 'SearchResult', kind: 'SALES_ORDER', id: 'so1', number: 'SO-1001', title: 'Spring promo', subtitle: 'Globex' },
  { __typename: 'SearchResult', kind: 'DEPOSIT', id: 'dep1', number: 'DEP-1001', title: 'Spring promo', subtitle: 'Globex' },
  { __typename: 'SearchResult', kind: 'CLIENT', id: 'c1', number: null, title: 'Globex', subtitle: null },
];

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

async function mountSearch(found = results) {
  const mock = createMockApolloClient([mockOperation(GlobalSearchDocument, () => ({ data: { search: found } }))]);
  const page = { render: () => h('p', 'page') };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['/', '/sales-orders/:id', '/invoices/:id', '/sales-orders', '/projects/:id', '/purchase-orders/:id'].map((path) => ({
      path,
      name: { '/': 'home', '/sales-orders/:id': 'sales-order', '/invoices/:id': 'invoice', '/sales-orders': 'sales-orders', '/projects/:id': 'project', '/purchase-orders/:id': 'purchase-order' }[path],
      component: page,
    })),
  });
  await router.push('/');
  const wrapper = mount(GlobalSearch, { attachTo: document.body, global: { plugins: [router], provide: { [apolloClientKey as symbol]: mock.client } } });
  mounted.push(wrapper);
  return { wrapper, router, calls: mock.calls, input: wrapper.get('[role="combobox"]') };
}

describe('GlobalSearch', () => {
  it('is a labelled combobox that owns its listbox', async () => {
    const { wrapper, input } = await mountSearch();
    const label = wrapper.get(`label[for="${input.attributes('id')}"]`);
    expect(label.text()).toBe('Search by number or name');
    expect(input.attributes('aria-expanded')).toBe('false');
    expect(wrapper.get('[role="listbox"]').attributes('id')).toBe(input.attributes('aria-controls'));
  });

  it('asks nothing for one character, then lists what the server found in its words', async () => {
    const { wrapper, input, calls } = await mountSearch();
    await input.setValue('s');
    await flushPromises();
    expect(calls).toHaveLength(0);
    await input.setValue('so-1001');
    await vi.waitFor(() => expect(wrapper.findAll('[role="option"]')).toHaveLength(3));
    expect(calls).toEqual([{ operationName: 'GlobalSearch', variables: { query: 'so-1001', first: 10 } }]);
    expect(input.attributes('aria-expanded')).toBe('true');
    const options = wrapper.findAll('[role="option"]');
    expect(options[0]!.text()).toContain('Sales order');
    expect(options[0]!.text()).toContain('SO-1001');
    expect(options[1]!.text()).toContain('Deposit invoice');
    expect(options[2]!.text()).toContain('Client');
    expect(wrapper.text()).not.toMatch(/SALES_ORDER|CLIENT\b/);
    expect(wrapper.get('[role="status"]').text()).toBe('3 results');
  });

  it('moves with the arrows, opens the active result with Enter', async () => {
    const { wrapper, input, router } = await mountSearch();
    await input.setValue('1001');
    await vi.waitFor(() => expect(wrapper.findAll('[role="option"]')).toHaveLength(3));
    const options = () => wrapper.findAll('[role="option"]');
    expect(input.attributes('aria-activedescendant')).toBe(options()[0]!.attributes('id'));
    await input.trigger('keydown', { key: 'ArrowDown' });
    expect(input.attributes('aria-activedescendant')).toBe(options()[1]!.attributes('id'));
    expect(options()[1]!.attributes('aria-selected')).toBe('true');
    await input.trigger('keydown', { key: 'ArrowUp' });
    await input.trigger('keydown', { key: 'ArrowUp' });
    expect(input.attributes('aria-activedescendant')).toBe(options()[2]!.attributes('id'));
    await input.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/sales-orders?client=c1');
  });

  it('opens a deposit on the invoice page', async () => {
    const { wrapper, input, router } = await mountSearch();
    await input.setValue('dep');
    await vi.waitFor(() => expect(wrapper.findAll('[role="option"]')).toHaveLength(3));
    await input.trigger('keydown', { key: 'ArrowDown' });
    await input.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/invoices/dep1');
  });

  it('closes with Escape, clears with a second Escape', async () => {
    const { input } = await mountSearch();
    await input.setValue('globex');
    await vi.waitFor(() => expect(input.attributes('aria-expanded')).toBe('true'));
    await input.trigger('keydown', { key: 'Escape' });
    expect(input.attributes('aria-expanded')).toBe('false');
    expect((input.element as HTMLInputElement).value).toBe('globex');
    await input.trigger('keydown', { key: 'Escape' });
    expect((input.element as HTMLInputElement).value).toBe('');
    expect(input.attributes('aria-expanded')).toBe('false');
  });

  it('says when nothing matches', async () => {
    const { wrapper, input } = await mountSearch([]);
    await input.setValue('zzz');
    await vi.waitFor(() => expect(wrapper.get('[role="status"]').text()).toBe('Nothing matches “zzz”.'));
  });

  it('is reached with Ctrl-K from anywhere', async () => {
    const { input } = await mountSearch();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true }));
    expect(document.activeElement).toBe(input.element);
  });
});
