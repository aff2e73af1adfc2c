import { FollowUpInput } from '../follow-up/follow-up.inputs.js';
import { Field, ID, InputType, Int } from 'type-graphql';
import { PurchaseOrderStage, PurchaseOrderStatus } from '@baton/domain';
import { DateScalar, SafeIntScalar } from '../../common/scalars.js';

@InputType()
export class PurchaseOrderLineInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => SafeIntScalar, { nullable: true, description: "defaults to the product's cost" })
  unitCostCents?: number | null;

  @Field(() => ID, { nullable: true, description: 'the sales order line this buys for (drop-ship)' })
  salesOrderLineId?: string | null;
}

@InputType()
export class CreatePurchaseOrderInput {
  @Field(() => ID)
  supplierId!: string;

  @Field(() => ID, { nullable: true })
  projectId?: string | null;

  @Field(() => ID, { nullable: true })
  salesOrderId?: string | null;

  @Field(() => ID, { nullable: true })
  productionRepId?: string | null;

  @Field(() => DateScalar, { nullable: true })
  inHandsDate?: string | null;

  @Field(() => [PurchaseOrderLineInput])
  lines!: PurchaseOrderLineInput[];
}

@InputType()
export class ReceiptLineInput {
  @Field(() => ID)
  purchaseOrderLineId!: string;

  @Field(() => Int)
  quantity!: number;
}

@InputType()
export class ReceivePurchaseOrderInput {
  @Field(() => ID)
  purchaseOrderId!: string;

  @Field(() => [ReceiptLineInput])
  lines!: ReceiptLineInput[];

  @Field(() => DateScalar, { nullable: true })
  shipDate?: string | null;

  @Field(() => String, { nullable: true })
  trackingNumber?: string | null;
}

@InputType()
export class ProductionReportFilter {
  @Field(() => [PurchaseOrderStage], { nullable: true })
  stages?: PurchaseOrderStage[] | null;

  @Field(() => [PurchaseOrderStatus], { nullable: true })
  statuses?: PurchaseOrderStatus[] | null;

  @Field(() => ID, { nullable: true })
  productionRepId?: string | null;

  @Field(() => ID, { nullable: true })
  supplierId?: string | null;

  @Field(() => ID, { nullable: true })
  clientId?: string | null;
}

@InputType({ description: 'workflow A step 1 in one transaction: flag the PO, note the reps, release the order for invoicing' })
export class FlagPurchaseOrderInput {
  @Field(() => ID)
  purchaseOrderId!: string;

  @Field(() => PurchaseOrderStatus, { description: 'usually PROBLEM or FOLLOW_UP' })
  status!: PurchaseOrderStatus;

  @Field(() => String, { nullable: true, description: "a note on the PO's project (markdown, @handles notify); none when absent" })
  note?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'pin the note to the project overview' })
  pinned?: boolean | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'also set its sales order READY_TO_BE_INVOICED' })
  readyToInvoice?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'the PO version the author saw; CONFLICT when stale' })
  expectedVersion?: number | null;

  @Field(() => FollowUpInput, { nullable: true, description: 'who follows up, by when: a follow-up about the PO, made with the flag' })
  followUp?: FollowUpInput | null;
}
