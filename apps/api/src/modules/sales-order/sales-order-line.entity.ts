import { ChargeTiming, LineKind, type LineState } from '@baton/domain';
import { Check, Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { cents } from '../../common/columns.js';
import { SafeIntScalar } from '../../common/scalars.js';
import { TenantEntity } from '../../common/tenant.js';
import { Product } from '../product/product.entity.js';
import { SalesOrder } from './sales-order.entity.js';

/**
 * A line stores what people typed (quantity, price, cancelled) and three counters kept in step
 * with their sources under the order's lock: invoiced (live invoice lines), scheduled (stock
 * allocated, not yet invoiced) and received (drop-ship PO lines bought for it). Everything else
 * (remaining, shipped, readyToInvoice, backordered) is derived by @baton/domain's lineQuantities.
 */
// The database refuses what no rule may produce, whatever the code above it does.
@Entity()
@Check({ name: 'sales_order_line_quantities_check', expression: 'quantity > 0 and cancelled >= 0 and invoiced >= 0 and scheduled >= 0 and received >= 0 and released >= 0 and written_off >= 0 and cancelled + invoiced + scheduled <= quantity' })
@ObjectType()
export class SalesOrderLine extends TenantEntity {
  [OptionalProps]?: 'organization' | 'cancelled' | 'invoiced' | 'scheduled' | 'received' | 'released' | 'writtenOff' | 'kind' | 'taxable' | 'invoiceWith';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne({ entity: () => SalesOrder, ref: true, index: true, deleteRule: 'cascade' })
  salesOrder!: Ref<SalesOrder>;

  @Property({ type: 'int' })
  @Field(() => Int)
  position!: number;

  @ManyToOne({ entity: () => Product, ref: true, nullable: true, index: true })
  product?: Ref<Product> | null;

  /** Goods (a product) or a charge: freight, setup or a service. */
  @Enum({ items: () => LineKind, default: 'GOODS' })
  @Field(() => LineKind)
  kind: LineKind = 'GOODS';

  /** Taxed (goods: as their product says; charges: as given). */
  @Property({ default: true })
  @Field()
  taxable: boolean = true;

  /** Charges: which invoice they go on by default. */
  @Enum({ items: () => ChargeTiming, nullable: true })
  @Field(() => ChargeTiming, { nullable: true, description: 'charge lines only' })
  invoiceWith?: ChargeTiming | null;

  /** Fixed when the order is taken: stocked goods (scheduled from inventory) or drop-shipped. */
  @Property()
  inventoried!: boolean;

  @Property({ length: 500 })
  @Field()
  description!: string;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'ordered' })
  quantity!: number;

  @Property({ type: cents() })
  @Field(() => SafeIntScalar)
  unitPriceCents!: number;

  @Property({ type: 'int' })
  @Field(() => Int)
  cancelled: number = 0;

  @Property({ type: 'int' })
  invoiced: number = 0;

  @Property({ type: 'int' })
  scheduled: number = 0;

  @Property({ type: 'int' })
  received: number = 0;

  /** Stocked goods: units invoices released from stock, less what voids and credit memos returned. */
  @Property({ type: 'int' })
  released: number = 0;

  /** Units credit memos took back without re-invoicing or restocking: the client keeps them, never billed. */
  @Property({ type: 'int' })
  writtenOff: number = 0;

  state(): LineState {
    return {
      id: this.id,
      quantity: this.quantity,
      cancelled: this.cancelled,
      invoiced: this.invoiced,
      scheduled: this.scheduled,
      received: this.received,
      inventoried: this.inventoried,
      unitPriceCents: this.unitPriceCents,
      kind: this.kind,
      taxable: this.taxable,
      invoiceWith: this.invoiceWith ?? null,
      released: this.released,
      writtenOff: this.writtenOff,
      description: this.description,
      productId: this.product?.id ?? null,
      position: this.position,
    };
  }
}
