import { Field, ID, InputType } from 'type-graphql';

/** Fields left out keep their value; `email: null` (or blank) clears it. */
@InputType()
export class UpdateSupplierInput {
  @Field(() => ID)
  supplierId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'null or blank clears it' })
  email?: string | null;
}
