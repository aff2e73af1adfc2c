import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { TenantEntity } from '../../common/tenant.js';

@Entity()
@ObjectType()
export class Supplier extends TenantEntity {
  [OptionalProps]?: 'organization' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ length: 200 })
  @Field()
  name!: string;

  @Property({ length: 254, nullable: true })
  @Field(() => String, { nullable: true })
  email?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
