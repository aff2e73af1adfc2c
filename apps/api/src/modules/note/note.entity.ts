import { Collection, Entity, Index, ManyToMany, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { TenantEntity } from '../../common/tenant.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { Project } from '../project/project.entity.js';
import { PurchaseOrder } from '../purchase-order/purchase-order.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { User } from '../user/user.entity.js';

/** A note on a project, optionally about one of its POs, sales orders or invoices. */
@Entity()
@Index({ properties: ['project', 'pinned', 'createdAt'] })
@ObjectType()
export class Note extends TenantEntity {
  [OptionalProps]?: 'organization' | 'pinned' | 'version' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne({ entity: () => Project, ref: true })
  project!: Ref<Project>;

  @ManyToOne({ entity: () => User, ref: true })
  author!: Ref<User>;

  @Property({ type: 'text' })
  @Field({ description: 'plain text with @handle mentions (markdown allowed, rendered safely)' })
  body!: string;

  @ManyToMany({ entity: () => User, pivotTable: 'note_mention', owner: true })
  mentions = new Collection<User>(this);

  @ManyToOne({ entity: () => PurchaseOrder, ref: true, nullable: true, index: true })
  purchaseOrder?: Ref<PurchaseOrder> | null;

  @ManyToOne({ entity: () => SalesOrder, ref: true, nullable: true, index: true })
  salesOrder?: Ref<SalesOrder> | null;

  @ManyToOne({ entity: () => Invoice, ref: true, nullable: true, index: true })
  invoice?: Ref<Invoice> | null;

  @Property()
  @Field()
  pinned: boolean = false;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  pinnedAt?: Date | null;

  @ManyToOne({ entity: () => User, ref: true, nullable: true })
  pinnedBy?: Ref<User> | null;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  editedAt?: Date | null;

  /**
   * 1 when written, +1 with each edit of the body; pinning and unpinning leave it (DOMAIN.md, Notes).
   * Kept by editNote under the note's row lock, not by MikroORM's optimistic lock, which would
   * count every change.
   */
  @Property({ type: 'int', default: 1 })
  @Field(() => Int, { description: "pass it back as editNote's expectedVersion" })
  version: number = 1;
}
