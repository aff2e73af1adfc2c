import { Collection, Entity, Index, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { TenantEntity } from '../../common/tenant.js';
import { Client } from '../client/client.entity.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { PurchaseOrder } from '../purchase-order/purchase-order.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { User } from '../user/user.entity.js';

@Entity()
@Unique({ properties: ['organization', 'number'] })
// The global search's trigram index (modules/search/search.ts); created by Migration20261207200000.
@Index({ name: 'project_number_search_idx', expression: 'create index "project_number_search_idx" on "project" using gin (lower("number") gin_trgm_ops)' })
@Index({ name: 'project_name_search_idx', expression: 'create index "project_name_search_idx" on "project" using gin (lower("name") gin_trgm_ops)' })
@ObjectType()
export class Project extends TenantEntity {
  [OptionalProps]?: 'organization' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ length: 20 })
  @Field({ description: 'e.g. PRJ-1001' })
  number!: string;

  @Property({ length: 200 })
  @Field()
  name!: string;

  @ManyToOne({ entity: () => Client, ref: true, index: true })
  client!: Ref<Client>;

  @ManyToOne({ entity: () => User, ref: true, index: true })
  orderRep!: Ref<User>;

  @ManyToOne({ entity: () => User, ref: true, nullable: true, index: true })
  productionRep?: Ref<User> | null;

  @ManyToOne({ entity: () => User, ref: true, nullable: true, index: true })
  invoicingRep?: Ref<User> | null;

  @OneToMany(() => SalesOrder, (so) => so.project, { orderBy: { createdAt: 'asc' } })
  salesOrders = new Collection<SalesOrder>(this);

  @OneToMany(() => PurchaseOrder, (po) => po.project, { orderBy: { createdAt: 'asc' } })
  purchaseOrders = new Collection<PurchaseOrder>(this);

  @OneToMany(() => Invoice, (i) => i.project, { orderBy: { createdAt: 'asc' } })
  invoices = new Collection<Invoice>(this);

  @Property({ type: 'timestamptz' })
  @Index()
  @Field()
  createdAt: Date = new Date();
}
