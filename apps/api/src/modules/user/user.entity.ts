import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Role } from '@baton/domain';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { TenantEntity } from '../../common/tenant.js';

@Entity({ tableName: 'app_user' })
@Unique({ properties: ['organization', 'handle'] })
@Unique({ properties: ['organization', 'email'] })
@ObjectType()
export class User extends TenantEntity {
  [OptionalProps]?: 'organization' | 'roles' | 'active' | 'emailOnMention' | 'version' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ length: 100 })
  @Field()
  name!: string;

  /**
   * Unique in the organization. The same address may have a user in other organizations too: a
   * sign-up or a new user never learns whether it exists elsewhere. logIn tries the password against
   * the address's oldest accounts (session/auth.service.ts).
   */
  @Property({ length: 254, index: true })
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

  @Property({ version: true })
  @Field(() => Int, { description: 'changes with every edit; pass it back as expectedVersion' })
  version!: number;

  @Property({ type: 'timestamptz' })
  @Index()
  createdAt: Date = new Date();
}
