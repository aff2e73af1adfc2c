import { available, rolesFor } from '@baton/domain';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context.js';
import { viewerOf } from '../../common/viewer.js';
import { UserError } from '../../common/errors.js';
import { mutate } from '../../common/mutation.js';
import { SafeIntScalar } from '../../common/scalars.js';
import { Supplier } from '../supplier/supplier.entity.js';
import { Product } from './product.entity.js';
import { UpdateProductInput } from './product.inputs.js';
import { stockFigures } from './product.loaders.js';
import { adjustStock, createProduct, listProducts, updateProduct } from './product.service.js';

@ObjectType()
export class ProductPayload {
  @Field(() => Product, { nullable: true })
  product!: Product | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@Resolver(() => Product)
export class ProductResolver {
  @Authorized()
  @Query(() => [Product])
  products(@Ctx() ctx: Context, @Arg('search', () => String, { nullable: true }) search?: string | null): Promise<Product[]> {
    return listProducts(ctx.em, search);
  }

  @Authorized(rolesFor('manageProducts'))
  @Mutation(() => ProductPayload)
  createProduct(
    @Ctx() ctx: Context,
    @Arg('sku') sku: string,
    @Arg('name') name: string,
    @Arg('inventoried') inventoried: boolean,
    @Arg('priceCents', () => SafeIntScalar) priceCents: number,
    @Arg('costCents', () => SafeIntScalar) costCents: number,
    @Arg('supplierId', () => ID, { nullable: true }) supplierId: string | null,
    @Arg('minStock', () => Int, { nullable: true, defaultValue: 0 }) minStock: number,
    @Arg('maxStock', () => Int, { nullable: true, defaultValue: 0 }) maxStock: number,
    @Arg('taxable', () => Boolean, { nullable: true, defaultValue: true, description: 'its sales order lines are taxed' }) taxable: boolean | null,
  ): Promise<ProductPayload> {
    return mutate(ctx, 'product', (em) => createProduct(em, { sku, name, inventoried, priceCents, costCents, supplierId, minStock, maxStock, taxable: taxable ?? true }));
  }

  @Authorized(rolesFor('manageProducts'))
  @Mutation(() => ProductPayload, { description: 'PURCHASING, ADMIN; fields left out keep their value' })
  updateProduct(@Ctx() ctx: Context, @Arg('input', () => UpdateProductInput) input: UpdateProductInput): Promise<ProductPayload> {
    return mutate(ctx, 'product', (em) => updateProduct(em, viewerOf(ctx), input));
  }

  @Authorized(rolesFor('adjustStock'))
  @Mutation(() => ProductPayload, { description: '+ or −; PURCHASING, ADMIN' })
  adjustStock(
    @Ctx() ctx: Context,
    @Arg('productId', () => ID) productId: string,
    @Arg('quantity', () => Int) quantity: number,
    @Arg('reason') reason: string,
  ): Promise<ProductPayload> {
    return mutate(ctx, 'product', (em) => adjustStock(em, viewerOf(ctx), productId, quantity, reason));
  }

  @FieldResolver(() => Supplier, { nullable: true, description: 'preferred supplier' })
  supplier(@Root() p: Product): Promise<Supplier | null> | null {
    return p.supplier ? p.supplier.load() : null;
  }

  @FieldResolver(() => Int, { description: 'scheduled + backordered on open sales orders' })
  async committed(@Root() p: Product, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.get(stockFigures).load(p.id)).committed;
  }

  @FieldResolver(() => Int, { description: 'outstanding on stock lines of open purchase orders' })
  async onOrder(@Root() p: Product, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.get(stockFigures).load(p.id)).onOrder;
  }

  @FieldResolver(() => Int, { description: 'onHand − committed + onOrder (net available)' })
  async available(@Root() p: Product, @Ctx() ctx: Context): Promise<number> {
    return available({ onHand: p.onHand, ...(await ctx.loaders.get(stockFigures).load(p.id)) });
  }
}
