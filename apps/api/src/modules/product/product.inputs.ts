import { Field, ID, InputType, Int } from 'type-graphql';
import { SafeIntScalar } from '../../common/scalars.js';

/** Fields left out keep their value. The SKU is the product's identity on documents and stays. */
@InputType()
export class UpdateProductInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => SafeIntScalar, { nullable: true })
  priceCents?: number | null;

  @Field(() => SafeIntScalar, { nullable: true })
  costCents?: number | null;

  @Field(() => ID, { nullable: true, description: 'preferred supplier; null clears it' })
  supplierId?: string | null;

  @Field(() => Int, { nullable: true })
  minStock?: number | null;

  @Field(() => Int, { nullable: true })
  maxStock?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'switch between inventoried and drop-ship; only with nothing on hand and no open order or purchase order of it (else INVALID_TRANSITION)',
  })
  inventoried?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'its sales order lines are taxed (lines already on orders keep theirs)' })
  taxable?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'the version you saw; a newer one answers CONFLICT' })
  expectedVersion?: number | null;
}
