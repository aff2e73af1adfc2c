import { describe, expect, it } from 'vitest';
import {
  checkFlagFollowUp,
  checkNewFollowUp,
  dayInWords,
  decideCompleteFollowUp,
  flagFollowUpBody,
  followUpAssignedMessage,
  followUpCan,
  followUpDueMessage,
  isFollowUpDue,
  isFollowUpOverdue,
  noteFollowUpBody,
  type FollowUpFacts,
} from './follow-ups.js';
import { ROLES, type Role } from './roles.js';
import type { PurchaseOrderStatus } from './purchase-orders.js';

const open: FollowUpFacts = { assigneeId: 'ivy', createdById: 'pat', done: false, dueOn: '2026-12-08' };

describe('completeFollowUp: the assignee, the creator or an admin, once', () => {
  const rows: [string, string, Role[], boolean, string | null][] = [
    ['assignee', 'ivy', ['INVOICING_REP'], false, null],
    ['creator', 'pat', ['PRODUCTION_REP'], false, null],
    ['admin', 'ada', ['ADMIN'], false, null],
    ['someone else', 'oscar', ['ORDER_REP'], false, 'FORBIDDEN'],
    ['someone else, on a done one (FORBIDDEN first)', 'oscar', ['ACCOUNTANT'], true, 'FORBIDDEN'],
    ['assignee, on a done one', 'ivy', ['INVOICING_REP'], true, 'INVALID_TRANSITION'],
    ['admin, on a done one', 'ada', ['ADMIN'], true, 'INVALID_TRANSITION'],
  ];
  it.each(rows)('%s', (_who, userId, roles, done, code) => {
    const viewer = { userId, roles };
    const d = decideCompleteFollowUp(viewer, { ...open, done });
    expect(d.ok ? null : d.errors[0]!.code).toBe(code);
    // can says the same, with the same reason
    const c = followUpCan({ ...open, done }, viewer).complete;
    expect(c.allowed).toBe(code === null);
    expect(c.code).toBe(code);
    if (!d.ok) expect(c.reason).toBe(d.errors[0]!.message);
  });

  it.each(ROLES.filter((r) => r !== 'ADMIN'))('no role but ADMIN completes the follow-ups of others (%s)', (role) => {
    expect(followUpCan(open, { userId: 'x', roles: [role] }).complete.code).toBe('FORBIDDEN');
  });
});

describe('new follow-ups: checks of the input', () => {
  const rows: [string, Parameters<typeof checkNewFollowUp>[0], string[]][] = [
    ['fine', { assignee: { active: true }, body: 'Call the supplier', targets: 1 }, []],
    ['no target is fine too', { assignee: { active: true }, body: 'x', targets: 0 }, []],
    ['two targets', { assignee: { active: true }, body: 'x', targets: 2 }, ['input']],
    ['unknown assignee', { assignee: null, body: 'x', targets: 0 }, ['assigneeId']],
    ['inactive assignee', { assignee: { active: false }, body: 'x', targets: 0 }, ['assigneeId']],
    ['blank body', { assignee: { active: true }, body: '   ', targets: 0 }, ['body']],
    ['2,000 characters', { assignee: { active: true }, body: 'x'.repeat(2000), targets: 0 }, []],
    ['2,001 characters', { assignee: { active: true }, body: 'x'.repeat(2001), targets: 0 }, ['body']],
  ];
  it.each(rows)('%s', (_name, facts, fields) => {
    const errors = checkNewFollowUp(facts);
    expect(errors.map((e) => e.field?.at(-1))).toEqual(fields);
    for (const e of errors) expect(e.code).toBe('INVALID_INPUT');
  });
});

describe('a follow-up with a PO flag', () => {
  const rows: [PurchaseOrderStatus, PurchaseOrderStatus, boolean, boolean][] = [
    ['OK', 'FOLLOW_UP', true, true],
    ['OK', 'PROBLEM', true, true],
    ['PROBLEM', 'FOLLOW_UP', true, true],
    ['OK', 'OK', true, false],
    ['PROBLEM', 'OK', true, false],
    ['FOLLOW_UP', 'FOLLOW_UP', true, false],
    ['OK', 'FOLLOW_UP', false, false],
  ];
  it.each(rows)('%s → %s (project: %s): allowed %s', (from, to, hasProject, ok) => {
    const errors = checkFlagFollowUp({ status: from, hasProject }, to);
    expect(errors.length === 0).toBe(ok);
    for (const e of errors) expect(e).toMatchObject({ code: 'INVALID_INPUT', field: ['followUp'] });
  });

  it('defaults its text to the flag', () => {
    expect(flagFollowUpBody('PO-1001', 'FOLLOW_UP')).toBe('PO-1001 flagged Follow up');
    expect(noteFollowUpBody(` ${'y'.repeat(3000)}`)).toHaveLength(2000);
  });
});

describe('due and overdue', () => {
  const rows: [string, boolean, boolean, boolean][] = [
    ['2026-12-06', false, true, true],
    ['2026-12-07', false, true, false],
    ['2026-12-08', false, false, false],
    ['2026-12-06', true, false, false],
  ];
  it.each(rows)('due %s, done %s: due %s, overdue %s', (dueOn, done, due, overdue) => {
    expect(isFollowUpDue({ dueOn, done }, '2026-12-07')).toBe(due);
    expect(isFollowUpOverdue({ dueOn, done }, '2026-12-07')).toBe(overdue);
  });

  it('says it in words', () => {
    expect(dayInWords('2026-12-08')).toBe('Dec 8, 2026');
    expect(followUpAssignedMessage('Pat Production', 'PRJ-1001 Spring', '2026-12-08', 'Call')).toBe('Pat Production asked you to follow up on PRJ-1001 Spring by Dec 8, 2026: “Call”');
    expect(followUpDueMessage('PRJ-1001 Spring', '2026-12-07', '2026-12-07', 'Call')).toBe('Your follow-up on PRJ-1001 Spring is due today: “Call”');
    expect(followUpDueMessage('PRJ-1001 Spring', '2026-12-05', '2026-12-07', 'Call')).toBe('Your follow-up on PRJ-1001 Spring was due Dec 5, 2026: “Call”');
  });
});
