import { Field, ID, InputType, Int } from 'type-graphql';
import { PostalAddressInput } from '../../common/postal-address.js';

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

  @Field(() => PostalAddressInput, { nullable: true, description: 'the bill-to address printed on invoices, replaced whole; null or all parts blank clears it' })
  billingAddress?: PostalAddressInput | null;

  @Field(() => Int, { nullable: true, description: 'the version you saw; a newer one answers CONFLICT' })
  expectedVersion?: number | null;
}
