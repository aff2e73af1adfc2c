import { Collection, Entity, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { TenantEntity } from '../../common/tenant.js';
import { User } from '../user/user.entity.js';
import { PurchaseOrderLine } from './purchase-order-line.entity.js';
import { PurchaseOrder } from './purchase-order.entity.js';

/** One arrival of goods on a purchase order (by hand, or everything outstanding when a stage says so). */
@Entity()
export class Receipt extends TenantEntity {
  [OptionalProps]?: 'organization' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => PurchaseOrder, ref: true, index: true })
  purchaseOrder!: Ref<PurchaseOrder>;

  @Property({ type: 'date' })
  shipDate!: string;

  @Property({ length: 100, nullable: true })
  trackingNumber?: string | null;

  @ManyToOne({ entity: () => User, ref: true, nullable: true })
  actor?: Ref<User> | null;

  @OneToMany(() => ReceiptLine, (l) => l.receipt)
  lines = new Collection<ReceiptLine>(this);

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

@Entity()
export class ReceiptLine extends TenantEntity {
  [OptionalProps]?: 'organization';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Receipt, ref: true, index: true, deleteRule: 'cascade' })
  receipt!: Ref<Receipt>;

  @ManyToOne({ entity: () => PurchaseOrderLine, ref: true, index: true })
  purchaseOrderLine!: Ref<PurchaseOrderLine>;

  @Property({ type: 'int' })
  quantity!: number;
}
