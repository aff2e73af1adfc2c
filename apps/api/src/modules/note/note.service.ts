import { activityEvent, NO_AMOUNTS, checkNoteBody, checkNoteTarget, decideDeleteNote, decideEditNote, mentionCandidates, noteFollowUpBody, targetNotOnProject, type Decision } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../common/viewer.js';
import { fail } from '../../common/errors.js';
import { findById, mustFind } from '../../common/lookup.js';
import { recordActivity } from '../activity/activity.service.js';
import { checkAttachedFollowUp, writeFollowUp, type AttachedFollowUp } from '../follow-up/follow-up.service.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { raiseHandOff } from '../notification/hand-off.js';
import { Project } from '../project/project.entity.js';
import { PurchaseOrder } from '../purchase-order/purchase-order.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { User } from '../user/user.entity.js';
import { Note } from './note.entity.js';

export interface NewNote {
  projectId: string;
  body: string;
  purchaseOrderId?: string | null;
  salesOrderId?: string | null;
  invoiceId?: string | null;
  pinned?: boolean | null;
  /** Also make a follow-up about the same record, in the same transaction. */
  followUp?: AttachedFollowUp | null;
}

function decided<T>(d: Decision<T>): T {
  if (!d.ok) fail(...d.errors);
  return d.value;
}

/** The organization's users a body mentions (unknown handles stay text). */
async function mentioned(em: EntityManager, body: string): Promise<User[]> {
  const handles = mentionCandidates(body);
  return handles.length ? em.find(User, { handle: { $in: handles } }) : [];
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}

function notifyMentions(em: EntityManager, note: Note, users: User[], viewer: Viewer, projectId: string): void {
  const userIds = users.filter((u) => u.active && u.id !== viewer.userId).map((u) => u.id);
  if (userIds.length) raiseHandOff(em, { kind: 'MENTION', noteId: note.id, projectId, userIds, excerpt: excerpt(note.body), actorId: viewer.userId });
}

export async function addNote(em: EntityManager, viewer: Viewer, input: NewNote): Promise<Note> {
  const f = (name: string) => ['input', name];
  const project = await mustFind(em, Project, input.projectId, f('projectId'), 'project');
  // A target of another project is as unknown as a missing one.
  const target = async <T extends { project?: unknown }>(entity: new () => T, id: string | null | undefined, field: string, what: string, projectOf: (t: T) => string | undefined) => {
    if (id == null) return null;
    const found = await findById(em, entity, id);
    if (!found || projectOf(found) !== project.id) fail(targetNotOnProject(what, field));
    return found;
  };
  const purchaseOrder = await target(PurchaseOrder, input.purchaseOrderId, 'purchaseOrderId', 'purchase order', (po) => po.project?.id);
  const salesOrder = await target(SalesOrder, input.salesOrderId, 'salesOrderId', 'sales order', (so) => so.project.id);
  const invoice = await target(Invoice, input.invoiceId, 'invoiceId', 'invoice', (i) => i.project.id);
  const attached = input.followUp ? await checkAttachedFollowUp(em, input.followUp, noteFollowUpBody(input.body), ['input', 'followUp']) : null;
  const invalid = [...checkNoteTarget([purchaseOrder, salesOrder, invoice].filter(Boolean).length), ...checkNoteBody(input.body), ...(attached?.errors ?? [])];
  if (invalid.length) fail(...invalid);
  const users = await mentioned(em, input.body);
  const pinned = input.pinned ?? false;
  const note = em.create(Note, {
    project,
    author: viewer.userId,
    body: input.body,
    purchaseOrder,
    salesOrder,
    invoice,
    pinned,
    pinnedAt: pinned ? new Date() : null,
    pinnedBy: pinned ? viewer.userId : null,
  });
  note.mentions.set(users);
  recordActivity(em, {
    ...activityEvent('note.added', { actor: viewer.user.name, pinned: !!pinned, mentions: users.map((u) => u.handle) }, NO_AMOUNTS),
    projectId: project.id,
    entityId: note.id,
    actorId: viewer.userId,
  });
  notifyMentions(em, note, users, viewer, project.id);
  if (attached && input.followUp) writeFollowUp(em, viewer, { project, purchaseOrder, salesOrder, invoice, assignee: attached.assignee!, dueOn: input.followUp.dueOn, body: attached.body });
  return note;
}

/** The author (or an ADMIN) edits the body; the note's version rises by 1 (under its row lock). */
export async function editNote(em: EntityManager, viewer: Viewer, id: string, body: string, expectedVersion?: number | null): Promise<Note> {
  const note = await mustFind(em, Note, id, ['id'], 'note', true);
  decided(decideEditNote(viewer, { authorId: note.author.id, version: note.version }, body, expectedVersion));
  await note.mentions.init();
  const before = new Set(note.mentions.getItems().map((u) => u.id));
  const users = await mentioned(em, body);
  note.body = body;
  note.editedAt = new Date();
  note.version += 1;
  note.mentions.set(users);
  recordActivity(em, { ...activityEvent('note.edited', { actor: viewer.user.name }, NO_AMOUNTS), projectId: note.project.id, entityId: note.id, actorId: viewer.userId });
  // Only the newly mentioned hear about it.
  notifyMentions(em, note, users.filter((u) => !before.has(u.id)), viewer, note.project.id);
  return note;
}

/** Deletes a note (its author or an ADMIN); its notifications keep their message, their note is then null. Returns the note as it was. */
export async function deleteNote(em: EntityManager, viewer: Viewer, id: string): Promise<Note> {
  const note = await mustFind(em, Note, id, ['id'], 'note', true);
  decided(decideDeleteNote(viewer, { authorId: note.author.id, version: 1 }));
  await note.mentions.init();
  recordActivity(em, { ...activityEvent('note.deleted', { actor: viewer.user.name }, NO_AMOUNTS), projectId: note.project.id, entityId: note.id, actorId: viewer.userId });
  em.remove(note);
  return note;
}

export async function setNotePinned(em: EntityManager, viewer: Viewer, id: string, pinned: boolean): Promise<Note> {
  const note = await mustFind(em, Note, id, ['id'], 'note', true);
  if (note.pinned === pinned) return note;
  note.pinned = pinned;
  note.pinnedAt = pinned ? new Date() : null;
  note.pinnedBy = pinned ? em.getReference(User, viewer.userId, { wrapped: true }) : null;
  recordActivity(em, { ...activityEvent(pinned ? 'note.pinned' : 'note.unpinned', { actor: viewer.user.name }, NO_AMOUNTS), projectId: note.project.id, entityId: note.id, actorId: viewer.userId });
  return note;
}

/** Pinned first (newest pin first), then newest first. */
export function projectNotes(em: EntityManager, project: Project, pinnedOnly: boolean): Promise<Note[]> {
  return em.find(Note, pinnedOnly ? { project: project.id, pinned: true } : { project: project.id }, {
    orderBy: [{ pinned: 'desc' }, { pinnedAt: 'desc nulls last' }, { createdAt: 'desc' }, { id: 'desc' }],
  });
}
