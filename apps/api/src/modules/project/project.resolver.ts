import { projectCan, rolesFor, viewerCan } from '@baton/domain';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Info, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context.js';
import { viewerOf } from '../../common/viewer.js';
import { UserError } from '../../common/errors.js';
import { isId } from '../../common/ids.js';
import { entityOf, isRow, relatedOf } from '../../common/rows.js';
import { mutate } from '../../common/mutation.js';
import { Permission } from '../../common/permission.js';
import { PageInfo, pageSize } from '../../common/pagination.js';
import { ActivityEvent } from '../activity/activity-event.entity.js';
import { Client } from '../client/client.entity.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { PurchaseOrder } from '../purchase-order/purchase-order.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { User } from '../user/user.entity.js';
import { Project } from './project.entity.js';
import { prefetchProjectTrees, projectTrees } from './project.loaders.js';
import { selectionOf } from './project.selection.js';
import { createProject, listProjects, projectActivity } from './project.service.js';

@InputType()
export class ProjectFilter {
  @Field(() => String, { nullable: true, description: 'number, name or client name' })
  search?: string | null;

  @Field(() => ID, { nullable: true })
  clientId?: string | null;

  @Field(() => ID, { nullable: true, description: 'order, production or invoicing rep' })
  repId?: string | null;
}

@ObjectType()
export class ProjectConnection {
  @Field(() => [Project])
  nodes!: Project[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType()
export class ActivityConnection {
  @Field(() => [ActivityEvent])
  nodes!: ActivityEvent[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType()
export class ProjectPayload {
  @Field(() => Project, { nullable: true })
  project!: Project | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

/** What the viewer may do on a project (the contract's ProjectCan). */
@ObjectType({ simpleResolvers: true })
export class ProjectCan {
  @Field(() => Permission) addNote!: Permission;
  @Field(() => Permission) createSalesOrder!: Permission;
  @Field(() => Permission) createFollowUp!: Permission;
}

/** Actions that belong to no record (the contract's ViewerCan). */
@ObjectType({ simpleResolvers: true })
export class ViewerCan {
  @Field(() => Permission) createUser!: Permission;
  @Field(() => Permission) createClient!: Permission;
  @Field(() => Permission) createSupplier!: Permission;
  @Field(() => Permission) createProduct!: Permission;
  @Field(() => Permission) adjustStock!: Permission;
  @Field(() => Permission) createProject!: Permission;
  @Field(() => Permission) createPurchaseOrder!: Permission;
  @Field(() => Permission) exportInvoices!: Permission;
  @Field(() => Permission) scheduleSalesOrders!: Permission;
  @Field(() => Permission, { description: 'invoicingQueueChanged: the people who may invoice' }) followInvoicingQueue!: Permission;
  @Field(() => Permission, { description: "updateOrganization: the organization's name, address, remit-to and terms" }) updateOrganization!: Permission;
}

@ArgsType()
class CreateProjectArgs {
  @Field()
  name!: string;

  @Field(() => ID)
  clientId!: string;

  @Field(() => ID)
  orderRepId!: string;

  @Field(() => ID, { nullable: true })
  productionRepId?: string | null;

  @Field(() => ID, { nullable: true })
  invoicingRepId?: string | null;
}

@Resolver(() => Project)
export class ProjectResolver {
  @Authorized()
  @Query(() => Project, { nullable: true })
  async project(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Info() info: GraphQLResolveInfo): Promise<Project | null> {
    // The project and the tree the query asks under it, in one statement (an unknown id reads nothing).
    if (!isId(id)) return null;
    const [found] = await prefetchProjectTrees(ctx.em, ctx.loaders, viewerOf(ctx).organizationId, [id], selectionOf(info));
    return found ?? null;
  }

  @Authorized()
  @Query(() => ProjectConnection)
  async projects(
    @Ctx() ctx: Context,
    @Arg('filter', () => ProjectFilter, { nullable: true }) filter: ProjectFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProjectConnection> {
    const found = await listProjects(ctx.em, filter, pageSize(first), after);
    const nodes = selectionOf(info).get('nodes')?.fields;
    // What the page's projects show under them comes in one more statement, however many they are.
    if (nodes && found.nodes.length)
      await prefetchProjectTrees(ctx.em, ctx.loaders, viewerOf(ctx).organizationId, found.nodes.map((p) => p.id), nodes);
    return found;
  }

  @Authorized()
  @Query(() => ViewerCan, { description: 'what the viewer may do beyond any one record' })
  viewerCan(@Ctx() ctx: Context): ViewerCan {
    return viewerCan(viewerOf(ctx).roles);
  }

  @FieldResolver(() => ProjectCan, { description: 'what the viewer may do on it' })
  can(@Ctx() ctx: Context): ProjectCan {
    return projectCan(viewerOf(ctx).roles);
  }

  @Authorized(rolesFor('manageProjects'))
  @Mutation(() => ProjectPayload)
  createProject(@Ctx() ctx: Context, @Args() args: CreateProjectArgs): Promise<ProjectPayload> {
    return mutate(ctx, 'project', (em) => createProject(em, viewerOf(ctx), args));
  }

  // A read row (common/rows.ts: a report's or a list's project) loads what it was not read with, batched.
  @FieldResolver(() => Client)
  client(@Root() p: Project, @Ctx() ctx: Context): Promise<Client> | Client {
    return isRow(p) ? (relatedOf(ctx.em, p, 'client', Client) as Promise<Client> | Client) : p.client.loadOrFail();
  }

  @FieldResolver(() => User)
  orderRep(@Root() p: Project, @Ctx() ctx: Context): Promise<User> | User {
    return isRow(p) ? (relatedOf(ctx.em, p, 'orderRep', User) as Promise<User> | User) : p.orderRep.loadOrFail();
  }

  @FieldResolver(() => User, { nullable: true })
  productionRep(@Root() p: Project, @Ctx() ctx: Context): Promise<User | null> | User | null {
    if (isRow(p)) return relatedOf(ctx.em, p, 'productionRep', User);
    return p.productionRep ? p.productionRep.loadOrFail() : null;
  }

  @FieldResolver(() => User, { nullable: true })
  invoicingRep(@Root() p: Project, @Ctx() ctx: Context): Promise<User | null> | User | null {
    if (isRow(p)) return relatedOf(ctx.em, p, 'invoicingRep', User);
    return p.invoicingRep ? p.invoicingRep.loadOrFail() : null;
  }

  @FieldResolver(() => [SalesOrder])
  async salesOrders(@Root() p: Project, @Ctx() ctx: Context): Promise<SalesOrder[]> {
    return (await (await entityOf(ctx.em, Project, p)).salesOrders.load()).getItems();
  }

  @FieldResolver(() => [PurchaseOrder])
  async purchaseOrders(@Root() p: Project, @Ctx() ctx: Context): Promise<PurchaseOrder[]> {
    return (await (await entityOf(ctx.em, Project, p)).purchaseOrders.load()).getItems();
  }

  @FieldResolver(() => [Invoice])
  async invoices(@Root() p: Project, @Ctx() ctx: Context): Promise<Invoice[]> {
    return (await (await entityOf(ctx.em, Project, p)).invoices.load()).getItems();
  }

  @FieldResolver(() => ActivityConnection, { description: 'newest first' })
  async activity(
    @Root() p: Project,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ActivityConnection> {
    const size = pageSize(first);
    return ctx.loaders.get(projectTrees).activityPage(p.id, size, after) ?? projectActivity(ctx.em, p, size, after);
  }
}
