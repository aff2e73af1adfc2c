import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { BusinessAlertsDocument } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation } from '@/shared/testing/mock-apollo-client';
import BusinessAlertsPage from './BusinessAlertsPage.vue';

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((wrapper) => wrapper.unmount()));

describe('BusinessAlertsPage', () => {
  it('shows each count as a card linking to its list, and links every report', async () => {
    const { client } = createMockApolloClient([
      mockOperation(BusinessAlertsDocument, () => ({
        data: {
          businessAlerts: { __typename: 'BusinessAlerts', lowStock: 3, backorderedOrders: 2, problemPurchaseOrders: 1, readyToInvoice: 4, overdueInvoices: 5, unreadNotifications: 0 },
        },
      })),
    ]);
    const stub = { render: () => h('p') };
    const names = ['home', 'invoicing-queue', 'report-invoices', 'report-backorders', 'report-backlog', 'report-reorder', 'report-aging', 'production'];
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/reports', name: 'reports', component: BusinessAlertsPage },
        ...names.map((name) => ({ path: `/${name}`, name, component: stub })),
      ],
    });
    await router.push('/reports');
    await router.isReady();
    const wrapper = mount(BusinessAlertsPage, { global: { plugins: [router], provide: { [apolloClientKey as symbol]: client } } });
    mounted.push(wrapper);
    await vi.waitFor(() => {
      if (!wrapper.find('[data-testid="alert-count-lowStock"]').exists()) throw new Error('waiting');
    });

    const count = (key: string) => wrapper.find(`[data-testid="alert-count-${key}"]`).text();
    expect([count('lowStock'), count('backorderedOrders'), count('problemPurchaseOrders'), count('readyToInvoice'), count('overdueInvoices'), count('unreadNotifications')]).toEqual(['3', '2', '1', '4', '5', '0']);
    const href = (key: string) => wrapper.find(`[data-testid="alert-${key}"]`).attributes('href');
    expect(href('lowStock')).toBe('/report-reorder');
    expect(href('backorderedOrders')).toBe('/report-backorders?notYetInvoiced=1');
    expect(href('problemPurchaseOrders')).toBe('/production?status=ATTENTION');
    expect(href('readyToInvoice')).toBe('/invoicing-queue');
    expect(href('overdueInvoices')).toBe('/report-aging');
    for (const report of ['invoices', 'aging', 'backorders', 'backlog', 'reorder', 'production']) {
      expect(wrapper.find(`[data-testid="report-link-${report}"]`).exists()).toBe(true);
    }
  });
});
