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
}

@InputType()
export class UpdateInvoiceInput {
  @Field(() => ID)
  invoiceId!: string;

  @Field(() => [InvoiceLineInput], { nullable: true, description: 'replaces the quantities of the lines named; only while OPEN' })
  lines?: InvoiceLineInput[] | null;

  @Field(() => DateScalar, { nullable: true })
  dueDate?: string | null;

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
