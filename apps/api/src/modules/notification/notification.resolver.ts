import { handOffDone } from '@baton/domain';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../common/context.js';
import { viewerOf } from '../../common/viewer.js';
import { readThroughOutage } from '../../common/errors.js';
import { findById } from '../../common/lookup.js';
import { PageInfo, pageSize } from '../../common/pagination.js';
import { ActivityEvent } from '../activity/activity-event.entity.js';
import { messageContext, messageInWords } from '../activity/message-context.js';
import { FollowUp } from '../follow-up/follow-up.entity.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { Note } from '../note/note.entity.js';
import { Project } from '../project/project.entity.js';
import { PurchaseOrder } from '../purchase-order/purchase-order.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { User } from '../user/user.entity.js';
import { orderHandOffStates } from './hand-off.loaders.js';
import { readNewNotification } from './fan-out.js';
import { topics } from './live.js';
import { Notification, NotificationKind } from './notification.entity.js';
import { listNotifications, markRead } from './notification.service.js';

@ObjectType()
export class NotificationConnection {
  @Field(() => [Notification])
  nodes!: Notification[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;

  @Field(() => Int)
  unreadCount!: number;
}

/** Notifications marked read in one of the user's sessions, as the others receive it. */
@ObjectType()
export class NotificationsRead {
  @Field(() => [ID], { description: 'the notifications marked read (at most 1,000; when more, unreadCount says where the user stands)' })
  ids!: string[];

