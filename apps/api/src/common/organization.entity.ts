import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { PostalAddress as Address } from '@baton/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PostalAddress } from './postal-address.js';

/**
 * The tenant: every other record belongs to one (TenantEntity, tenant.ts), so it lives with the
 * tenancy code that scopes reads and guards writes to it.
 */
@Entity()
@ObjectType()
export class Organization {
  [OptionalProps]?: 'currency' | 'createdAt' | 'version';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ length: 100 })
  @Field()
  name!: string;

  @Property({ length: 3 })
  @Field({ description: 'ISO 4217, e.g. USD' })
  currency: string = 'USD';

  /** Printed on its invoices, deposits and credit memos (the "from" address). */
  @Property({ type: 'jsonb', nullable: true })
  @Field(() => PostalAddress, { nullable: true, description: 'printed on every invoice, deposit invoice and credit memo' })
  address?: Address | null;

  @Property({ length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'where and how clients pay (a lockbox address, bank or ACH details); a few lines, printed under "Remit to"; none: the address above' })
  remitTo?: string | null;

  @Property({ length: 1000, nullable: true })
  @Field(() => String, { nullable: true, description: 'terms printed on invoices and deposit invoices (late fees, returns); a few lines' })
  invoiceTerms?: string | null;

  @Property({ version: true })
  @Field(() => Int, { description: 'changes with every edit; pass it back as expectedVersion' })
  version!: number;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
