import { Field, ID, InputType, Int } from 'type-graphql';

/** Fields left out keep their value; `email: null` (or blank) clears the invoice address. */
@InputType()
export class UpdateClientInput {
  @Field(() => ID)
  clientId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'where invoices are emailed; null or blank clears it' })
  email?: string | null;

  @Field(() => Int, { nullable: true, description: '0 to 365; the due date of new invoices' })
  paymentTermsDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'the version you saw; a newer one answers CONFLICT' })
  expectedVersion?: number | null;
}
