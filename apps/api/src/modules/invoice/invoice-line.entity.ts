import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { cents } from '../../common/columns.js';
import { SafeIntScalar } from '../../common/scalars.js';
import { TenantEntity } from '../../common/tenant.js';
import { SalesOrderLine } from '../sales-order/sales-order-line.entity.js';
import { Invoice } from './invoice.entity.js';

/** Part of a sales order line on an invoice: `InvoiceLine { salesOrderLine, quantity }`. */
@Entity()
@ObjectType()
export class InvoiceLine extends TenantEntity {
  [OptionalProps]?: 'organization';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne({ entity: () => Invoice, ref: true, index: true, deleteRule: 'cascade' })
  invoice!: Ref<Invoice>;

  @Property({ type: 'int' })
  position!: number;

  @ManyToOne({ entity: () => SalesOrderLine, ref: true, index: true })
  salesOrderLine!: Ref<SalesOrderLine>;

  @Property({ length: 500 })
  @Field()
  description!: string;

  @Property({ type: 'int' })
  @Field(() => Int)
  quantity!: number;

  @Property({ type: cents() })
  @Field(() => SafeIntScalar)
  unitPriceCents!: number;

  @Property({ type: cents() })
  @Field(() => SafeIntScalar, { description: 'quantity × unitPriceCents, before tax' })
  totalCents!: number;
}
