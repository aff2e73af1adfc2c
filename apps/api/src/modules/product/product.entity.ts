import { Check, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { cents } from '../../common/columns.js';
import { SafeIntScalar } from '../../common/scalars.js';
import { TenantEntity } from '../../common/tenant.js';
import { Supplier } from '../supplier/supplier.entity.js';

@Entity()
@Check({ name: 'product_on_hand_check', expression: 'on_hand >= 0' })
@Unique({ properties: ['organization', 'sku'] })
@ObjectType()
export class Product extends TenantEntity {
  [OptionalProps]?: 'organization' | 'onHand' | 'minStock' | 'maxStock' | 'taxable' | 'version' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ length: 64 })
  @Field()
  sku!: string;

  @Property({ length: 200 })
  @Field()
  name!: string;

  @Property()
  @Field({ description: 'true: stocked and shipped from our warehouse; false: drop-shipped by its supplier' })
  inventoried!: boolean;

  @Property({ default: true })
  @Field({ description: 'its sales order lines are taxed (default true)' })
  taxable: boolean = true;

  @Property({ type: cents() })
  @Field(() => SafeIntScalar)
  priceCents!: number;

  @Property({ type: cents() })
  @Field(() => SafeIntScalar)
  costCents!: number;

  @ManyToOne({ entity: () => Supplier, ref: true, nullable: true, index: true })
  supplier?: Ref<Supplier> | null;

  /** Σ of the stock ledger (stock_movement), kept in step with it in the same transaction. */
  @Property({ type: 'int' })
  @Field(() => Int, { description: 'in stock now (inventoried products; 0 otherwise)' })
  onHand: number = 0;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'reorder when available ≤ minStock' })
  minStock: number = 0;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'reorder up to this level' })
  maxStock: number = 0;

  @Property({ version: true })
  @Field(() => Int, { description: 'changes with every edit and stock movement; pass it back as expectedVersion to refuse stale edits' })
  version!: number;

  @Property({ type: 'timestamptz' })
  @Index()
  createdAt: Date = new Date();
}
