import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * The tenant: every other record belongs to one (TenantEntity, tenant.ts), so it lives with the
 * tenancy code that scopes reads and guards writes to it.
 */
@Entity()
@ObjectType()
export class Organization {
  [OptionalProps]?: 'currency' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ length: 100 })
  @Field()
  name!: string;

  @Property({ length: 3 })
  @Field({ description: 'ISO 4217, e.g. USD' })
  currency: string = 'USD';

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
