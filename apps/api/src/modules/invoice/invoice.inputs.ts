import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, SafeIntScalar } from '../../common/scalars.js';

@InputType()
export class InvoiceLineInput {
  @Field(() => ID)
  salesOrderLineId!: string;

  @Field(() => Int, { description: '0 leaves the line off' })
  quantity!: number;
}

@InputType()
export class CreateInvoiceInput {
  @Field(() => ID)
  salesOrderId!: string;

  @Field(() => [InvoiceLineInput], { nullable: true, description: "omitted: every line's readyToInvoice quantity" })
  lines?: InvoiceLineInput[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'defaults to today' })
  invoiceDate?: string | null;

  @Field(() => SafeIntScalar, { nullable: true, description: 'omitted: its share of the available deposit (DOMAIN.md)' })
  depositAppliedCents?: number | null;
}

@InputType()
export class UpdateInvoiceInput {
  @Field(() => ID)
  invoiceId!: string;

  @Field(() => [InvoiceLineInput], { nullable: true, description: 'replaces the quantities of the lines named; only while OPEN' })
  lines?: InvoiceLineInput[] | null;

  @Field(() => DateScalar, { nullable: true })
  dueDate?: string | null;

  @Field(() => SafeIntScalar, { nullable: true })
  depositAppliedCents?: number | null;

  @Field(() => Int, { nullable: true, description: 'the version you saw; a newer one answers CONFLICT' })
  expectedVersion?: number | null;
}

@InputType()
export class RecordPaymentInput {
  @Field(() => ID)
  invoiceId!: string;

  @Field(() => SafeIntScalar)
  amountCents!: number;

  @Field(() => DateScalar, { nullable: true })
  receivedOn?: string | null;

  @Field(() => String, { nullable: true })
  reference?: string | null;
}

@InputType()
export class RequestDepositInput {
  @Field(() => ID)
  salesOrderId!: string;

  @Field(() => SafeIntScalar, { nullable: true, description: 'exactly one of amountCents and percent' })
  amountCents?: number | null;

  @Field(() => Int, { nullable: true, description: "1..100 of the order's totalCents, rounded half up" })
  percent?: number | null;
}

@InputType()
export class CreditMemoLineInput {
  @Field(() => ID)
  invoiceLineId!: string;

  @Field(() => Int)
  quantity!: number;
}

@InputType()
export class CreateCreditMemoInput {
  @Field(() => ID)
  invoiceId!: string;

  @Field(() => [CreditMemoLineInput])
  lines!: CreditMemoLineInput[];

  @Field()
  reason!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'true: the units become remaining again; false: they are cancelled too' })
  reinvoice?: boolean | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'inventoried goods return to on hand' })
  restock?: boolean | null;
}

@InputType()
export class RecordRefundInput {
  @Field(() => ID)
  invoiceId!: string;

  @Field(() => SafeIntScalar)
  amountCents!: number;

  @Field(() => DateScalar, { nullable: true })
  refundedOn?: string | null;

  @Field(() => String, { nullable: true })
  reference?: string | null;
}
