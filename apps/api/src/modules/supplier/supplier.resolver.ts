import { rolesFor } from '@baton/domain';
import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context.js';
import { viewerOf } from '../../common/viewer.js';
import { UserError } from '../../common/errors.js';
import { mutate } from '../../common/mutation.js';
import { Supplier } from './supplier.entity.js';
import { UpdateSupplierInput } from './supplier.inputs.js';
import { createSupplier, listSuppliers, updateSupplier } from './supplier.service.js';

@ObjectType()
export class SupplierPayload {
  @Field(() => Supplier, { nullable: true })
  supplier!: Supplier | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@Resolver(() => Supplier)
export class SupplierResolver {
  @Authorized()
  @Query(() => [Supplier])
  suppliers(@Ctx() ctx: Context): Promise<Supplier[]> {
    return listSuppliers(ctx.em);
  }

  @Authorized(rolesFor('manageSuppliers'))
  @Mutation(() => SupplierPayload)
  createSupplier(
    @Ctx() ctx: Context,
    @Arg('name') name: string,
    @Arg('email', () => String, { nullable: true }) email: string | null,
  ): Promise<SupplierPayload> {
    return mutate(ctx, 'supplier', (em) => createSupplier(em, { name, email }));
  }

  @Authorized(rolesFor('manageSuppliers'))
  @Mutation(() => SupplierPayload, { description: 'PURCHASING, ADMIN; fields left out keep their value' })
  updateSupplier(@Ctx() ctx: Context, @Arg('input', () => UpdateSupplierInput) input: UpdateSupplierInput): Promise<SupplierPayload> {
    return mutate(ctx, 'supplier', (em) => updateSupplier(em, viewerOf(ctx), input));
  }
}
