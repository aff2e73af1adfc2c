import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../common/scalars.js';

/** A follow-up made together with a note or a PO flag, about the same record. */
@InputType()
export class FollowUpInput {
  @Field(() => ID)
  assigneeId!: string;

  @Field(() => DateScalar)
  dueOn!: string;

  @Field(() => String, { nullable: true, description: "defaults to the note's or the flag's text" })
  body?: string | null;
}

@InputType()
export class CreateFollowUpInput {
  @Field(() => ID) projectId!: string;
  @Field(() => ID) assigneeId!: string;
  @Field(() => DateScalar) dueOn!: string;
  @Field() body!: string;
  @Field(() => ID, { nullable: true }) purchaseOrderId?: string | null;
  @Field(() => ID, { nullable: true }) salesOrderId?: string | null;
  @Field(() => ID, { nullable: true }) invoiceId?: string | null;
}
