import { Role, rolesFor } from '@baton/domain';
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context.js';
import { viewerOf } from '../../common/viewer.js';
import { mutate } from '../../common/mutation.js';
import { User } from './user.entity.js';
import { UpdateUserInput } from './user.inputs.js';
import { createUser, listUsers, setEmailOnMention, updateUser } from './user.service.js';
import { UserPayload } from './user.types.js';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true })
  me(@Ctx() ctx: Context): User | null {
    return ctx.viewer?.user ?? null;
  }

  @Authorized()
  @Query(() => [User])
  users(@Ctx() ctx: Context, @Arg('role', () => Role, { nullable: true }) role?: Role | null): Promise<User[]> {
    return listUsers(ctx.em, role);
  }

  @Authorized(rolesFor('manageUsers'))
  @Mutation(() => UserPayload, { description: 'ADMIN; handle defaults from the name' })
  createUser(
    @Ctx() ctx: Context,
    @Arg('name') name: string,
    @Arg('email') email: string,
    @Arg('password') password: string,
    @Arg('roles', () => [Role]) roles: Role[],
    @Arg('handle', () => String, { nullable: true }) handle?: string | null,
  ): Promise<UserPayload> {
    return mutate(ctx, 'user', (em) => createUser(em, viewerOf(ctx), { name, email, password, roles, handle }));
  }

  @Authorized(rolesFor('manageUsers'))
  @Mutation(() => UserPayload, { description: 'ADMIN: name, roles, deactivate (ends their sessions) or reactivate' })
  updateUser(@Ctx() ctx: Context, @Arg('input', () => UpdateUserInput) input: UpdateUserInput): Promise<UserPayload> {
    return mutate(ctx, 'user', (em) => updateUser(em, viewerOf(ctx), input));
  }

  @Authorized()
  @Mutation(() => UserPayload, { description: "the signed-in user's own preference" })
  setEmailOnMention(@Ctx() ctx: Context, @Arg('enabled') enabled: boolean): Promise<UserPayload> {
    return mutate(ctx, 'user', (em) => setEmailOnMention(em, viewerOf(ctx), enabled));
  }
}
