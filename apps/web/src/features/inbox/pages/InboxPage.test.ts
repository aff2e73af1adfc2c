import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { flushPromises, mount } from '@vue/test-utils';
import { Observable } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { NotificationItemFragment } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import InboxPage from './InboxPage.vue';

const can = (allowed: boolean) => ({ __typename: 'SalesOrderCan', createInvoice: { __typename: 'Permission', allowed, code: allowed ? null : 'INVALID_INPUT', reason: allowed ? null : 'Nothing is ready' } });
const so = (id: string, allowed = true) => ({ __typename: 'SalesOrder', id, number: `SO-${id}`, can: can(allowed) }) as unknown as NotificationItemFragment['salesOrder'];
const po = (id: string) => ({ __typename: 'PurchaseOrder', id, number: `PO-${id}` }) as NotificationItemFragment['purchaseOrder'];

function notification(id: string, at: string, extra: Partial<NotificationItemFragment>): NotificationItemFragment {
  return {
    __typename: 'Notification',
    id,
    kind: 'MENTION',
    message: `message ${id}`,
    read: false,
    done: false,
    createdAt: `2026-12-07T${at}:00.000Z`,
    actor: null,
    project: { __typename: 'Project', id: 'p1', number: 'PRJ-1001' },
    note: null,
    purchaseOrder: null,
    followUp: null,
    salesOrder: null,
    invoice: null,
    ...extra,
  };
}

const ALL = [
  notification('m1', '12:00', { kind: 'MENTION', note: { __typename: 'Note', id: 'n1' }, message: 'Priya mentioned you on PRJ-1001 Spring: “Only **500 mugs** shipped <img src=x onerror="window.hacked=1">”' }),
  notification('r2', '11:00', { kind: 'READY_TO_INVOICE', salesOrder: so('1002'), message: 'SO-1002 is ready to invoice', read: true, done: true }),
  notification('p1', '10:00', { kind: 'PURCHASE_ORDER_PROBLEM', purchaseOrder: po('1001'), salesOrder: so('1001'), message: 'Priya flagged PO-1001 Problem' }),
  notification('r1', '09:00', { kind: 'READY_TO_INVOICE', salesOrder: so('1001'), message: 'SO-1001 is ready to invoice' }),
  notification('p2', '08:00', { kind: 'PURCHASE_ORDER_PROBLEM', purchaseOrder: po('1001'), salesOrder: so('1001'), message: 'Priya flagged PO-1001 Follow up', read: true }),
];

function client() {
  const asked: Record<string, unknown>[] = [];
  const link = new ApolloLink(
    (operation) =>
      new Observable<ApolloLink.Result>((observer) => {
        const name = operation.operationName;
        if (name === 'NotificationAdded' || name === 'NotificationsRead') return () => undefined;
        const timer = setTimeout(() => {
          if (name === 'InboxNotifications') {
            asked.push(operation.variables);
            const kinds = operation.variables.kinds as string[] | null;
            const nodes = ALL.filter((n) => (!kinds || kinds.includes(n.kind)) && (!operation.variables.unreadOnly || !n.read));
            observer.next({ data: { notifications: { __typename: 'NotificationConnection', nodes, pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false }, totalCount: nodes.length, unreadCount: 3 } } });
          } else observer.next({ data: { notifications: { __typename: 'NotificationConnection', unreadCount: 3 } } });
          observer.complete();
        }, 0);
        return () => clearTimeout(timer);
      }),
  );
  return { apollo: new ApolloClient({ link, cache: new InMemoryCache() }), asked };
}

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

async function mountInbox() {
  const { apollo, asked } = client();
  const page = { render: () => h('p', 'Page') };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: InboxPage },
      { path: '/projects/:id', name: 'project', component: page },
      { path: '/purchase-orders/:id', name: 'purchase-order', component: page },
      { path: '/sales-orders/:id', name: 'sales-order', component: page },
      { path: '/sales-orders/:id/invoice', name: 'invoice-new', component: page },
    ],
  });
  await router.push('/');
  const wrapper = mount({ render: () => h('div', [h(InboxPage)]) }, { attachTo: document.body, global: { plugins: [router], provide: { [apolloClientKey as symbol]: apollo } } });
  mounted.push(wrapper);
  await vi.waitFor(() => expect(wrapper.findAll('[data-testid="notification-row"]').length).toBeGreaterThan(0));
  return { wrapper, router, asked };
}

