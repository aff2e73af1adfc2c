import {
  activityEvent,
  NO_AMOUNTS,
  checkAssignee,
  checkFollowUpBody,
  checkNewFollowUp,
  decideCompleteFollowUp,
  targetNotOnProject,
  under,
  type UserError,
} from '@baton/domain';
import type { FilterQuery, ObjectQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../common/viewer.js';
import { fail } from '../../common/errors.js';
import { findById, mustFind } from '../../common/lookup.js';
import { isId } from '../../common/ids.js';
import { decodeCursor, page } from '../../common/pagination.js';
import { recordActivity } from '../activity/activity.service.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { raiseHandOff } from '../notification/hand-off.js';
import { Project } from '../project/project.entity.js';
import { PurchaseOrder } from '../purchase-order/purchase-order.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { User } from '../user/user.entity.js';
import { FollowUp } from './follow-up.entity.js';

/** What a caller asks for (createFollowUp's input). */
export interface NewFollowUp {
  projectId: string;
  assigneeId: string;
  dueOn: string;
  body: string;
  purchaseOrderId?: string | null;
  salesOrderId?: string | null;
  invoiceId?: string | null;
}

/** A follow-up made together with a note or a flag (FollowUpInput): about that note's or flag's record. */
export interface AttachedFollowUp {
  assigneeId: string;
  dueOn: string;
  body?: string | null;
}

export function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}

/** The assignee of an attached follow-up and its text, checked (INVALID_INPUT under `field`). */
export async function checkAttachedFollowUp(em: EntityManager, input: AttachedFollowUp, defaultBody: string, field: readonly string[]): Promise<{ assignee: User | null; body: string; errors: UserError[] }> {
  const assignee = await findById(em, User, input.assigneeId);
  const body = input.body ?? defaultBody;
  return { assignee, body, errors: under(field, [...checkAssignee(assignee), ...checkFollowUpBody(body)]) };
}

export interface FollowUpParts {
  project: Project;
  purchaseOrder?: PurchaseOrder | null;
  salesOrder?: SalesOrder | null;
  invoice?: Invoice | null;
  assignee: User;
  dueOn: string;
  body: string;
}

/** Writes a checked follow-up, its activity event and the assignee's FOLLOW_UP_ASSIGNED (never when self-assigned). */
export function writeFollowUp(em: EntityManager, viewer: Viewer, parts: FollowUpParts): FollowUp {
  const followUp = em.create(FollowUp, {
    project: parts.project,
    purchaseOrder: parts.purchaseOrder ?? null,
    salesOrder: parts.salesOrder ?? null,
    invoice: parts.invoice ?? null,
    assignee: parts.assignee,
    createdBy: viewer.userId,
    body: parts.body,
    dueOn: parts.dueOn,
  });
  const about = parts.purchaseOrder?.number ?? parts.salesOrder?.number ?? parts.invoice?.number;
  const assignee = parts.assignee.id === viewer.userId ? null : parts.assignee.name;
  recordActivity(em, {
    ...activityEvent('follow_up.created', { actor: viewer.user.name, assignee, about: about ?? null, dueOn: parts.dueOn, excerpt: excerpt(parts.body) }, NO_AMOUNTS),
    projectId: parts.project.id,
    entityId: followUp.id,
    actorId: viewer.userId,
  });
  raiseHandOff(em, {
    kind: 'FOLLOW_UP_ASSIGNED',
    followUpId: followUp.id,
    projectId: parts.project.id,
    assigneeId: parts.assignee.id,
    dueOn: parts.dueOn,
    excerpt: excerpt(parts.body),
    actorId: viewer.userId,
  });
  return followUp;
}

