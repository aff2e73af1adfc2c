import { Field, ID, InputType, Int } from 'type-graphql';

/** Fields left out keep their value; `email: null` (or blank) clears it. */
@InputType()
export class UpdateSupplierInput {
  @Field(() => ID)
  supplierId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'null or blank clears it' })
  email?: string | null;

  @Field(() => Int, { nullable: true, description: 'the version you saw; a newer one answers CONFLICT' })
  expectedVersion?: number | null;
}
