import { ErrorCode, firstFailing, refuse, allow, userError, type Decision, type UserError } from './errors.js';
import { formatDate } from './dates.js';
import { LIMITS } from './limits.js';
import { permissionOf, type Permission, type ViewerFacts } from './permissions.js';
import { Role } from './roles.js';
import { PURCHASE_ORDER_STATUS_LABEL } from './words.js';
import type { PurchaseOrderStatus } from './purchase-orders.js';

/** A follow-up as the rules see it (DOMAIN.md, "Follow-ups"). */
export interface FollowUpFacts {
  assigneeId: string;
  createdById: string;
  done: boolean;
  dueOn: string;
}

/** A follow-up's text: 1 to 2,000 characters, not only spaces. */
export function checkFollowUpBody(body: string, field: readonly string[] = ['body']): UserError[] {
  return !body.trim() || body.length > LIMITS.followUpBodyMax
    ? [userError(ErrorCode.INVALID_INPUT, `A follow-up says what to do in 1 to ${LIMITS.followUpBodyMax.toLocaleString('en-US')} characters.`, field)]
    : [];
}

/** The assignee: an active user of the organization (an unknown one is an input error, not NOT_FOUND). */
export function checkAssignee(assignee: { active: boolean } | null, field: readonly string[] = ['assigneeId']): UserError[] {
  return assignee?.active ? [] : [userError(ErrorCode.INVALID_INPUT, 'Give the follow-up to an active member of your organization.', field)];
}

/** A follow-up is about one purchase order, sales order or invoice at most. */
export function checkFollowUpTarget(targets: number, field: readonly string[] = ['input']): UserError[] {
  return targets > 1 ? [userError(ErrorCode.INVALID_INPUT, 'A follow-up is about one purchase order, sales order or invoice at most.', field)] : [];
}

export interface NewFollowUpFacts {
  assignee: { active: boolean } | null;
  body: string;
  targets: number;
}

/** createFollowUp's input checks, after its records were found (NOT_FOUND comes before). */
export function checkNewFollowUp(f: NewFollowUpFacts): UserError[] {
  return [...checkFollowUpTarget(f.targets), ...checkAssignee(f.assignee), ...checkFollowUpBody(f.body)];
}

/**
 * `setPurchaseOrderStatus`'s `followUp`: only with a flag that changes to PROBLEM or FOLLOW_UP, on a
 * PO of a project (INVALID_INPUT otherwise).
 */
export function checkFlagFollowUp(po: { status: PurchaseOrderStatus; hasProject: boolean }, status: PurchaseOrderStatus): UserError[] {
  const field = ['followUp'];
  if (status === 'OK') return [userError(ErrorCode.INVALID_INPUT, 'A follow-up goes with a Problem or Follow up flag, not with OK.', field)];
  if (po.status === status) return [userError(ErrorCode.INVALID_INPUT, `This purchase order is already flagged ${PURCHASE_ORDER_STATUS_LABEL[status]}; add the follow-up on its project instead.`, field)];
  if (!po.hasProject) return [userError(ErrorCode.INVALID_INPUT, 'This purchase order belongs to no project, and a follow-up needs one.', field)];
  return [];
}

/** The text of a follow-up made with a flag when none is given: "PO-1001 flagged Follow up". */
export function flagFollowUpBody(poNumber: string, status: PurchaseOrderStatus): string {
  return `${poNumber} flagged ${PURCHASE_ORDER_STATUS_LABEL[status]}`;
}

/** The text of a follow-up made with a note when none is given: the note's, cut to fit. */
export function noteFollowUpBody(noteBody: string): string {
  const flat = noteBody.trim();
  return flat.length > LIMITS.followUpBodyMax ? `${flat.slice(0, LIMITS.followUpBodyMax - 1)}…` : flat;
}

function checkMayComplete(viewer: ViewerFacts, f: Pick<FollowUpFacts, 'assigneeId' | 'createdById'>): UserError[] {
  return viewer.userId === f.assigneeId || viewer.userId === f.createdById || viewer.roles.includes(Role.ADMIN)
    ? []
    : [userError(ErrorCode.FORBIDDEN, 'Only the person it was given to, the person who made it or an admin completes a follow-up.')];
}

function checkOpen(f: Pick<FollowUpFacts, 'done'>): UserError[] {
  return f.done ? [userError(ErrorCode.INVALID_TRANSITION, 'This follow-up is already done.')] : [];
}

/** completeFollowUp: the assignee, the creator or an ADMIN (FORBIDDEN, top-level), then not done yet. */
export function decideCompleteFollowUp(viewer: ViewerFacts, f: FollowUpFacts): Decision<true> {
  const errors = firstFailing(
    () => checkMayComplete(viewer, f),
    () => checkOpen(f),
  );
  return errors.length ? refuse(...errors) : allow(true);
}

/** FollowUp.can, from the same checks completeFollowUp runs. */
export function followUpCan(f: FollowUpFacts, viewer: ViewerFacts): { complete: Permission } {
  return { complete: permissionOf(() => checkMayComplete(viewer, f), () => checkOpen(f)) };
}

/** Overdue: not done and due before today (dates as 'YYYY-MM-DD'). */
export function isFollowUpOverdue(f: Pick<FollowUpFacts, 'done' | 'dueOn'>, today: string): boolean {
  return !f.done && f.dueOn < today;
}

/** Due (FOLLOW_UP_DUE is sent): not done and due today or before. */
export function isFollowUpDue(f: Pick<FollowUpFacts, 'done' | 'dueOn'>, today: string): boolean {
  return !f.done && f.dueOn <= today;
}

/** A calendar date as the screens write it: "Dec 8, 2026" (one way for dates: formatDate). */
export function dayInWords(date: string): string {
  return formatDate(date);
}

/** Notification texts of the two follow-up kinds, in the users' words. */
export function followUpAssignedMessage(actor: string, projectLabel: string, dueOn: string, excerpt: string): string {
  return `${actor} asked you to follow up on ${projectLabel} by ${dayInWords(dueOn)}: “${excerpt}”`;
}

export function followUpDueMessage(projectLabel: string, dueOn: string, today: string, excerpt: string): string {
  const when = dueOn === today ? 'is due today' : `was due ${dayInWords(dueOn)}`;
  return `Your follow-up on ${projectLabel} ${when}: “${excerpt}”`;
}
