import { ChargeTiming, LineKind } from '@baton/domain';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, SafeIntScalar } from '../../common/scalars.js';

@InputType()
export class SalesOrderLineInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => SafeIntScalar, { nullable: true, description: "defaults to the product's price" })
  unitPriceCents?: number | null;

  @Field(() => String, { nullable: true, description: "defaults to the product's name" })
  description?: string | null;
}

@InputType()
export class ChargeLineInput {
  @Field(() => LineKind, { description: 'FREIGHT, SETUP or SERVICE (GOODS → INVALID_INPUT)' })
  kind!: LineKind;

  @Field()
  description!: string;

  @Field(() => Int, { nullable: true, defaultValue: 1 })
  quantity?: number | null;

  @Field(() => SafeIntScalar, { description: '0 or more' })
  unitPriceCents!: number;

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  taxable?: boolean | null;

  @Field(() => ChargeTiming, { nullable: true, description: 'defaults by kind' })
  invoiceWith?: ChargeTiming | null;
}

@InputType()
export class CreateSalesOrderInput {
  @Field(() => ID)
  projectId!: string;

  @Field(() => DateScalar, { nullable: true })
  inHandsDate?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 0 })
  taxRateBasisPoints?: number | null;

  @Field(() => [SalesOrderLineInput])
  lines!: SalesOrderLineInput[];

  @Field(() => [ChargeLineInput], { nullable: true })
  charges?: ChargeLineInput[] | null;
}