  @Field(() => Int, { description: "the user's unread notifications after it" })
  unreadCount!: number;
}

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection)
  notifications(
    @Ctx() ctx: Context,
    @Arg('unreadOnly', () => Boolean, { nullable: true, defaultValue: false }) unreadOnly: boolean,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('kinds', () => [NotificationKind], { nullable: true, description: 'only these kinds (the inbox filters: mentions, hand-offs, follow-ups); unreadCount counts every kind' })
    kinds: NotificationKind[] | null,
  ): Promise<NotificationConnection> {
    return listNotifications(ctx.em, viewerOf(ctx).userId, unreadOnly ?? false, pageSize(first), after, kinds);
  }

  @Mutation(() => Int, { description: 'how many changed' })
  markNotificationsRead(@Ctx() ctx: Context, @Arg('ids', () => [ID]) ids: string[]): Promise<number> {
    return markRead(ctx.em, viewerOf(ctx).userId, viewerOf(ctx).organizationId, ids);
  }

  @Mutation(() => Int)
  markAllNotificationsRead(@Ctx() ctx: Context): Promise<number> {
    return markRead(ctx.em, viewerOf(ctx).userId, viewerOf(ctx).organizationId, null);
  }

  @Subscription(() => Notification, {
    description: "the signed-in user's new notifications",
    subscribe: ({ context }) => (context as Context).live.subscribe(topics.notification(viewerOf(context as Context).userId)),
  })
  async notificationAdded(@Root() id: string, @Ctx() ctx: Context): Promise<Notification> {
    // One statement for every subscriber told in the same turn (fan-out.ts), through database restarts.
    const viewer = viewerOf(ctx);
    const n = await readNewNotification(ctx.em, viewer.organizationId, viewer.userId, id);
    if (!n) throw new GraphQLError('That notification is gone.', { extensions: { code: 'NOT_FOUND' } });
    return n;
  }

  @Subscription(() => NotificationsRead, {
    description: "the signed-in user's notifications marked read in any of their sessions, on any instance",
    subscribe: ({ context }) => (context as Context).live.subscribe(topics.notificationsRead(viewerOf(context as Context).userId)),
  })
  async notificationsRead(@Root() at: string, @Ctx() ctx: Context): Promise<NotificationsRead> {
    const userId = viewerOf(ctx).userId;
    const em = ctx.em.fork();
    // Every row one markRead changed carries its readAt.
    const [rows, unreadCount] = await readThroughOutage(() =>
      Promise.all([em.find(Notification, { recipient: userId, readAt: new Date(at) }, { fields: ['id'], limit: 1000 }), em.count(Notification, { recipient: userId, readAt: null })]),
    );
    return { ids: rows.map((n) => n.id), unreadCount };
  }

  @Subscription(() => ActivityEvent, {
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      if (!(await findById(ctx.em.fork(), Project, args.projectId))) throw new GraphQLError('No such project.', { extensions: { code: 'NOT_FOUND' } });
      return ctx.live.subscribe(topics.activity(args.projectId as string));
    },
  })
  async projectActivity(@Root() id: string, @Ctx() ctx: Context, @Arg('projectId', () => ID) _projectId: string): Promise<ActivityEvent> {
    const e = await readThroughOutage(() => ctx.em.fork().findOne(ActivityEvent, { id }));
    if (!e) throw new GraphQLError('That event is gone.', { extensions: { code: 'NOT_FOUND' } });
    return e;
  }

  /** Worded when read from its kind and parameters, so old notifications read right too (issue 16). */
  @FieldResolver(() => String)
  async message(@Root() n: Notification, @Ctx() ctx: Context): Promise<string> {
    return messageInWords('notification', n, await ctx.loaders.get(messageContext)());
  }

  @FieldResolver(() => Boolean, {
    description: 'the action this hand-off asked for has been taken (the order invoiced, the flag cleared, the follow-up completed…; @baton/domain handOffDone): the inbox shows it done, without its actions',
  })
  async done(@Root() n: Notification, @Ctx() ctx: Context): Promise<boolean> {
    if (n.kind === 'MENTION') return false;
    const [order, po, invoice, followUp] = await Promise.all([
      n.salesOrder ? ctx.loaders.get(orderHandOffStates).load(n.salesOrder.id) : null,
      n.kind === 'PURCHASE_ORDER_PROBLEM' && n.purchaseOrder ? n.purchaseOrder.load() : null,
      n.kind === 'INVOICE_SENT' && n.invoice ? n.invoice.load() : null,
      n.followUp ? n.followUp.load() : null,
    ]);
    return handOffDone(n.kind, {
      salesOrder: order,
      purchaseOrder: po && { status: po.status, stage: po.stage },
      invoice: invoice && { status: invoice.status },
      followUp: followUp && { done: followUp.done },
      invoicedSince: !!order?.lastInvoicedAt && order.lastInvoicedAt >= n.createdAt,
    });
  }

  @FieldResolver(() => User, { nullable: true, description: 'null when the system raised it' })
  actor(@Root() n: Notification): Promise<User> | null {
    return n.actor ? n.actor.loadOrFail() : null;
  }

  @FieldResolver(() => Project, { nullable: true })
  project(@Root() n: Notification): Promise<Project> | null {
    return n.project ? n.project.loadOrFail() : null;
  }

  @FieldResolver(() => Note, { nullable: true })
  note(@Root() n: Notification): Promise<Note> | null {
    return n.note ? n.note.loadOrFail() : null;
  }

  @FieldResolver(() => SalesOrder, { nullable: true })
  salesOrder(@Root() n: Notification): Promise<SalesOrder> | null {
    return n.salesOrder ? n.salesOrder.loadOrFail() : null;
  }

  @FieldResolver(() => PurchaseOrder, { nullable: true })
  purchaseOrder(@Root() n: Notification): Promise<PurchaseOrder> | null {
    return n.purchaseOrder ? n.purchaseOrder.loadOrFail() : null;
  }

  @FieldResolver(() => Invoice, { nullable: true })
  invoice(@Root() n: Notification): Promise<Invoice> | null {
    return n.invoice ? n.invoice.loadOrFail() : null;
  }

  @FieldResolver(() => FollowUp, { nullable: true })
  followUp(@Root() n: Notification): Promise<FollowUp> | null {
    return n.followUp ? n.followUp.loadOrFail() : null;
  }
}
