import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../common/errors.js';
import { User } from './user.entity.js';

@ObjectType()
export class UserPayload {
  @Field(() => User, { nullable: true })
  user!: User | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
