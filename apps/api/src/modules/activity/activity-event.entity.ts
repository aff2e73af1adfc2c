import type { StoredParams } from '@baton/domain';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { TenantEntity } from '../../common/tenant.js';
import { Project } from '../project/project.entity.js';
import { User } from '../user/user.entity.js';

/** `entity.verb` with its actor, or none when a rule did it (DOMAIN.md, "Notes, mentions, notifications"). */
@Entity()
@Index({ properties: ['project', 'at', 'id'] })
// The live listener's catch-up after a dropped connection reads by time alone (live.ts).
@Index({ name: 'activity_event_at_brin', expression: 'create index "activity_event_at_brin" on "activity_event" using brin ("at")' })
@ObjectType()
export class ActivityEvent extends TenantEntity {
  [OptionalProps]?: 'organization' | 'at' | 'params';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'timestamptz' })
  @Field()
  at: Date = new Date();

  @ManyToOne({ entity: () => User, ref: true, nullable: true })
  actor?: Ref<User> | null;

  @Property({ length: 64 })
  @Field({ description: 'e.g. purchase_order.stage_changed' })
  kind!: string;

  /** As written when it happened (the GraphQL `message` words it again from `params`: activity.resolver.ts). */
  @Property({ length: 1000 })
  message!: string;

  /** What the message is worded from when shown (@baton/domain's describeActivity); null on events of old. */
  @Property({ type: 'json', nullable: true })
  params?: StoredParams | null = null;

  @ManyToOne({ entity: () => Project, ref: true, nullable: true })
  project?: Ref<Project> | null;

  /** The record it is about. */
  @Property({ type: 'uuid', nullable: true })
  @Index()
  entityId?: string | null;
}
