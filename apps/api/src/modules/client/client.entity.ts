import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { PostalAddress as Address } from '@baton/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PostalAddress } from '../../common/postal-address.js';
import { TenantEntity } from '../../common/tenant.js';

@Entity()
// The global search's trigram index (modules/search/search.ts); created by Migration20261207200000.
@Index({ name: 'client_name_search_idx', expression: 'create index "client_name_search_idx" on "client" using gin (lower("name") gin_trgm_ops)' })
@ObjectType()
export class Client extends TenantEntity {
  [OptionalProps]?: 'organization' | 'paymentTermsDays' | 'version' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ length: 200 })
  @Field()
  name!: string;

  @Property({ length: 254, nullable: true })
  @Field(() => String, { nullable: true, description: 'where invoices are emailed' })
  email?: string | null;

  /** The bill-to address its invoices print (each document keeps the one it was issued with). */
  @Property({ type: 'jsonb', nullable: true })
  @Field(() => PostalAddress, { nullable: true, description: 'the bill-to address printed on its invoices' })
  billingAddress?: Address | null;

  @Property({ type: 'int' })
  @Field(() => Int)
  paymentTermsDays: number = 30;

  @Property({ version: true })
  @Field(() => Int, { description: 'changes with every edit; pass it back as expectedVersion' })
  version!: number;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
