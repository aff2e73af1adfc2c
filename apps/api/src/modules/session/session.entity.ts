import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { TenantEntity } from '../../common/tenant.js';
import { User } from '../user/user.entity.js';

/** A signed-in session. Only a hash of its token is stored; logOut revokes it. */
@Entity()
export class Session extends TenantEntity {
  [OptionalProps]?: 'organization' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'cascade', index: true })
  user!: Ref<User>;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  /** When this session's last mutation committed (at most once a second): read-your-writes routing. */
  @Property({ type: 'timestamptz', nullable: true })
  wroteAt?: Date | null;
}
