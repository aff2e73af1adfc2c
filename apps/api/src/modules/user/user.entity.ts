import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Role } from '@baton/domain';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { TenantEntity } from '../../common/tenant.js';

@Entity({ tableName: 'app_user' })
@Unique({ properties: ['organization', 'handle'] })
@ObjectType()
export class User extends TenantEntity {
  [OptionalProps]?: 'organization' | 'roles' | 'active' | 'emailOnMention' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ length: 100 })
  @Field()
  name!: string;

  /** Sign-in is by e-mail alone, so an address belongs to one user in all of Baton. */
  @Property({ length: 254, unique: true })
  @Field()
  email!: string;

  @Property({ length: 32 })
  @Field({ description: 'unique in the organization; a note mentions the user as @handle' })
  handle!: string;

  @Property({ type: 'text', lazy: true, hidden: true })
  passwordHash!: string;

  @Enum({ items: () => Role, array: true })
  @Field(() => [Role])
  roles: Role[] = [];

  @Property()
  @Field()
  active: boolean = true;

  @Property()
  @Field({ description: 'e-mail me when I am mentioned (default true)' })
  emailOnMention: boolean = true;

  @Property({ type: 'timestamptz' })
  @Index()
  createdAt: Date = new Date();
}
