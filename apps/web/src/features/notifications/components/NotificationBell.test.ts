import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { flushPromises, mount } from '@vue/test-utils';
import { Observable, Subject } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { NotificationItemFragment } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import NotificationBell from './NotificationBell.vue';

function notification(id: string, extra: Partial<NotificationItemFragment> = {}): NotificationItemFragment {
  return {
    __typename: 'Notification',
    id,
    kind: 'MENTION',
    message: `Priya mentioned you (${id})`,
    read: false,
    done: false,
    createdAt: '2026-11-22T10:00:00.000Z',
    actor: { __typename: 'User', id: 'u3', name: 'Priya Production' },
    project: { __typename: 'Project', id: 'p1', number: 'PRJ-1001' },
    note: { __typename: 'Note', id: `n-${id}` },
    purchaseOrder: null,
    followUp: null,
    salesOrder: null,
    invoice: null,
    ...extra,
  };
}

/** A link that answers the queries and mutations, and keeps the subscriptions open, pushing what the test sends. */
function liveClient(unreadCount: number, latest: NotificationItemFragment[] = []) {
  const added = new Subject<NotificationItemFragment>();
  const read = new Subject<{ ids: string[]; unreadCount: number }>();
  const operations: string[] = [];
  const answer = (name: string): Record<string, unknown> => {
    if (name === 'BellNotifications') return { notifications: { __typename: 'NotificationConnection', nodes: latest, unreadCount } };
    if (name === 'MarkAllNotificationsRead') return { markAllNotificationsRead: latest.filter((n) => !n.read).length };
    if (name === 'MarkNotificationsRead') return { markNotificationsRead: 1 };
    return { notifications: { __typename: 'NotificationConnection', unreadCount } };
  };
  const link = new ApolloLink(
    (operation) =>
      new Observable<ApolloLink.Result>((observer) => {
        const name = operation.operationName ?? '';
        operations.push(name);
        if (name === 'NotificationAdded') {
          const sub = added.subscribe((n) => observer.next({ data: { notificationAdded: n } }));
          return () => sub.unsubscribe();
        }
        if (name === 'NotificationsRead') {
          const sub = read.subscribe((r) => observer.next({ data: { notificationsRead: { __typename: 'NotificationsRead', ...r } } }));
          return () => sub.unsubscribe();
        }
        const timer = setTimeout(() => {
          observer.next({ data: answer(name) });
          observer.complete();
        }, 0);
        return () => clearTimeout(timer);
      }),
  );
  return { client: new ApolloClient({ link, cache: new InMemoryCache() }), added, read, operations };
}

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

const page = { render: () => h('p', 'Page') };

async function mountBell(unreadCount: number, latest: NotificationItemFragment[] = []) {
  const live = liveClient(unreadCount, latest);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: page },
      { path: '/projects/:id', name: 'project', component: page },
      { path: '/purchase-orders/:id', name: 'purchase-order', component: page },
      { path: '/sales-orders/:id', name: 'sales-order', component: page },
    ],
  });
  await router.push('/projects/p0');
  const wrapper = mount(NotificationBell, {
    attachTo: document.body,
    global: { plugins: [router], provide: { [apolloClientKey as symbol]: live.client } },
  });
  mounted.push(wrapper);
  return { wrapper, router, ...live };
}

const count = (wrapper: Awaited<ReturnType<typeof mountBell>>['wrapper']) => wrapper.find('[data-testid="notification-count"]').text();

