import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { cents } from '../../common/columns.js';
import { TenantEntity } from '../../common/tenant.js';
import { User } from '../user/user.entity.js';
import { Invoice } from './invoice.entity.js';

/** Money paid back to the client on an invoice (a negative balance, or an unapplied deposit). */
@Entity()
export class Refund extends TenantEntity {
  [OptionalProps]?: 'organization' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Invoice, ref: true, index: true })
  invoice!: Ref<Invoice>;

  @Property({ type: cents() })
  amountCents!: number;

  @Property({ type: 'date' })
  refundedOn!: string;

  @Property({ length: 200, nullable: true })
  reference?: string | null;

  @ManyToOne({ entity: () => User, ref: true, nullable: true })
  actor?: Ref<User> | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
