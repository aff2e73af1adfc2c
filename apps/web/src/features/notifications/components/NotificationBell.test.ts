import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { flushPromises, mount } from '@vue/test-utils';
import { Observable, Subject } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { NotificationItemFragment } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import NotificationBell from './NotificationBell.vue';

function notification(id: string): NotificationItemFragment {
  return {
    __typename: 'Notification',
    id,
    kind: 'MENTION',
    message: `Priya mentioned you (${id})`,
    read: false,
    createdAt: '2026-11-22T10:00:00.000Z',
    actor: { __typename: 'User', id: 'u3', name: 'Priya Production' },
    project: { __typename: 'Project', id: 'p1', number: 'PRJ-1001' },
    note: { __typename: 'Note', id: 'n1' },
    purchaseOrder: null,
    followUp: null,
    salesOrder: null,
    invoice: null,
  };
}

/** A link that answers the count query once and keeps the subscription open, pushing what the test sends. */
function liveClient(unreadCount: number) {
  const pushes = new Subject<NotificationItemFragment>();
  const operations: string[] = [];
  const link = new ApolloLink(
    (operation) =>
      new Observable<ApolloLink.Result>((observer) => {
        operations.push(operation.operationName ?? '');
        if (operation.operationName === 'NotificationAdded') {
          const sub = pushes.subscribe((n) => observer.next({ data: { notificationAdded: n } }));
          return () => sub.unsubscribe();
        }
        const timer = setTimeout(() => {
          observer.next({ data: { notifications: { __typename: 'NotificationConnection', unreadCount } } });
          observer.complete();
        }, 0);
        return () => clearTimeout(timer);
      }),
  );
  return { client: new ApolloClient({ link, cache: new InMemoryCache() }), pushes, operations };
}

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

async function mountBell(unreadCount: number) {
  const live = liveClient(unreadCount);
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', name: 'home', component: { render: () => h('p', 'Inbox') } }] });
  await router.push('/');
  const wrapper = mount(NotificationBell, {
    attachTo: document.body,
    global: { plugins: [router], provide: { [apolloClientKey as symbol]: live.client } },
  });
  mounted.push(wrapper);
  return { wrapper, ...live };
}

describe('NotificationBell', () => {
  it('shows the unread count and links to the inbox', async () => {
    const { wrapper } = await mountBell(2);
    await vi.waitFor(() => expect(wrapper.find('[data-testid="notification-count"]').text()).toBe('2'));
    const bell = wrapper.find('[data-testid="notification-bell"]');
    expect(bell.attributes('href')).toBe('/');
    expect(bell.attributes('aria-label')).toBe('Inbox, 2 unread notifications');
  });

  it('counts up as notifications arrive live, without asking the server again', async () => {
    const { wrapper, pushes, operations } = await mountBell(2);
    await vi.waitFor(() => expect(wrapper.find('[data-testid="notification-count"]').text()).toBe('2'));

    pushes.next(notification('x1'));
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.find('[data-testid="notification-count"]').text()).toBe('3'));

    pushes.next(notification('x2'));
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.find('[data-testid="notification-count"]').text()).toBe('4'));
    expect(wrapper.find('[data-testid="notification-bell"]').attributes('aria-label')).toBe('Inbox, 4 unread notifications');
    expect(wrapper.find('[role="status"]').text()).toBe('New notification: Priya mentioned you (x2)');
    expect(operations.filter((name) => name === 'UnreadNotificationCount')).toHaveLength(1);
  });

  it('announces a note’s words without its markdown', async () => {
    const { wrapper, pushes } = await mountBell(0);
    await vi.waitFor(() => expect(wrapper.find('[data-testid="notification-bell"]').exists()).toBe(true));
    pushes.next({ ...notification('x3'), message: 'Priya Production mentioned you on PRJ-1001 Spring: “Only **300 mugs** shipped”' });
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.find('[role="status"]').text()).toBe('New notification: Priya Production mentioned you on PRJ-1001 Spring: “Only 300 mugs shipped”'));
  });
});
