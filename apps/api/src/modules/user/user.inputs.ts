import { Role } from '@baton/domain';
import { Field, ID, InputType, Int } from 'type-graphql';

/** ADMIN: fields left out keep their value. */
@InputType()
export class UpdateUserInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [Role], { nullable: true, description: 'replaces the roles; an admin cannot remove their own ADMIN role' })
  roles?: Role[] | null;

  @Field(() => Boolean, { nullable: true, description: "false deactivates the user and ends their sessions; an admin cannot deactivate themselves" })
  active?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'the version you saw; a newer one answers CONFLICT' })
  expectedVersion?: number | null;
}
