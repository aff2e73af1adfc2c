import { rolesFor } from '@baton/domain';
import { Arg, Authorized, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context.js';
import { UserError } from '../../common/errors.js';
import { mutate } from '../../common/mutation.js';
import { Organization } from '../../common/organization.entity.js';
import { PostalAddressInput } from '../../common/postal-address.js';
import { viewerOf } from '../../common/viewer.js';
import { updateOrganization } from './organization.service.js';

/** Fields left out keep their value; null or blank clears (the name cannot be cleared). */
@InputType()
export class UpdateOrganizationInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => PostalAddressInput, { nullable: true, description: 'printed on every document; replaced whole; null or all parts blank clears it' })
  address?: PostalAddressInput | null;

  @Field(() => String, { nullable: true, description: 'where and how clients pay (a lockbox address, bank or ACH details); up to 8 lines' })
  remitTo?: string | null;

  @Field(() => String, { nullable: true, description: 'terms printed on invoices and deposit invoices; up to 8 lines' })
  invoiceTerms?: string | null;

  @Field(() => Int, { nullable: true, description: 'the version you saw; a newer one answers CONFLICT' })
  expectedVersion?: number | null;
}

@ObjectType()
export class OrganizationPayload {
  @Field(() => Organization, { nullable: true })
  organization!: Organization | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true })
  organization(@Ctx() ctx: Context): Promise<Organization | null> | null {
    return ctx.viewer ? ctx.em.findOne(Organization, ctx.viewer.organizationId) : null;
  }

  @Authorized(rolesFor('manageOrganization'))
  @Mutation(() => OrganizationPayload, { description: "ADMIN: the organization's name, address, remit-to details and invoice terms" })
  updateOrganization(@Ctx() ctx: Context, @Arg('input', () => UpdateOrganizationInput) input: UpdateOrganizationInput): Promise<OrganizationPayload> {
    return mutate(ctx, 'organization', (em) => updateOrganization(em, viewerOf(ctx), input));
  }
}
