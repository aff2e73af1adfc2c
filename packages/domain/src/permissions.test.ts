import { describe, expect, it } from 'vitest';
import { decideDeleteNote, decideEditNote, noteCan } from './notes.js';
import { ALLOWED, can, viewerCan } from './permissions.js';
import { projectCan } from './projects.js';
import { ROLES, type Role } from './roles.js';
import { userError } from './errors.js';

describe('viewerCan: actions that belong to no record are the role table of DOMAIN.md', () => {
  const table: Record<keyof ReturnType<typeof viewerCan>, Role[]> = {
    createUser: ['ADMIN'],
    createClient: ['ADMIN', 'ORDER_REP'],
    createSupplier: ['ADMIN', 'PURCHASING'],
    createProduct: ['ADMIN', 'PURCHASING'],
    adjustStock: ['ADMIN', 'PURCHASING'],
    createProject: ['ADMIN', 'ORDER_REP'],
    createPurchaseOrder: ['ADMIN', 'PRODUCTION_REP', 'PURCHASING'],
    exportInvoices: ['ADMIN', 'ACCOUNTANT', 'INVOICING_REP'],
    scheduleSalesOrders: ['ADMIN', 'PURCHASING'],
    followInvoicingQueue: ['ADMIN', 'INVOICING_REP', 'ACCOUNTANT'],
    updateOrganization: ['ADMIN'],
  };
  it.each(ROLES)('%s', (role) => {
    const v = viewerCan([role]);
    for (const [action, roles] of Object.entries(table)) {
      const p = v[action as keyof typeof v];
      expect(p.allowed, action).toBe(roles.includes(role));
      if (!p.allowed) {
        expect(p.code).toBe('FORBIDDEN');
        expect(p.reason).toMatch(/^Only (admins|[a-z ,]+) [a-z ]+\.$/);
      }
    }
  });

  it('names who may, in words', () => {
    expect(viewerCan(['ORDER_REP']).createUser.reason).toBe('Only admins add users.');
    expect(viewerCan(['ORDER_REP']).createPurchaseOrder.reason).toBe('Only production reps and purchasing create purchase orders.');
    expect(viewerCan(['PRODUCTION_REP', 'ORDER_REP']).createProject).toEqual(ALLOWED);
  });
});

describe('can: the role first, then the state checks in their order', () => {
  it('stops at the first failing check', () => {
    const first = userError('INVALID_TRANSITION', 'first');
    const second = userError('LOCKED', 'second');
    expect(can(['ACCOUNTANT'], 'manageInvoices', 'do it', () => [first], () => [second])).toEqual({ allowed: false, code: 'INVALID_TRANSITION', reason: 'first' });
    expect(can(['ORDER_REP'], 'manageInvoices', 'do it', () => [first]).code).toBe('FORBIDDEN');
    expect(can(['ACCOUNTANT'], 'manageInvoices', 'do it', () => [], () => [])).toEqual(ALLOWED);
  });
});

describe('notes: the author or an admin edits and deletes; everybody pins', () => {
  const note = { authorId: 'u1', version: 2 };
  it.each([
    ['the author', { userId: 'u1', roles: ['ORDER_REP'] as Role[] }, true],
    ['an admin', { userId: 'u9', roles: ['ADMIN'] as Role[] }, true],
    ['someone else, whatever the role', { userId: 'u2', roles: ['ORDER_REP', 'PURCHASING'] as Role[] }, false],
  ])('%s', (_label, viewer, mine) => {
    const c = noteCan(note, viewer);
    expect([c.edit.allowed, c.delete.allowed, c.pin.allowed]).toEqual([mine, mine, true]);
    expect(decideEditNote(viewer, note, 'new body').ok).toBe(mine);
    expect(decideDeleteNote(viewer, note).ok).toBe(mine);
    if (!mine) expect(c.edit).toEqual({ allowed: false, code: 'FORBIDDEN', reason: 'Only its author or an admin edits a note.' });
  });

  it.each([
    ['someone else’s note → FORBIDDEN before the version and the body', { userId: 'u2', roles: [] as Role[] }, 1, '', 'FORBIDDEN'],
    ['a stale version → CONFLICT before the body', { userId: 'u1', roles: [] as Role[] }, 1, '', 'CONFLICT'],
    ['an empty body → INVALID_INPUT', { userId: 'u1', roles: [] as Role[] }, 2, '   ', 'INVALID_INPUT'],
    ['a body over 10,000 characters', { userId: 'u1', roles: [] as Role[] }, null, 'x'.repeat(10_001), 'INVALID_INPUT'],
  ])('editing: %s', (_label, viewer, expected, body, code) => {
    const d = decideEditNote(viewer, note, body, expected);
    expect(d.ok ? [] : d.errors.map((e) => e.code)).toEqual([code]);
  });
});

describe('projectCan', () => {
  it.each(ROLES)('%s adds notes and follow-ups; only order reps (and admins) create sales orders', (role) => {
    const c = projectCan([role]);
    expect(c.addNote).toEqual(ALLOWED);
    expect(c.createFollowUp).toEqual(ALLOWED);
    expect(c.createSalesOrder.allowed).toBe(role === 'ADMIN' || role === 'ORDER_REP');
  });
});
