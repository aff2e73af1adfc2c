import type { RouteLocationRaw } from 'vue-router';
import type { NotificationItemFragment, NotificationKind } from '@/gql/graphql';
import { notificationContext } from './notification-location';

/** The inbox's filters: what reps look for first (their mentions, hand-offs to act on, follow-ups), or what is new. */
export interface InboxFilter {
  id: 'all' | 'mentions' | 'hand-offs' | 'follow-ups' | 'unread';
  label: string;
  kinds?: NotificationKind[];
  unreadOnly?: boolean;
}

export const INBOX_FILTERS: readonly InboxFilter[] = [
  { id: 'all', label: 'All' },
  { id: 'mentions', label: 'Mentions', kinds: ['MENTION'] },
  { id: 'hand-offs', label: 'Hand-offs', kinds: ['PURCHASE_ORDER_PROBLEM', 'READY_TO_INVOICE', 'SALES_ORDER_SHIPPED', 'INVOICE_SENT'] },
  { id: 'follow-ups', label: 'Follow-ups', kinds: ['FOLLOW_UP_ASSIGNED', 'FOLLOW_UP_DUE'] },
  { id: 'unread', label: 'Unread', unreadOnly: true },
];

export function inboxFilter(id: unknown): InboxFilter {
  return INBOX_FILTERS.find((f) => f.id === id) ?? INBOX_FILTERS[0]!;
}

/** Notifications about one record (a PO, a sales order, an invoice, a follow-up, a note). */
export interface NotificationGroup {
  key: string;
  /** The record in words: "PO-1001", "Follow-up on PRJ-1001". */
  title: string;
  /** Where the record opens, if it still exists. */
  location?: RouteLocationRaw;
  /** Newest first, as the server lists them. */
  items: NotificationItemFragment[];
  unread: number;
}

/** The record a notification is about, the most specific first (a PO flag also names its order: it is the PO's). */
function recordOf(n: NotificationItemFragment): { key: string; location?: RouteLocationRaw } {
  if (n.purchaseOrder) return { key: `po:${n.purchaseOrder.id}`, location: { name: 'purchase-order', params: { id: n.purchaseOrder.id } } };
  if (n.invoice) return { key: `invoice:${n.invoice.id}`, location: { name: 'invoice', params: { id: n.invoice.id } } };
  if (n.salesOrder) return { key: `so:${n.salesOrder.id}`, location: { name: 'sales-order', params: { id: n.salesOrder.id } } };
  if (n.followUp) return { key: `follow-up:${n.followUp.id}`, location: { name: 'follow-ups', hash: `#follow-up-${n.followUp.id}` } };
  if (n.note && n.project) return { key: `note:${n.note.id}`, location: { name: 'project', params: { id: n.project.id }, hash: `#note-${n.note.id}` } };
  if (n.project) return { key: `project:${n.project.id}`, location: { name: 'project', params: { id: n.project.id } } };
  return { key: `notification:${n.id}` };
}

/**
 * Groups notifications by the record they are about, like the inboxes reps know: a group per PO,
 * order, invoice, follow-up or note, those with something unread first, then by their newest item.
 */
export function groupByRecord(items: readonly NotificationItemFragment[]): NotificationGroup[] {
  const groups = new Map<string, NotificationGroup>();
  for (const n of items) {
    const { key, location } = recordOf(n);
    const group = groups.get(key) ?? { key, title: notificationContext(n) || 'Baton', location, items: [], unread: 0 };
    group.items.push(n);
    if (!n.read) group.unread++;
    groups.set(key, group);
  }
  const newest = (g: NotificationGroup) => g.items.reduce((max, n) => (n.createdAt > max ? n.createdAt : max), '');
  return [...groups.values()].sort((a, b) => Number(b.unread > 0) - Number(a.unread > 0) || newest(b).localeCompare(newest(a)));
}
