import { invoiceCan, rolesFor, type Decision, type InvoiceDecision } from '@baton/domain';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context.js';
import { viewerOf } from '../../common/viewer.js';
import { UserError } from '../../common/errors.js';
import { entityOf, isRow, relatedOf } from '../../common/rows.js';
import { findById } from '../../common/lookup.js';
import { mutate, mutateList } from '../../common/mutation.js';
import { Permission } from '../../common/permission.js';
import { SafeIntScalar } from '../../common/scalars.js';
import { Client } from '../client/client.entity.js';
import { Project } from '../project/project.entity.js';
import { SalesOrderLine } from '../sales-order/sales-order-line.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Invoice } from './invoice.entity.js';
import { CreateCreditMemoInput, CreateInvoiceInput, RecordPaymentInput, RecordRefundInput, RequestDepositInput, UpdateInvoiceInput } from './invoice.inputs.js';
import { createInvoice, exportInvoices, previewInvoice, previewInvoiceEdit, previewSendInvoice, recordPayment, sendInvoice, updateInvoice, voidInvoice } from './invoice.service.js';
import { createCreditMemo, previewCreditMemo, previewDeposit, recordRefund, requestDeposit } from './money.service.js';
import { orderMoney } from '../sales-order/sales-order.loaders.js';
import { creditMemosOf } from './invoice.loaders.js';

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

/** What the viewer may do with an invoice (the contract's InvoiceCan). */
@ObjectType({ simpleResolvers: true })
export class InvoiceCan {
  @Field(() => Permission) edit!: Permission;
  @Field(() => Permission) send!: Permission;
  @Field(() => Permission) export!: Permission;
  @Field(() => Permission) recordPayment!: Permission;
  @Field(() => Permission) recordRefund!: Permission;
  @Field(() => Permission) void!: Permission;
  @Field(() => Permission) createCreditMemo!: Permission;
}

@ObjectType({ simpleResolvers: true })
export class InvoicePreviewLine {
  @Field(() => ID) salesOrderLineId!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => SafeIntScalar) totalCents!: number;
}

/**
 * An invoice as createInvoice/updateInvoice would make it now, from the very decision the mutation
 * runs, or that decision's refusals — nothing is written. The forms preview totals and the order's
 * balance after it, and flag quantities above what is left while they are typed.
 */
@ObjectType({ simpleResolvers: true })
export class InvoicePreview {
  @Field(() => [InvoicePreviewLine]) lines!: InvoicePreviewLine[];
  @Field(() => SafeIntScalar, { nullable: true }) subtotalCents!: number | null;
  @Field(() => SafeIntScalar, { nullable: true }) taxCents!: number | null;
  @Field(() => SafeIntScalar, { nullable: true }) totalCents!: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: 'paid deposit it would apply' }) depositAppliedCents!: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: 'what the client would owe on it: total − deposit applied (before payments)' }) balanceCents!: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: "the order's invoicedCents right after" }) orderInvoicedAfterCents!: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: "the order's remainingCents right after" }) orderRemainingAfterCents!: number | null;
  @Field(() => [UserError], { description: 'what the mutation would answer; empty when it would succeed' }) userErrors!: UserError[];
}

/** A deposit as requestDeposit would make it now, or its refusals; nothing is written. */
@ObjectType({ simpleResolvers: true })
export class DepositPreview {
  @Field(() => SafeIntScalar, { nullable: true }) amountCents!: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: "the order's totalCents" }) orderTotalCents!: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: "the order's live deposits, this one included" }) depositsAfterCents!: number | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class CreditMemoPreviewLine {
  @Field(() => ID) invoiceLineId!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => SafeIntScalar, { description: 'negative' }) totalCents!: number;
  @Field(() => Int, { description: 'units coming back to stock' }) restocked!: number;
}

/**
 * A credit memo as createCreditMemo would make it now (its money negative), with what it does to
 * the invoice and the order, or its refusals; nothing is written.
 */
@ObjectType({ simpleResolvers: true })
export class CreditMemoPreview {
  @Field(() => [CreditMemoPreviewLine]) lines!: CreditMemoPreviewLine[];
  @Field(() => SafeIntScalar, { nullable: true }) subtotalCents!: number | null;
  @Field(() => SafeIntScalar, { nullable: true }) taxCents!: number | null;
  @Field(() => SafeIntScalar, { nullable: true }) totalCents!: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: "the invoice's creditedCents right after" }) invoiceCreditedAfterCents!: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: "the invoice's balanceCents right after (below 0: a refund is owed)" }) invoiceBalanceAfterCents!: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: "the order's invoicedCents right after" }) orderInvoicedAfterCents!: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: "the order's remainingCents right after" }) orderRemainingAfterCents!: number | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

