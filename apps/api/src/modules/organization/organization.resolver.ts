import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context.js';
import { Organization } from '../../common/organization.entity.js';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true })
  organization(@Ctx() ctx: Context): Promise<Organization | null> | null {
    return ctx.viewer ? ctx.em.findOne(Organization, ctx.viewer.organizationId) : null;
  }
}
