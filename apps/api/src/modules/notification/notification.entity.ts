import type { StoredParams } from '@baton/domain';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { TenantEntity } from '../../common/tenant.js';
import { FollowUp } from '../follow-up/follow-up.entity.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { Note } from '../note/note.entity.js';
import { Project } from '../project/project.entity.js';
import { PurchaseOrder } from '../purchase-order/purchase-order.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { User } from '../user/user.entity.js';

export const NotificationKind = {
  MENTION: 'MENTION',
  PURCHASE_ORDER_PROBLEM: 'PURCHASE_ORDER_PROBLEM',
  READY_TO_INVOICE: 'READY_TO_INVOICE',
  SALES_ORDER_SHIPPED: 'SALES_ORDER_SHIPPED',
  INVOICE_SENT: 'INVOICE_SENT',
  FOLLOW_UP_ASSIGNED: 'FOLLOW_UP_ASSIGNED',
  FOLLOW_UP_DUE: 'FOLLOW_UP_DUE',
} as const;
export type NotificationKind = (typeof NotificationKind)[keyof typeof NotificationKind];
registerEnumType(NotificationKind, { name: 'NotificationKind' });

@Entity()
@Index({ properties: ['recipient', 'createdAt', 'id'] })
@Index({ properties: ['recipient', 'readAt'] })
// The live listener's catch-up after a dropped connection reads by time alone (live.ts).
@Index({ name: 'notification_created_at_brin', expression: 'create index "notification_created_at_brin" on "notification" using brin ("created_at")' })
@ObjectType()
export class Notification extends TenantEntity {
  [OptionalProps]?: 'organization' | 'createdAt' | 'read' | 'params';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne({ entity: () => User, ref: true })
  recipient!: Ref<User>;

  @Enum({ items: () => NotificationKind })
  @Field(() => NotificationKind)
  kind!: NotificationKind;

  /** As written when it was raised (the GraphQL `message` words it again from `params`: notification.resolver.ts). */
  @Property({ length: 1000 })
  message!: string;

  /** What the message is worded from when shown (@baton/domain's describeNotification); null on notifications of old. */
  @Property({ type: 'json', nullable: true })
  params?: StoredParams | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  readAt?: Date | null;

  @Field()
  get read(): boolean {
    return this.readAt != null;
  }

  @ManyToOne({ entity: () => User, ref: true, nullable: true })
  actor?: Ref<User> | null;

  @ManyToOne({ entity: () => Project, ref: true, nullable: true })
  project?: Ref<Project> | null;

  @ManyToOne({ entity: () => Note, ref: true, nullable: true, deleteRule: 'set null' })
  note?: Ref<Note> | null;

  @ManyToOne({ entity: () => SalesOrder, ref: true, nullable: true })
  salesOrder?: Ref<SalesOrder> | null;

  @ManyToOne({ entity: () => PurchaseOrder, ref: true, nullable: true })
  purchaseOrder?: Ref<PurchaseOrder> | null;

  @ManyToOne({ entity: () => Invoice, ref: true, nullable: true })
  invoice?: Ref<Invoice> | null;

  @ManyToOne({ entity: () => FollowUp, ref: true, nullable: true, deleteRule: 'set null' })
  followUp?: Ref<FollowUp> | null;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = new Date();
}