/** The e-mail sendInvoice would send now (built by the same function), or its refusals; nothing is written or sent. */
@ObjectType({ simpleResolvers: true })
export class InvoiceEmailPreview {
  @Field(() => [String], { description: 'the addresses it goes to (the ones given, else the client’s invoice e-mail)' }) to!: string[];
  @Field(() => String, { nullable: true }) subject!: string | null;
  @Field(() => String, { nullable: true, description: 'the message, plain text' }) text!: string | null;
  @Field(() => String, { nullable: true, description: 'the PDF attached, e.g. INV-1001.pdf' }) attachmentName!: string | null;
  @Field(() => [UserError], { description: 'what sendInvoice would answer; empty when it would send' }) userErrors!: UserError[];
}

function previewOf(d: Decision<InvoiceDecision | null>): InvoicePreview {
  if (!d.ok)
    return { lines: [], subtotalCents: null, taxCents: null, totalCents: null, depositAppliedCents: null, balanceCents: null, orderInvoicedAfterCents: null, orderRemainingAfterCents: null, userErrors: d.errors };
  const v = d.value;
  return {
    lines: (v?.lines ?? []).map((l) => ({ salesOrderLineId: l.salesOrderLineId, quantity: l.quantity, totalCents: l.totalCents })),
    subtotalCents: v?.subtotalCents ?? null,
    taxCents: v?.taxCents ?? null,
    totalCents: v?.totalCents ?? null,
    depositAppliedCents: v ? v.depositAppliedCents : null,
    balanceCents: v ? v.totalCents - v.depositAppliedCents : null,
    orderInvoicedAfterCents: v?.order.figures.invoicedCents ?? null,
    orderRemainingAfterCents: v?.order.figures.remainingCents ?? null,
    userErrors: [],
  };
}

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Authorized()
  @Query(() => InvoicePreview, { description: 'the invoice createInvoice would make now, or its refusals; nothing is written' })
  async invoicePreview(@Ctx() ctx: Context, @Arg('input', () => CreateInvoiceInput) input: CreateInvoiceInput): Promise<InvoicePreview> {
    return previewOf(await previewInvoice(ctx.em, input));
  }

  @Authorized()
  @Query(() => InvoicePreview, { description: 'the invoice as updateInvoice would leave it now, or its refusals; nothing is written' })
  async invoiceEditPreview(@Ctx() ctx: Context, @Arg('input', () => UpdateInvoiceInput) input: UpdateInvoiceInput): Promise<InvoicePreview> {
    return previewOf(await previewInvoiceEdit(ctx.em, input));
  }

  @Authorized()
  @Query(() => DepositPreview, { description: 'the deposit requestDeposit would make now, or its refusals; nothing is written' })
  async depositPreview(@Ctx() ctx: Context, @Arg('input', () => RequestDepositInput) input: RequestDepositInput): Promise<DepositPreview> {
    const d = await previewDeposit(ctx.em, input);
    if (!d.ok) return { amountCents: null, orderTotalCents: null, depositsAfterCents: null, userErrors: d.errors };
    return { ...d.value, userErrors: [] };
  }

  @Authorized()
  @Query(() => CreditMemoPreview, { description: 'the credit memo createCreditMemo would make now, and its effect on the invoice and order, or its refusals; nothing is written' })
  async creditMemoPreview(@Ctx() ctx: Context, @Arg('input', () => CreateCreditMemoInput) input: CreateCreditMemoInput): Promise<CreditMemoPreview> {
    const d = await previewCreditMemo(ctx.em, input);
    if (!d.ok)
      return { lines: [], subtotalCents: null, taxCents: null, totalCents: null, invoiceCreditedAfterCents: null, invoiceBalanceAfterCents: null, orderInvoicedAfterCents: null, orderRemainingAfterCents: null, userErrors: d.errors };
    const v = d.value;
    return {
      lines: v.lines.map((l) => ({ invoiceLineId: l.invoiceLineId, quantity: l.quantity, totalCents: l.totalCents, restocked: l.restocked })),
      subtotalCents: v.subtotalCents,
      taxCents: v.taxCents,
      totalCents: v.totalCents,
      invoiceCreditedAfterCents: v.invoice.creditedCents,
      invoiceBalanceAfterCents: v.invoice.balanceCents,
      orderInvoicedAfterCents: v.figures.invoicedCents,
      orderRemainingAfterCents: v.figures.remainingCents,
      userErrors: [],
    };
  }

  @Authorized()
  @Query(() => InvoiceEmailPreview, { description: 'the e-mail sendInvoice would send now (to, subject, text, attachment), or its refusals; nothing is sent' })
  async invoiceEmailPreview(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('to', () => [String], { nullable: true }) to: string[] | null,
  ): Promise<InvoiceEmailPreview> {
    const d = await previewSendInvoice(ctx.em, id, to);
    if (!d.ok) return { to: [], subject: null, text: null, attachmentName: null, userErrors: d.errors };
    return { ...d.value, userErrors: [] };
  }

  @FieldResolver(() => InvoiceCan, { description: 'what the viewer may do with it now, decided by the rules its mutations run' })
  async can(@Root() root: Invoice, @Ctx() ctx: Context): Promise<InvoiceCan> {
    const i = await entityOf(ctx.em, Invoice, root);
    const [lines, money] = await Promise.all([i.lines.load(), ctx.loaders.get(orderMoney).load(i.salesOrder.id)]);
    return invoiceCan({ kind: i.kind, status: i.status, totalCents: i.totalCents, paidCents: i.paidCents, depositAppliedCents: i.depositAppliedCents, creditedCents: i.creditedCents, refundedCents: i.refundedCents, lines: lines.getItems() }, viewerOf(ctx).roles, money.deposits);
  }

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

  @Authorized(rolesFor('deposits'))
  @Mutation(() => InvoicePayload, { description: 'a deposit invoice (DEP-) of an amount or a percent of the order' })
  requestDeposit(@Ctx() ctx: Context, @Arg('input', () => RequestDepositInput) input: RequestDepositInput): Promise<InvoicePayload> {
    return mutate(ctx, 'invoice', (em) => requestDeposit(em, viewerOf(ctx), input));
  }

  @Authorized(rolesFor('creditMemos'))
  @Mutation(() => InvoicePayload, { description: 'a credit memo (CM-) taking units back from an issued invoice' })
  createCreditMemo(@Ctx() ctx: Context, @Arg('input', () => CreateCreditMemoInput) input: CreateCreditMemoInput): Promise<InvoicePayload> {
    return mutate(ctx, 'invoice', (em) => createCreditMemo(em, viewerOf(ctx), input));
  }

  @Authorized(rolesFor('recordPayments'))
  @Mutation(() => InvoicePayload, { description: 'money paid back on a negative balance or an unapplied deposit' })
  recordRefund(@Ctx() ctx: Context, @Arg('input', () => RecordRefundInput) input: RecordRefundInput): Promise<InvoicePayload> {
    return mutate(ctx, 'invoice', (em) => recordRefund(em, viewerOf(ctx), input));
  }

  @FieldResolver(() => [Invoice], { description: 'standard invoices: the credit memos taken on it' })
  async creditMemos(@Root() i: Invoice, @Ctx() ctx: Context): Promise<Invoice[]> {
    if (i.kind !== 'STANDARD') return [];
    return ctx.loaders.get(creditMemosOf).load(i.id);
  }

  @FieldResolver(() => Invoice, { nullable: true, description: 'credit memos: the invoice they credit' })
  creditedInvoice(@Root() i: Invoice, @Ctx() ctx: Context): Promise<Invoice | null> | Invoice | null {
    if (isRow(i)) return relatedOf(ctx.em, i, 'creditedInvoice', Invoice);
    return i.creditedInvoice ? i.creditedInvoice.loadOrFail() : null;
  }

  // A report row (common/rows.ts) brings the records it was read with; an entity loads them, batched.
  @FieldResolver(() => SalesOrder)
  salesOrder(@Root() i: Invoice, @Ctx() ctx: Context): Promise<SalesOrder> | SalesOrder {
    return isRow(i) ? (relatedOf(ctx.em, i, 'salesOrder', SalesOrder) as Promise<SalesOrder> | SalesOrder) : i.salesOrder.loadOrFail();
  }

  @FieldResolver(() => Project)
  project(@Root() i: Invoice, @Ctx() ctx: Context): Promise<Project> | Project {
    return isRow(i) ? (relatedOf(ctx.em, i, 'project', Project) as Promise<Project> | Project) : i.project.loadOrFail();
  }

  @FieldResolver(() => Client)
  client(@Root() i: Invoice, @Ctx() ctx: Context): Promise<Client> | Client {
    return isRow(i) ? (relatedOf(ctx.em, i, 'client', Client) as Promise<Client> | Client) : i.client.loadOrFail();
  }

  @FieldResolver(() => [InvoiceLine])
  async lines(@Root() i: Invoice, @Ctx() ctx: Context): Promise<InvoiceLine[]> {
    return (await (await entityOf(ctx.em, Invoice, i)).lines.load()).getItems();
  }
}

@Resolver(() => InvoiceLine)
export class InvoiceLineResolver {
  @FieldResolver(() => SalesOrderLine)
  salesOrderLine(@Root() l: InvoiceLine): Promise<SalesOrderLine> {
    return l.salesOrderLine.loadOrFail();
  }
}
