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
  [OptionalProps]?: 'organization' | 'credited' | 'released' | 'taxable' | 'creditedLine';

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
  @Field(() => SafeIntScalar, { description: 'quantity × unitPriceCents, before tax (negative on a credit memo)' })
  totalCents!: number;

  @Property({ default: true })
  taxable: boolean = true;

  /** Units of this line taken back by credit memos. */
  @Property({ type: 'int', default: 0 })
  @Field(() => Int, { description: 'units of this line taken back by credit memos' })
  credited: number = 0;

  /** Units that left stock for this line (stocked goods not already with the client). */
  @Property({ type: 'int', default: 0 })
  released: number = 0;

  /** A credit memo's line: the invoice line it takes units back from. */
  @ManyToOne({ entity: () => InvoiceLine, ref: true, nullable: true, index: true })
  creditedLine?: Ref<InvoiceLine> | null;
}
