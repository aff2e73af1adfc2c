import { NO_AMOUNTS, notificationMessage, type PurchaseOrderStatus, type StoredParams } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TENANT_FILTER, type TenantParams } from '../../common/tenant.js';
import { queueEmail } from '../email/outbox.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { Project } from '../project/project.entity.js';
import { PurchaseOrder } from '../purchase-order/purchase-order.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { User } from '../user/user.entity.js';
import { notifyQueued, queueLive } from './live.js';
import { Notification, type NotificationKind } from './notification.entity.js';

/**
 * The hand-offs that must reach a person (DOMAIN.md, "Notes, mentions, notifications"), raised by
 * the services while they work and turned into Notification rows at the end of the same
 * transaction (writeHandOffs), so a notification exists exactly when its cause committed.
 */
export type HandOff =
  | { kind: 'PURCHASE_ORDER_PROBLEM'; purchaseOrderId: string; status: PurchaseOrderStatus; actorId: string | null }
  | { kind: 'READY_TO_INVOICE'; salesOrderId: string; actorId: string | null }
  | { kind: 'SALES_ORDER_SHIPPED'; salesOrderId: string; actorId: string | null }
  | { kind: 'MENTION'; noteId: string; projectId: string; userIds: string[]; excerpt: string; actorId: string }
  | { kind: 'INVOICE_SENT'; invoiceId: string; sentTo: string[]; actorId: string | null }
  | ({ kind: 'FOLLOW_UP_ASSIGNED'; actorId: string } & FollowUpHandOff)
  | ({ kind: 'FOLLOW_UP_DUE'; actorId: null; today: string } & FollowUpHandOff);

/** What a follow-up's notification says and points at (carried whole: the follow-up may not be flushed yet). */
export interface FollowUpHandOff {
  followUpId: string;
  projectId: string;
  assigneeId: string;
  dueOn: string;
  excerpt: string;
}

const raised = new WeakMap<EntityManager, HandOff[]>();

export function raiseHandOff(em: EntityManager, handOff: HandOff): void {
  const list = raised.get(em) ?? [];
  list.push(handOff);
  raised.set(em, list);
}

interface Draft {
  kind: NotificationKind;
  message: string;
  params: StoredParams;
  recipients: (string | null | undefined)[];
  actorId: string | null;
  project?: string | null;
  note?: string;
  salesOrder?: string;
  purchaseOrder?: string;
  invoice?: string;
  followUp?: string;
}

async function draft(em: EntityManager, h: HandOff, names: Map<string, string>): Promise<Draft | null> {
  const actor = h.actorId ? (names.get(h.actorId) ?? 'Someone') : null;
  switch (h.kind) {
    case 'PURCHASE_ORDER_PROBLEM': {
      const po = await em.findOneOrFail(PurchaseOrder, h.purchaseOrderId);
      const project = po.project ? await em.findOneOrFail(Project, po.project.id) : null;
      if (!project) return null;
      return {
        kind: 'PURCHASE_ORDER_PROBLEM',
        ...notificationMessage('PURCHASE_ORDER_PROBLEM', { actor, purchaseOrder: po.number, status: h.status, project: project.number, projectName: project.name }, NO_AMOUNTS),
        recipients: [project.orderRep.id, project.invoicingRep?.id],
        actorId: h.actorId,
        project: project.id,
        purchaseOrder: po.id,
        salesOrder: po.salesOrder?.id,
      };
    }
    case 'READY_TO_INVOICE':
    case 'SALES_ORDER_SHIPPED': {
      const so = await em.findOneOrFail(SalesOrder, h.salesOrderId);
      const project = await em.findOneOrFail(Project, so.project.id);
      const ready = h.kind === 'READY_TO_INVOICE';
      const about = { salesOrder: so.number, project: project.number, projectName: project.name };
      return {
        kind: h.kind,
        ...(ready ? notificationMessage('READY_TO_INVOICE', { ...about, actor }, NO_AMOUNTS) : notificationMessage('SALES_ORDER_SHIPPED', about, NO_AMOUNTS)),
        recipients: [ready ? project.invoicingRep?.id : project.orderRep.id],
        actorId: h.actorId,
        project: project.id,
        salesOrder: so.id,
      };
    }
    case 'MENTION': {
      const project = await em.findOneOrFail(Project, h.projectId);
      return {
        kind: 'MENTION',
        ...notificationMessage('MENTION', { actor: actor ?? 'Someone', project: project.number, projectName: project.name, excerpt: h.excerpt }, NO_AMOUNTS),
        recipients: h.userIds,
        actorId: h.actorId,
        project: project.id,
        note: h.noteId,
      };
    }
    case 'INVOICE_SENT': {
      const invoice = await em.findOneOrFail(Invoice, h.invoiceId);
      const project = await em.findOneOrFail(Project, invoice.project.id);
      return {
        kind: 'INVOICE_SENT',
        ...notificationMessage('INVOICE_SENT', { actor, invoice: invoice.number, to: h.sentTo }, NO_AMOUNTS),
        recipients: [project.orderRep.id],
        actorId: h.actorId,
        project: project.id,
        invoice: invoice.id,
        salesOrder: invoice.salesOrder.id,
      };
    }
    case 'FOLLOW_UP_ASSIGNED':
    case 'FOLLOW_UP_DUE': {
      const project = await em.findOneOrFail(Project, h.projectId);
      const about = { project: project.number, projectName: project.name, dueOn: h.dueOn, excerpt: h.excerpt };
      return {
        kind: h.kind,
        ...(h.kind === 'FOLLOW_UP_ASSIGNED'
          ? notificationMessage('FOLLOW_UP_ASSIGNED', { ...about, actor: actor ?? 'Someone' }, NO_AMOUNTS)
          : notificationMessage('FOLLOW_UP_DUE', { ...about, today: h.today }, NO_AMOUNTS)),
        recipients: [h.assigneeId],
        actorId: h.actorId,
        project: project.id,
        followUp: h.followUpId,
      };
    }
  }
}

