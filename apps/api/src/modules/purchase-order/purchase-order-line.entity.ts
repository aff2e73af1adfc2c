import { Check, Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { cents } from '../../common/columns.js';
import { SafeIntScalar } from '../../common/scalars.js';
import { TenantEntity } from '../../common/tenant.js';
import { Product } from '../product/product.entity.js';
import { SalesOrderLine } from '../sales-order/sales-order-line.entity.js';
import { PurchaseOrder } from './purchase-order.entity.js';

@Entity()
@Check({ name: 'purchase_order_line_received_check', expression: 'quantity > 0 and received >= 0 and received <= quantity' })
@ObjectType()
export class PurchaseOrderLine extends TenantEntity {
  [OptionalProps]?: 'organization' | 'received' | 'outstanding';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne({ entity: () => PurchaseOrder, ref: true, index: true, deleteRule: 'cascade' })
  purchaseOrder!: Ref<PurchaseOrder>;

  @Property({ type: 'int' })
  position!: number;

  @ManyToOne({ entity: () => Product, ref: true, index: true })
  product!: Ref<Product>;

  /** Set for a drop-ship line: the sales order line whose goods it buys. */
  @ManyToOne({ entity: () => SalesOrderLine, ref: true, nullable: true, index: true })
  salesOrderLine?: Ref<SalesOrderLine> | null;

  @Property({ length: 500 })
  @Field()
  description!: string;

  @Property({ type: 'int' })
  @Field(() => Int)
  quantity!: number;

  @Property({ type: cents() })
  @Field(() => SafeIntScalar)
  unitCostCents!: number;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'received into stock, or shipped to the client for drop-ship lines' })
  received: number = 0;

  @Field(() => Int, { description: 'quantity − received' })
  get outstanding(): number {
    return this.quantity - this.received;
  }
}
