import { rolesFor } from '@baton/domain';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context.js';
import { viewerOf } from '../../common/viewer.js';
import { UserError } from '../../common/errors.js';
import { findById } from '../../common/lookup.js';
import { mutate, mutateList } from '../../common/mutation.js';
import { Client } from '../client/client.entity.js';
import { Project } from '../project/project.entity.js';
import { SalesOrderLine } from '../sales-order/sales-order-line.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Invoice } from './invoice.entity.js';
import { CreateInvoiceInput, RecordPaymentInput, UpdateInvoiceInput } from './invoice.inputs.js';
import { createInvoice, exportInvoices, recordPayment, sendInvoice, updateInvoice, voidInvoice } from './invoice.service.js';

@ObjectType()
export class InvoicePayload {
  @Field(() => Invoice, { nullable: true })
  invoice!: Invoice | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class InvoicesPayload {
  @Field(() => [Invoice])
  invoices!: Invoice[];

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Authorized()
  @Query(() => Invoice, { nullable: true })
  invoice(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Invoice | null> {
    return findById(ctx.em, Invoice, id);
  }

  @Authorized(rolesFor('manageInvoices'))
  @Mutation(() => InvoicePayload)
  createInvoice(@Ctx() ctx: Context, @Arg('input', () => CreateInvoiceInput) input: CreateInvoiceInput): Promise<InvoicePayload> {
    return mutate(ctx, 'invoice', (em) => createInvoice(em, viewerOf(ctx), input));
  }

  @Authorized(rolesFor('manageInvoices'))
  @Mutation(() => InvoicePayload)
  updateInvoice(@Ctx() ctx: Context, @Arg('input', () => UpdateInvoiceInput) input: UpdateInvoiceInput): Promise<InvoicePayload> {
    return mutate(ctx, 'invoice', (em) => updateInvoice(em, viewerOf(ctx), input));
  }

  @Authorized(rolesFor('manageInvoices'))
  @Mutation(() => InvoicePayload, { description: "emails it with its PDF; defaults to the client's email" })
  sendInvoice(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('to', () => [String], { nullable: true }) to: string[] | null): Promise<InvoicePayload> {
    return mutate(ctx, 'invoice', (em) => sendInvoice(em, viewerOf(ctx), id, to));
  }

  @Authorized(rolesFor('exportInvoices'))
  @Mutation(() => InvoicesPayload)
  exportInvoices(@Ctx() ctx: Context, @Arg('ids', () => [ID]) ids: string[]): Promise<InvoicesPayload> {
    return mutateList(ctx, 'invoices', (em) => exportInvoices(em, viewerOf(ctx), ids));
  }

  @Authorized(rolesFor('recordPayments'))
  @Mutation(() => InvoicePayload)
  recordPayment(@Ctx() ctx: Context, @Arg('input', () => RecordPaymentInput) input: RecordPaymentInput): Promise<InvoicePayload> {
    return mutate(ctx, 'invoice', (em) => recordPayment(em, viewerOf(ctx), input));
  }

  @Authorized(rolesFor('manageInvoices'))
  @Mutation(() => InvoicePayload)
  voidInvoice(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('reason') reason: string): Promise<InvoicePayload> {
    return mutate(ctx, 'invoice', (em) => voidInvoice(em, viewerOf(ctx), id, reason));
  }

  @FieldResolver(() => SalesOrder)
  salesOrder(@Root() i: Invoice): Promise<SalesOrder> {
    return i.salesOrder.loadOrFail();
  }

  @FieldResolver(() => Project)
  project(@Root() i: Invoice): Promise<Project> {
    return i.project.loadOrFail();
  }

  @FieldResolver(() => Client)
  client(@Root() i: Invoice): Promise<Client> {
    return i.client.loadOrFail();
  }

  @FieldResolver(() => [InvoiceLine])
  async lines(@Root() i: Invoice): Promise<InvoiceLine[]> {
    return (await i.lines.load()).getItems();
  }
}

@Resolver(() => InvoiceLine)
export class InvoiceLineResolver {
  @FieldResolver(() => SalesOrderLine)
  salesOrderLine(@Root() l: InvoiceLine): Promise<SalesOrderLine> {
    return l.salesOrderLine.loadOrFail();
  }
}