/** READY_TO_INVOICE once per order per transaction (a status and newly ready units may both raise it), naming whoever acted. */
function onePerOrder(handOffs: HandOff[]): HandOff[] {
  const ready = new Map<string, Extract<HandOff, { kind: 'READY_TO_INVOICE' }>>();
  const kept: HandOff[] = [];
  for (const h of handOffs) {
    if (h.kind !== 'READY_TO_INVOICE') kept.push(h);
    else {
      const first = ready.get(h.salesOrderId);
      if (!first) {
        const copy = { ...h };
        ready.set(h.salesOrderId, copy);
        kept.push(copy);
      } else first.actorId ??= h.actorId;
    }
  }
  return kept;
}

/**
 * Writes the transaction's hand-offs as notifications: to the people the kind names, once each,
 * never to the person who acted, never to inactive users. Returns the rows written.
 */
export async function writeHandOffs(em: EntityManager, viewerId: string | null = null): Promise<Notification[]> {
  const handOffs = onePerOrder(raised.get(em) ?? []);
  raised.delete(em);
  if (handOffs.length === 0) return [];
  const actorIds = [...new Set(handOffs.flatMap((h) => (h.actorId ? [h.actorId] : [])))];
  const actors = actorIds.length ? await em.find(User, { id: { $in: actorIds } }) : [];
  const names = new Map(actors.map((u) => [u.id, u.name]));
  const drafts = (await Promise.all(handOffs.map((h) => draft(em, h, names)))).filter((d): d is Draft => d !== null);
  const wanted = [...new Set(drafts.flatMap((d) => d.recipients.filter((r): r is string => !!r)))];
  const users = new Map((wanted.length ? await em.find(User, { id: { $in: wanted }, active: true }) : []).map((u) => [u.id, u]));
  const written: Notification[] = [];
  for (const d of drafts) {
    for (const recipient of new Set(d.recipients)) {
      if (!recipient || recipient === d.actorId || !users.has(recipient)) continue;
      // Ready to invoice: never to whoever made the order ready, even when a rule moved its status.
      if (d.kind === 'READY_TO_INVOICE' && recipient === viewerId) continue;
      const user = users.get(recipient)!;
      if (d.kind === 'MENTION' && user.emailOnMention) {
        await queueEmail(em, { kind: 'MENTION', to: [user.email], subject: d.message.slice(0, 200), text: `${d.message}\n\n(You get this because you were mentioned; turn these e-mails off in Baton.)` });
      }
      written.push(
        em.create(Notification, {
          recipient,
          kind: d.kind,
          message: d.message.slice(0, 1000),
          params: d.params,
          actor: d.actorId,
          project: d.project ?? null,
          note: d.note ?? null,
          salesOrder: d.salesOrder ?? null,
          purchaseOrder: d.purchaseOrder ?? null,
          invoice: d.invoice ?? null,
          followUp: d.followUp ?? null,
        }),
      );
    }
  }
  return written;
}

/**
 * The end of every mutation's transaction (the context's beforeCommit): its hand-offs become
 * notifications, and its live events are queued with pg_notify, which PostgreSQL delivers to every
 * instance only if it commits.
 */
export async function completeHandOffs(em: EntityManager, viewerId: string | null = null): Promise<void> {
  const tenant = em.getFilterParams<TenantParams>(TENANT_FILTER);
  for (const n of await writeHandOffs(em, viewerId)) {
    if (tenant) queueLive(em, { t: 'notification', id: n.id, userId: n.recipient.id, organizationId: tenant.organizationId });
  }
  await notifyQueued(em);
}
