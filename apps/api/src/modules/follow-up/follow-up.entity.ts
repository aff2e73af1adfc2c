import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../../common/scalars.js';
import { TenantEntity } from '../../common/tenant.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { Project } from '../project/project.entity.js';
import { PurchaseOrder } from '../purchase-order/purchase-order.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { User } from '../user/user.entity.js';

/**
 * A dated task on a project, optionally about one of its POs, sales orders or invoices (DOMAIN.md,
 * "Follow-ups"). `dueNotifiedAt` is set in the transaction that sends FOLLOW_UP_DUE, so the due-date
 * job sends it once whatever the number of instances or restarts.
 */
@Entity()
// "My follow-ups": the assignee's, open before done, then due date, then creation.
@Index({ properties: ['assignee', 'done', 'dueOn', 'createdAt', 'id'] })
@Index({ properties: ['project', 'done', 'dueOn'] })
// The due-date job reads the open follow-ups not yet announced, by due date.
@Index({ name: 'follow_up_due_pending_index', expression: 'create index "follow_up_due_pending_index" on "follow_up" ("due_on") where "done" = false and "due_notified_at" is null' })
@ObjectType()
export class FollowUp extends TenantEntity {
  [OptionalProps]?: 'organization' | 'done' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne({ entity: () => Project, ref: true })
  project!: Ref<Project>;

  @ManyToOne({ entity: () => PurchaseOrder, ref: true, nullable: true, index: true })
  purchaseOrder?: Ref<PurchaseOrder> | null;

  @ManyToOne({ entity: () => SalesOrder, ref: true, nullable: true, index: true })
  salesOrder?: Ref<SalesOrder> | null;

  @ManyToOne({ entity: () => Invoice, ref: true, nullable: true, index: true })
  invoice?: Ref<Invoice> | null;

  @ManyToOne({ entity: () => User, ref: true })
  assignee!: Ref<User>;

  @ManyToOne({ entity: () => User, ref: true })
  createdBy!: Ref<User>;

  @Property({ type: 'text' })
  @Field()
  body!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  dueOn!: string;

  @Property()
  @Field()
  done: boolean = false;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  doneAt?: Date | null;

  @ManyToOne({ entity: () => User, ref: true, nullable: true })
  doneBy?: Ref<User> | null;

  /** When FOLLOW_UP_DUE went out (null: not yet). */
  @Property({ type: 'timestamptz', nullable: true })
  dueNotifiedAt?: Date | null;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = new Date();
}
