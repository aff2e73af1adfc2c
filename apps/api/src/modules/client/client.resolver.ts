import { rolesFor } from '@baton/domain';
import { Arg, Authorized, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context.js';
import { viewerOf } from '../../common/viewer.js';
import { UserError } from '../../common/errors.js';
import { mutate } from '../../common/mutation.js';
import { Client } from './client.entity.js';
import { PostalAddressInput } from '../../common/postal-address.js';
import { UpdateClientInput } from './client.inputs.js';
import { createClient, listClients, updateClient } from './client.service.js';

@ObjectType()
export class ClientPayload {
  @Field(() => Client, { nullable: true })
  client!: Client | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@Resolver(() => Client)
export class ClientResolver {
  @Authorized()
  @Query(() => [Client])
  clients(@Ctx() ctx: Context): Promise<Client[]> {
    return listClients(ctx.em);
  }

  @Authorized(rolesFor('manageClients'))
  @Mutation(() => ClientPayload)
  createClient(
    @Ctx() ctx: Context,
    @Arg('name') name: string,
    @Arg('email', () => String, { nullable: true }) email: string | null,
    @Arg('paymentTermsDays', () => Int, { nullable: true, defaultValue: 30 }) paymentTermsDays: number,
    @Arg('billingAddress', () => PostalAddressInput, { nullable: true, description: 'the bill-to address printed on its invoices' }) billingAddress: PostalAddressInput | null,
  ): Promise<ClientPayload> {
    return mutate(ctx, 'client', (em) => createClient(em, { name, email, paymentTermsDays, billingAddress }));
  }

  @Authorized(rolesFor('manageClients'))
  @Mutation(() => ClientPayload, { description: 'ORDER_REP, ADMIN; fields left out keep their value' })
  updateClient(@Ctx() ctx: Context, @Arg('input', () => UpdateClientInput) input: UpdateClientInput): Promise<ClientPayload> {
    return mutate(ctx, 'client', (em) => updateClient(em, viewerOf(ctx), input));
  }
}