describe('NotificationBell', () => {
  it('shows the unread count on a button that opens a menu (not a link)', async () => {
    const { wrapper } = await mountBell(2);
    await vi.waitFor(() => expect(count(wrapper)).toBe('2'));
    const bell = wrapper.find('[data-testid="notification-bell"]');
    expect(bell.element.tagName).toBe('BUTTON');
    expect(bell.attributes('href')).toBeUndefined();
    expect(bell.attributes('aria-label')).toBe('Notifications, 2 unread');
    expect(bell.attributes('aria-haspopup')).toBe('dialog');
    expect(bell.attributes('aria-expanded')).toBe('false');
    expect(wrapper.find('[data-testid="bell-menu"]').exists()).toBe(false);
  });

  it('opens a menu with the latest items, the unread count, "Mark all read" and "Open inbox"; Escape closes it', async () => {
    const latest = [
      notification('a', { message: 'Priya mentioned you on PRJ-1001 Spring: “Only **500 mugs** shipped”' }),
      notification('b', { kind: 'READY_TO_INVOICE', message: 'SO-1001 is ready to invoice', read: true, done: true, note: null, salesOrder: { __typename: 'SalesOrder', id: 's1', number: 'SO-1001', can: { __typename: 'SalesOrderCan', createInvoice: { __typename: 'Permission', allowed: false, code: 'INVALID_INPUT', reason: 'Nothing is ready' } } } as never }),
    ];
    const { wrapper, operations } = await mountBell(1, latest);
    await vi.waitFor(() => expect(count(wrapper)).toBe('1'));
    await wrapper.find('[data-testid="notification-bell"]').trigger('click');
    await flushPromises();
    const menu = wrapper.find('[data-testid="bell-menu"]');
    expect(menu.attributes('role')).toBe('dialog');
    expect(wrapper.find('[data-testid="notification-bell"]').attributes('aria-expanded')).toBe('true');
    expect(wrapper.find('[data-testid="notification-bell"]').attributes('aria-controls')).toBe(menu.attributes('id'));
    expect(document.activeElement?.textContent).toBe('Notifications');
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="bell-item"]')).toHaveLength(2));
    expect(operations.filter((o) => o === 'BellNotifications')).toHaveLength(1);
    expect(wrapper.find('[data-testid="bell-menu-unread"]').text()).toBe('1 unread');
    // The note's emphasis is rendered, its markup not shown.
    const first = wrapper.findAll('[data-testid="bell-item"]')[0]!;
    expect(first.find('strong').text()).toBe('500 mugs');
    expect(first.text()).not.toContain('**');
    // An acted-on hand-off says so.
    expect(wrapper.findAll('[data-testid="bell-item"]')[1]!.find('[data-testid="bell-item-done"]').text()).toBe('Done');
    expect(wrapper.find('[data-testid="bell-open-inbox"]').attributes('href')).toBe('/');

    await wrapper.find('[data-testid="bell-mark-all-read"]').trigger('click');
    await flushPromises();
    await vi.waitFor(() => expect(count(wrapper)).toBe('0'));
    expect(operations).toContain('MarkAllNotificationsRead');
    expect(wrapper.findAll('[data-testid="bell-item"]').map((i) => i.attributes('data-read'))).toEqual(['true', 'true']);

    await menu.trigger('keydown', { key: 'Escape' });
    expect(wrapper.find('[data-testid="bell-menu"]').exists()).toBe(false);
    expect(document.activeElement).toBe(wrapper.find('[data-testid="notification-bell"]').element);
  });

  it('opening an item reads it, goes there and closes the menu', async () => {
    const { wrapper, router, operations } = await mountBell(1, [notification('a')]);
    await wrapper.find('[data-testid="notification-bell"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="bell-item"]')).toHaveLength(1));
    await wrapper.find('[data-testid="bell-item"] a').trigger('click');
    await flushPromises();
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/projects/p1#note-n-a'));
    expect(operations).toContain('MarkNotificationsRead');
    expect(wrapper.find('[data-testid="bell-menu"]').exists()).toBe(false);
  });

  it('counts up as notifications arrive live, without asking the server again', async () => {
    const { wrapper, added, operations } = await mountBell(2);
    await vi.waitFor(() => expect(count(wrapper)).toBe('2'));
    added.next(notification('x1'));
    await flushPromises();
    await vi.waitFor(() => expect(count(wrapper)).toBe('3'));
    added.next(notification('x2'));
    await flushPromises();
    await vi.waitFor(() => expect(count(wrapper)).toBe('4'));
    expect(wrapper.find('[data-testid="notification-bell"]').attributes('aria-label')).toBe('Notifications, 4 unread');
    expect(wrapper.find('[role="status"]').text()).toBe('New notification: Priya mentioned you (x2)');
    expect(operations.filter((name) => name === 'UnreadNotificationCount')).toHaveLength(1);
  });

  it('follows what the user marks read in another session', async () => {
    const { wrapper, read } = await mountBell(3, [notification('a'), notification('b')]);
    await wrapper.find('[data-testid="notification-bell"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="bell-item"]')).toHaveLength(2));
    read.next({ ids: ['a'], unreadCount: 2 });
    await flushPromises();
    await vi.waitFor(() => expect(count(wrapper)).toBe('2'));
    expect(wrapper.findAll('[data-testid="bell-item"]').map((i) => i.attributes('data-read'))).toEqual(['true', 'false']);
    read.next({ ids: [], unreadCount: 0 });
    await flushPromises();
    await vi.waitFor(() => expect(count(wrapper)).toBe('0'));
    expect(wrapper.findAll('[data-testid="bell-item"]').map((i) => i.attributes('data-read'))).toEqual(['true', 'true']);
  });

  it('announces a note’s words without its markdown', async () => {
    const { wrapper, added } = await mountBell(0);
    await vi.waitFor(() => expect(wrapper.find('[data-testid="notification-bell"]').exists()).toBe(true));
    added.next({ ...notification('x3'), message: 'Priya Production mentioned you on PRJ-1001 Spring: “Only **300 mugs** shipped”' });
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.find('[role="status"]').text()).toBe('New notification: Priya Production mentioned you on PRJ-1001 Spring: “Only 300 mugs shipped”'));
  });
});