describe('InboxPage', () => {
  it('groups notifications by record, the groups with something unread first', async () => {
    const { wrapper } = await mountInbox();
    const groups = wrapper.findAll('[data-testid="notification-group"]');
    expect(groups.map((g) => g.attributes('data-key'))).toEqual(['note:n1', 'po:1001', 'so:1001', 'so:1002']);
    expect(groups[1]!.find('h2').text()).toContain('PO-1001');
    expect(groups[1]!.find('h2').text()).toContain('2 notifications, 1 unread');
    expect(groups[1]!.findAll('[data-testid="notification-row"]').map((r) => r.text())).toEqual([expect.stringContaining('Problem'), expect.stringContaining('Follow up')]);
  });

  it('renders the note’s emphasis and leaves its HTML inert', async () => {
    const { wrapper } = await mountInbox();
    const mention = wrapper.find('[data-key="note:n1"] [data-testid="notification-link"]');
    expect(mention.find('strong').text()).toBe('500 mugs');
    expect(mention.text()).not.toContain('**');
    expect(mention.find('img').exists()).toBe(false);
    expect(mention.text()).toContain('<img src=x onerror="window.hacked=1">');
    expect((window as { hacked?: number }).hacked).toBeUndefined();
  });

  it('marks acted-on hand-offs Done, without their action; the others keep it', async () => {
    const { wrapper } = await mountInbox();
    const done = wrapper.find('[data-key="so:1002"] [data-testid="notification-row"]');
    expect(done.attributes('data-done')).toBe('true');
    expect(done.find('[data-testid="notification-done"]').text()).toBe('Done');
    expect(done.find('[data-testid="notification-invoice"]').exists()).toBe(false);
    const open = wrapper.find('[data-key="so:1001"] [data-testid="notification-row"]');
    expect(open.find('[data-testid="notification-done"]').exists()).toBe(false);
    expect(open.find('[data-testid="notification-invoice"]').text()).toBe('Invoice SO-1001');
  });

  it('a row opens on click, its title the only link; the link is not a whole-row underlined anchor', async () => {
    const { wrapper, router } = await mountInbox();
    const row = wrapper.find('[data-key="po:1001"] [data-testid="notification-row"]');
    expect(row.findAll('a')).toHaveLength(1);
    await row.find('.inbox__meta').trigger('click');
    await flushPromises();
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/purchase-orders/1001'));
  });

  it('filters: mentions, hand-offs, follow-ups and unread ask the server for those, kept in the address', async () => {
    const { wrapper, router, asked } = await mountInbox();
    const pressed = () => wrapper.findAll('[role="group"] button').filter((b) => b.attributes('aria-pressed') === 'true').map((b) => b.text());
    expect(pressed()).toEqual(['All']);
    await wrapper.find('[data-testid="inbox-filter-hand-offs"]').trigger('click');
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="notification-row"]')).toHaveLength(4));
    expect(router.currentRoute.value.query.show).toBe('hand-offs');
    expect(pressed()).toEqual(['Hand-offs']);
    expect(asked.at(-1)).toMatchObject({ kinds: ['PURCHASE_ORDER_PROBLEM', 'READY_TO_INVOICE', 'SALES_ORDER_SHIPPED', 'INVOICE_SENT'], unreadOnly: false });

    await wrapper.find('[data-testid="inbox-filter-mentions"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="notification-row"]')).toHaveLength(1));
    expect(asked.at(-1)).toMatchObject({ kinds: ['MENTION'] });

    await wrapper.find('[data-testid="inbox-filter-unread"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="notification-row"]')).toHaveLength(3));
    expect(asked.at(-1)).toMatchObject({ kinds: null, unreadOnly: true });

    await wrapper.find('[data-testid="inbox-filter-follow-ups"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="inbox-empty"]').text()).toBe('Nothing under “Follow-ups”.'));
    expect(asked.at(-1)).toMatchObject({ kinds: ['FOLLOW_UP_ASSIGNED', 'FOLLOW_UP_DUE'] });
  });
});
