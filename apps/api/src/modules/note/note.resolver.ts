import { noteCan } from '@baton/domain';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context.js';
import { viewerOf } from '../../common/viewer.js';
import { UserError } from '../../common/errors.js';
import { mutate } from '../../common/mutation.js';
import { Permission } from '../../common/permission.js';
import { FollowUpInput } from '../follow-up/follow-up.inputs.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { Project } from '../project/project.entity.js';
import { projectTrees } from '../project/project.loaders.js';
import { PurchaseOrder } from '../purchase-order/purchase-order.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { User } from '../user/user.entity.js';
import { renderNoteBody } from './note.render.js';
import { Note } from './note.entity.js';
import { addNote, deleteNote, editNote, projectNotes, setNotePinned } from './note.service.js';

@InputType()
export class AddNoteInput {
  @Field(() => ID)
  projectId!: string;

  @Field()
  body!: string;

  @Field(() => ID, { nullable: true })
  purchaseOrderId?: string | null;

  @Field(() => ID, { nullable: true })
  salesOrderId?: string | null;

  @Field(() => ID, { nullable: true })
  invoiceId?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  pinned?: boolean | null;

  @Field(() => FollowUpInput, { nullable: true, description: 'also make a follow-up about the same record' })
  followUp?: FollowUpInput | null;
}

@ObjectType()
export class NotePayload {
  @Field(() => Note, { nullable: true })
  note!: Note | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

/** What the viewer may do with a note (the contract's NoteCan). */
@ObjectType({ simpleResolvers: true })
export class NoteCan {
  @Field(() => Permission) edit!: Permission;
  @Field(() => Permission) delete!: Permission;
  @Field(() => Permission) pin!: Permission;
}

/** Everyone signed in may add notes, pin and unpin; only the author or an ADMIN edits or deletes. */
@Resolver(() => Note)
export class NoteResolver {
  @Mutation(() => NotePayload)
  addNote(@Ctx() ctx: Context, @Arg('input', () => AddNoteInput) input: AddNoteInput): Promise<NotePayload> {
    return mutate(ctx, 'note', (em) => addNote(em, viewerOf(ctx), input));
  }

  @Mutation(() => NotePayload)
  editNote(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('body') body: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'the version you saw; a newer one answers CONFLICT' }) expectedVersion: number | null,
  ): Promise<NotePayload> {
    return mutate(ctx, 'note', (em) => editNote(em, viewerOf(ctx), id, body, expectedVersion));
  }

  @Mutation(() => NotePayload, { description: 'the note as it was; its notifications keep their message, their note is then null' })
  deleteNote(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<NotePayload> {
    return mutate(ctx, 'note', (em) => deleteNote(em, viewerOf(ctx), id));
  }

  @Mutation(() => NotePayload)
  setNotePinned(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('pinned') pinned: boolean): Promise<NotePayload> {
    return mutate(ctx, 'note', (em) => setNotePinned(em, viewerOf(ctx), id, pinned));
  }

  @FieldResolver(() => NoteCan, { description: 'what the viewer may do with it' })
  can(@Root() n: Note, @Ctx() ctx: Context): NoteCan {
    return noteCan({ authorId: n.author.id }, viewerOf(ctx));
  }

  @FieldResolver(() => Project)
  project(@Root() n: Note): Promise<Project> {
    return n.project.loadOrFail();
  }

  @FieldResolver(() => User)
  author(@Root() n: Note): Promise<User> {
    return n.author.loadOrFail();
  }

  @FieldResolver(() => [User], { description: 'the users tagged in the body' })
  async mentions(@Root() n: Note): Promise<User[]> {
    return (await n.mentions.load()).getItems();
  }

  @FieldResolver(() => String, { description: 'the body as sanitized HTML (markdown rendered, mentions highlighted, nothing executable)' })
  async bodyHtml(@Root() n: Note): Promise<string> {
    const mentions = (await n.mentions.load()).getItems();
    return renderNoteBody(n.body, new Set(mentions.map((u) => u.handle)));
  }

  @FieldResolver(() => PurchaseOrder, { nullable: true })
  purchaseOrder(@Root() n: Note): Promise<PurchaseOrder> | null {
    return n.purchaseOrder ? n.purchaseOrder.loadOrFail() : null;
  }

  @FieldResolver(() => SalesOrder, { nullable: true })
  salesOrder(@Root() n: Note): Promise<SalesOrder> | null {
    return n.salesOrder ? n.salesOrder.loadOrFail() : null;
  }

  @FieldResolver(() => Invoice, { nullable: true })
  invoice(@Root() n: Note): Promise<Invoice> | null {
    return n.invoice ? n.invoice.loadOrFail() : null;
  }

  @FieldResolver(() => User, { nullable: true })
  pinnedBy(@Root() n: Note): Promise<User> | null {
    return n.pinnedBy ? n.pinnedBy.loadOrFail() : null;
  }
}

@Resolver(() => Project)
export class ProjectNotesResolver {
  @FieldResolver(() => [Note], { description: 'pinned first (newest pin first), then newest first' })
  notes(@Root() p: Project, @Ctx() ctx: Context, @Arg('pinnedOnly', () => Boolean, { nullable: true, defaultValue: false }) pinnedOnly: boolean): Promise<Note[]> {
    const prefetched = ctx.loaders.get(projectTrees).notesOf(p.id, pinnedOnly ?? false);
    return prefetched ? Promise.resolve(prefetched) : projectNotes(ctx.em, p, pinnedOnly ?? false);
  }
}
