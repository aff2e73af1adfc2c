import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { TenantEntity } from '../../common/tenant.js';
import { User } from '../user/user.entity.js';
import { Product } from './product.entity.js';

export const StockMovementKind = {
  ADJUSTMENT: 'ADJUSTMENT',
  RECEIPT: 'RECEIPT',
  /** Goods leave with an invoice. */
  RELEASE: 'RELEASE',
  /** Goods come back when an invoice is voided or reduced. */
  RETURN: 'RETURN',
} as const;
export type StockMovementKind = (typeof StockMovementKind)[keyof typeof StockMovementKind];

/** The stock ledger: on hand is the sum of these, never a number anyone edits. */
@Entity()
export class StockMovement extends TenantEntity {
  [OptionalProps]?: 'organization' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Product, ref: true, index: true })
  product!: Ref<Product>;

  @Property({ type: 'int' })
  quantity!: number;

  @Enum({ items: () => StockMovementKind })
  kind!: StockMovementKind;

  @Property({ length: 500, nullable: true })
  reason?: string | null;

  /** The document behind it (purchase order, invoice), for the audit trail. */
  @Property({ type: 'uuid', nullable: true })
  documentId?: string | null;

  @ManyToOne({ entity: () => User, ref: true, nullable: true })
  actor?: Ref<User> | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
