import { ErrorCode, type Permission as DomainPermission } from '@baton/domain';
import './errors.js'; // registers ErrorCode with type-graphql
import { Field, ObjectType } from 'type-graphql';

/**
 * What the viewer may do with a record (DOMAIN.md, "What the viewer may do"), as the domain decided
 * it: the same checks the mutation runs, for the viewer and the record's state now.
 */
@ObjectType({ simpleResolvers: true })
export class Permission implements DomainPermission {
  @Field({ description: 'the viewer may call it, the record’s state admits it, and some input would pass' })
  allowed!: boolean;

  @Field(() => ErrorCode, { nullable: true, description: 'when not allowed: what that call would answer first (FORBIDDEN for the role)' })
  code!: ErrorCode | null;

  @Field(() => String, { nullable: true, description: 'when not allowed: why, in the user’s words' })
  reason!: string | null;
}
