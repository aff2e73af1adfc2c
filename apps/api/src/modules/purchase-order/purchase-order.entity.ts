import { PurchaseOrderStage, PurchaseOrderStatus } from '@baton/domain';
import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../common/scalars.js';
import { TenantEntity } from '../../common/tenant.js';
import { Project } from '../project/project.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { Supplier } from '../supplier/supplier.entity.js';
import { User } from '../user/user.entity.js';
import { PurchaseOrderLine } from './purchase-order-line.entity.js';

@Entity()
@Unique({ properties: ['organization', 'number'] })
@Index({ properties: ['organization', 'stage', 'status'] })
// The global search's trigram index (modules/search/search.ts); created by Migration20261207200000.
@Index({ name: 'purchase_order_number_search_idx', expression: 'create index "purchase_order_number_search_idx" on "purchase_order" using gin (lower("number") gin_trgm_ops)' })
@ObjectType()
export class PurchaseOrder extends TenantEntity {
  [OptionalProps]?: 'organization' | 'stage' | 'status' | 'version' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ length: 20 })
  @Field({ description: 'e.g. PO-1001' })
  number!: string;

  @ManyToOne({ entity: () => Project, ref: true, nullable: true, index: true })
  project?: Ref<Project> | null;

  @ManyToOne({ entity: () => SalesOrder, ref: true, nullable: true, index: true })
  salesOrder?: Ref<SalesOrder> | null;

  @ManyToOne({ entity: () => Supplier, ref: true, index: true })
  supplier!: Ref<Supplier>;

  @ManyToOne({ entity: () => User, ref: true, nullable: true, index: true })
  productionRep?: Ref<User> | null;

  @Enum({ items: () => PurchaseOrderStage })
  @Field(() => PurchaseOrderStage)
  stage: PurchaseOrderStage = 'CREATED';

  @Enum({ items: () => PurchaseOrderStatus })
  @Field(() => PurchaseOrderStatus)
  status: PurchaseOrderStatus = 'OK';

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  inHandsDate?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  shipDate?: string | null;

  @Property({ length: 100, nullable: true })
  @Field(() => String, { nullable: true })
  trackingNumber?: string | null;

  @OneToMany(() => PurchaseOrderLine, (l) => l.purchaseOrder, { orderBy: { position: 'asc' } })
  lines = new Collection<PurchaseOrderLine>(this);

  @Property({ version: true })
  @Field(() => Int, { description: 'changes with every edit; pass it back as expectedVersion to refuse stale edits' })
  version!: number;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = new Date();
}
