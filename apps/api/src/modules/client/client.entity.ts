import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
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

  @Property({ type: 'int' })
  @Field(() => Int)
  paymentTermsDays: number = 30;

  @Property({ version: true })
  @Field(() => Int, { description: 'changes with every edit; pass it back as expectedVersion' })
  version!: number;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
