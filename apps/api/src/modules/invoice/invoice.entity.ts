import { balanceOf, InvoiceKind, InvoiceStatus, isOverdue, todayUtc, type PostalAddress } from '@baton/domain';
import { Check, Collection, Entity, Enum, Index, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { cents } from '../../common/columns.js';
import { DateScalar, SafeIntScalar } from '../../common/scalars.js';
import { TenantEntity } from '../../common/tenant.js';
import { Client } from '../client/client.entity.js';
import { Project } from '../project/project.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { InvoiceLine } from './invoice-line.entity.js';

export interface StillToFollow {
  salesOrderLineId: string;
  description: string;
  remaining: number;
  backordered: number;
}

/**
 * Who the document is from and to, as printed when it was issued (DOMAIN.md, "as of itself"): taken
 * when it is made, again at each edit while OPEN and when it is sent from OPEN; a client who moves
 * later does not move an issued invoice. Null on documents made before addresses existed (the PDF
 * then prints today's).
 */
export interface DocumentParties {
  from: { name: string; address: PostalAddress | null };
  billTo: { name: string; address: PostalAddress | null };
  remitTo: string | null;
  terms: string | null;
}

@Entity()
@Check({
  name: 'invoice_amounts_check',
  expression: "paid_cents >= 0 and refunded_cents >= 0 and deposit_applied_cents >= 0 and total_cents = subtotal_cents + tax_cents and (kind = 'CREDIT_MEMO' or paid_cents <= total_cents)",
})
@Unique({ properties: ['organization', 'number'] })
@Index({ properties: ['organization', 'invoiceDate', 'number'] })
// The invoices report's order; created by Migration20261122050000, declared here so schema diffs keep it.
@Index({
  name: 'invoice_report_order_idx',
  expression: 'create index "invoice_report_order_idx" on "invoice" ("organization_id", "invoice_date" desc, length("number") desc, "number" desc)',
})
// One client's invoices in report order; created by Migration20261207170000.
@Index({
  name: 'invoice_client_report_order_idx',
  expression: 'create index "invoice_client_report_order_idx" on "invoice" ("organization_id", "client_id", "invoice_date" desc, length("number") desc, "number" desc)',
})
// Each order's document and deposit sums in sales_order_figures, read from the index alone (Migration20261207140000).
@Index({
  name: 'invoice_order_sums_idx',
  expression: 'create index "invoice_order_sums_idx" on "invoice" ("sales_order_id") include ("status", "kind", "total_cents", "taxable_subtotal_cents", "tax_cents", "paid_cents", "refunded_cents", "deposit_applied_cents")',
})
// What is owed and refunds owed (reports/receivables-aging.ts); created by Migration20261207140000. Partial: only those invoices.
@Index({
  name: 'invoice_receivable_idx',
  expression: `create index "invoice_receivable_idx" on "invoice" ("organization_id", "client_id", "due_date") include ("kind", "total_cents", "paid_cents", "deposit_applied_cents", "credited_cents", "refunded_cents") where status in ('SENT_TO_CLIENT', 'EXPORTED') and kind in ('STANDARD', 'DEPOSIT') and (case when kind = 'CREDIT_MEMO' then 0 else total_cents - paid_cents - deposit_applied_cents - credited_cents + refunded_cents end) > 0`,
})
@Index({
  name: 'invoice_refund_owed_idx',
  expression: `create index "invoice_refund_owed_idx" on "invoice" ("organization_id", "due_date") where (case when kind = 'CREDIT_MEMO' then 0 else total_cents - paid_cents - deposit_applied_cents - credited_cents + refunded_cents end) < 0`,
})
// The global search's trigram index (modules/search/search.ts); created by Migration20261207200000.
@Index({ name: 'invoice_number_search_idx', expression: 'create index "invoice_number_search_idx" on "invoice" using gin (lower("number") gin_trgm_ops)' })
@ObjectType()
export class Invoice extends TenantEntity {
  [OptionalProps]?: 'organization' | 'status' | 'paidCents' | 'sentTo' | 'version' | 'createdAt' | 'balanceCents' | 'overdue' | 'pdfUrl' | 'orderInvoicedAfterCents' | 'orderRemainingAfterCents' | 'stillToFollow' | 'kind' | 'taxableSubtotalCents' | 'depositAppliedCents' | 'depositAppliedNamed' | 'creditedCents' | 'creditedTaxableCents' | 'creditedTaxCents' | 'refundedCents' | 'creditedInvoice' | 'reason' | 'parties';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ length: 20 })
  @Field({ description: 'e.g. INV-1001; never reused' })
  number!: string;

  @ManyToOne({ entity: () => SalesOrder, ref: true, index: true })
  salesOrder!: Ref<SalesOrder>;

  @ManyToOne({ entity: () => Project, ref: true, index: true })
  project!: Ref<Project>;

  @ManyToOne({ entity: () => Client, ref: true, index: true })
  client!: Ref<Client>;

  @Enum({ items: () => InvoiceKind, default: 'STANDARD' })
  @Field(() => InvoiceKind)
  kind: InvoiceKind = 'STANDARD';

  @Enum({ items: () => InvoiceStatus })
  @Field(() => InvoiceStatus)
  status: InvoiceStatus = 'OPEN';

  /** Credit memos: the invoice they credit. */
  @ManyToOne({ entity: () => Invoice, ref: true, nullable: true, index: true })
  creditedInvoice?: Ref<Invoice> | null;

  /** Credit memos: why. */
  @Property({ length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'credit memos: why' })
  reason?: string | null;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  invoiceDate!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  dueDate!: string;

  @OneToMany(() => InvoiceLine, (l) => l.invoice, { orderBy: { position: 'asc' } })
  lines = new Collection<InvoiceLine>(this);

  @Property({ type: cents() })
  @Field(() => SafeIntScalar)
  subtotalCents!: number;

  @Property({ type: cents() })
  @Field(() => SafeIntScalar)
  taxCents!: number;

  @Property({ type: cents() })
  @Field(() => SafeIntScalar)
  totalCents!: number;

  /** The taxable part of the subtotal (the running-total tax reads it). */
  @Property({ type: cents(), default: 0 })
  taxableSubtotalCents: number = 0;

  @Property({ type: cents() })
  @Field(() => SafeIntScalar)
  paidCents: number = 0;

  /** Standard invoices: paid deposit of its order applied to it. */
  @Property({ type: cents(), default: 0 })
  @Field(() => SafeIntScalar, { description: 'standard invoices: paid deposit of its order applied to it' })
  depositAppliedCents: number = 0;

  /** A person named the deposit applied (it stays until renamed); else it follows its share. */
  @Property({ default: false })
  depositAppliedNamed: boolean = false;

  /** Standard invoices: −Σ totals of its credit memos. */
  @Property({ type: cents(), default: 0 })
  @Field(() => SafeIntScalar, { description: 'standard invoices: −Σ totals of its credit memos' })
  creditedCents: number = 0;

  /** What its credit memos took back of its taxable subtotal and of its tax (the next memo's tax reads them). */
  @Property({ type: cents(), default: 0 })
  creditedTaxableCents: number = 0;

  @Property({ type: cents(), default: 0 })
  creditedTaxCents: number = 0;

  @Property({ type: cents(), default: 0 })
  @Field(() => SafeIntScalar, { description: 'money paid back to the client on it' })
  refundedCents: number = 0;

  @Field(() => SafeIntScalar, { description: 'totalCents − paidCents − depositAppliedCents − creditedCents + refundedCents (below 0: a refund is owed; a credit memo’s: 0)' })
  get balanceCents(): number {
    return balanceOf(this);
  }

  @Field({ description: 'SENT_TO_CLIENT or EXPORTED, balance above 0, due date before today' })
  get overdue(): boolean {
    return isOverdue(this, todayUtc());
  }

  /** The order's invoicedCents right after this document was made or last edited while OPEN (DOMAIN.md, "as of itself"). */
  @Property({ type: cents(), nullable: true })
  @Field(() => SafeIntScalar, { nullable: true, description: "the order's invoicedCents right after this document was made or last edited while OPEN (null for deposits)" })
  orderInvoicedAfterCents?: number | null;

  /** The order's remainingCents at the same moment. */
  @Property({ type: cents(), nullable: true })
  @Field(() => SafeIntScalar, { nullable: true, description: "the order's remainingCents at the same moment (null for deposits)" })
  orderRemainingAfterCents?: number | null;

  /** What was still to follow at that moment: remaining units per order line, backordered ones first. */
  @Property({ type: 'jsonb', nullable: true })
  stillToFollow?: StillToFollow[] | null;

  /** The organization's and the client's names and addresses, remit-to and terms as printed (DocumentParties). */
  @Property({ type: 'jsonb', nullable: true })
  parties?: DocumentParties | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  sentAt?: Date | null;

  @Property({ type: 'text[]' })
  @Field(() => [String])
  sentTo: string[] = [];

  @Property({ length: 500, nullable: true })
  @Field(() => String, { nullable: true })
  voidReason?: string | null;

  @Property({ version: true })
  @Field(() => Int, { description: 'changes with every edit; pass it back as expectedVersion to refuse stale edits' })
  version!: number;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = new Date();

  @Field({ description: 'same-origin path that downloads the invoice as PDF' })
  get pdfUrl(): string {
    return `/invoices/${this.id}.pdf`;
  }
}
