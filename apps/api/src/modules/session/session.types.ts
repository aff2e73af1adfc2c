import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../common/errors.js';
import { Organization } from '../../common/organization.entity.js';
import { User } from '../user/user.entity.js';

@ObjectType('Session')
export class SessionInfo {
  @Field(() => User)
  user!: User;

  @Field(() => Organization)
  organization!: Organization;

  @Field({ description: 'bearer token for API clients; browsers also get an httpOnly cookie' })
  token!: string;
}

@ObjectType()
export class SessionPayload {
  @Field(() => SessionInfo, { nullable: true })
  session!: SessionInfo | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
