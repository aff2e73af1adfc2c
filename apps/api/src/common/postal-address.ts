import type { PostalAddress as Address } from '@baton/domain';
import { Field, InputType, ObjectType } from 'type-graphql';

/**
 * A postal address as invoices print it (the organization's, a client's bill-to). Stored as one
 * jsonb value, normalised by the domain's `normalizeAddress` (blank parts null; all blank: no address).
 */
@ObjectType({ description: 'a postal address; parts left out are null' })
export class PostalAddress implements Address {
  @Field(() => String, { nullable: true, description: 'street address' })
  line1!: string | null;

  @Field(() => String, { nullable: true })
  line2!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true, description: 'state, province or region' })
  region!: string | null;

  @Field(() => String, { nullable: true })
  postalCode!: string | null;

  @Field(() => String, { nullable: true })
  country!: string | null;
}

@InputType({ description: 'the whole address: parts left out or blank are cleared; every part blank clears the address' })
export class PostalAddressInput {
  @Field(() => String, { nullable: true })
  line1?: string | null;

  @Field(() => String, { nullable: true })
  line2?: string | null;

  @Field(() => String, { nullable: true })
  city?: string | null;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => String, { nullable: true })
  postalCode?: string | null;

  @Field(() => String, { nullable: true })
  country?: string | null;
}
