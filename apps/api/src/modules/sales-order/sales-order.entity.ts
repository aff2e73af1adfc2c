import { SalesOrderStatus } from '@baton/domain';
import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../common/scalars.js';
import { TenantEntity } from '../../common/tenant.js';
import { Client } from '../client/client.entity.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { Project } from '../project/project.entity.js';
import { PurchaseOrder } from '../purchase-order/purchase-order.entity.js';
import { SalesOrderLine } from './sales-order-line.entity.js';

@Entity()
@Unique({ properties: ['organization', 'number'] })
@Index({ properties: ['organization', 'status', 'createdAt'] })
// The sales orders list's order (sales-orders-list.ts); created by Migration20261207140000.
@Index({
  name: 'sales_order_list_order_idx',
  expression: 'create index "sales_order_list_order_idx" on "sales_order" ("organization_id", "order_date" desc, length("number") desc, "number" desc)',
})
// The global search's trigram index (modules/search/search.ts); created by Migration20261207200000.
@Index({ name: 'sales_order_number_search_idx', expression: 'create index "sales_order_number_search_idx" on "sales_order" using gin (lower("number") gin_trgm_ops)' })
@ObjectType()
export class SalesOrder extends TenantEntity {
  [OptionalProps]?: 'organization' | 'status' | 'locked' | 'taxRateBasisPoints' | 'version' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ length: 20 })
  @Field({ description: 'e.g. SO-1001' })
  number!: string;

  @ManyToOne({ entity: () => Project, ref: true, index: true })
  project!: Ref<Project>;

  @ManyToOne({ entity: () => Client, ref: true, index: true })
  client!: Ref<Client>;

  @Enum({ items: () => SalesOrderStatus })
  @Field(() => SalesOrderStatus)
  status: SalesOrderStatus = 'OPEN';

  @Property()
  @Field()
  locked: boolean = false;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  orderDate!: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  inHandsDate?: string | null;

  @Property({ type: 'int' })
  @Field(() => Int, { description: '825 = 8.25 %' })
  taxRateBasisPoints: number = 0;

  @OneToMany(() => SalesOrderLine, (l) => l.salesOrder, { orderBy: { position: 'asc' } })
  lines = new Collection<SalesOrderLine>(this);

  @OneToMany(() => PurchaseOrder, (po) => po.salesOrder, { orderBy: { createdAt: 'asc' } })
  purchaseOrders = new Collection<PurchaseOrder>(this);

  @OneToMany(() => Invoice, (i) => i.salesOrder, { orderBy: { createdAt: 'asc' } })
  invoices = new Collection<Invoice>(this);

  /** Bumped by every change; a mutation given a stale one answers CONFLICT. */
  @Property({ version: true })
  @Field(() => Int, { description: 'changes with every edit; pass it back as expectedVersion to refuse stale edits' })
  version!: number;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