/** createFollowUp: project and record found (NOT_FOUND, a record of another project too), then the input. */
export async function createFollowUp(em: EntityManager, viewer: Viewer, input: NewFollowUp): Promise<FollowUp> {
  const project = await mustFind(em, Project, input.projectId, ['input', 'projectId'], 'project');
  const target = async <T extends object>(entity: new () => T, id: string | null | undefined, field: string, what: string, projectOf: (t: T) => string | undefined) => {
    if (id == null) return null;
    const found = await findById(em, entity, id);
    if (!found || projectOf(found) !== project.id) fail(targetNotOnProject(what, field));
    return found;
  };
  const purchaseOrder = await target(PurchaseOrder, input.purchaseOrderId, 'purchaseOrderId', 'purchase order', (po) => po.project?.id);
  const salesOrder = await target(SalesOrder, input.salesOrderId, 'salesOrderId', 'sales order', (so) => so.project.id);
  const invoice = await target(Invoice, input.invoiceId, 'invoiceId', 'invoice', (i) => i.project.id);
  const assignee = await findById(em, User, input.assigneeId);
  const errors = checkNewFollowUp({ assignee, body: input.body, targets: [purchaseOrder, salesOrder, invoice].filter(Boolean).length });
  if (errors.length) fail(...under(['input'], errors));
  return writeFollowUp(em, viewer, { project, purchaseOrder, salesOrder, invoice, assignee: assignee!, dueOn: input.dueOn, body: input.body });
}

/** completeFollowUp: the assignee, the creator or an ADMIN, on an open one. It leaves a PO's flag as it is. */
export async function completeFollowUp(em: EntityManager, viewer: Viewer, id: string): Promise<FollowUp> {
  const followUp = await mustFind(em, FollowUp, id, ['id'], 'follow-up', true);
  const d = decideCompleteFollowUp(viewer, { assigneeId: followUp.assignee.id, createdById: followUp.createdBy.id, done: followUp.done, dueOn: followUp.dueOn });
  if (!d.ok) fail(...d.errors);
  followUp.done = true;
  followUp.doneAt = new Date();
  followUp.doneBy = em.getReference(User, viewer.userId, { wrapped: true });
  recordActivity(em, {
    ...activityEvent('follow_up.completed', { actor: viewer.user.name, excerpt: excerpt(followUp.body) }, NO_AMOUNTS),
    projectId: followUp.project.id,
    entityId: followUp.id,
    actorId: viewer.userId,
  });
  return followUp;
}

/** Open before done, then due date (so the overdue come first), then creation. */
export const FOLLOW_UP_ORDER = [{ done: 'asc' }, { dueOn: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] as const;

/**
 * "My follow-ups": the assignee's (the viewer's by default), keyset pages over (done, dueOn,
 * createdAt, id), with the total. An unknown assignee has none.
 */
export async function listFollowUps(em: EntityManager, viewer: Viewer, assigneeId: string | null | undefined, includeDone: boolean, size: number, after: string | null | undefined) {
  const who = assigneeId ?? viewer.userId;
  if (!isId(who)) return { nodes: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
  const where: ObjectQuery<FollowUp> = includeDone ? { assignee: who } : { assignee: who, done: false };
  const cursor = decodeCursor(after, ['number', 'string', 'string', 'string']);
  let pageWhere: FilterQuery<FollowUp> = where;
  if (cursor) {
    const [done, dueOn, createdAt, id] = [cursor[0] === 1, cursor[1] as string, new Date(cursor[2] as string), cursor[3] as string];
    pageWhere = {
      $and: [
        where,
        {
          $or: [
            { done: { $gt: done } },
            { done, dueOn: { $gt: dueOn } },
            { done, dueOn, createdAt: { $gt: createdAt } },
            { done, dueOn, createdAt, id: { $gt: id } },
          ],
        },
      ],
    } as FilterQuery<FollowUp>;
  }
  const [rows, totalCount] = await Promise.all([
    em.find(FollowUp, pageWhere, { orderBy: [...FOLLOW_UP_ORDER], limit: size + 1 }),
    em.count(FollowUp, where),
  ]);
  return { ...page(rows, size, (f) => [f.done ? 1 : 0, f.dueOn, f.createdAt.toISOString(), f.id]), totalCount };
}
