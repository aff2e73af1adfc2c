import { describe, expect, it } from 'vitest';
import { addDays } from './dates.js';
import { agesAsReceivable, agingBounds, agingBucket, inInvoicingQueue, queueChange, type QueueState } from './work-lists.js';

describe('the invoicing queue', () => {
  const open = { status: 'BACKORDERED' as const, anythingReady: false, goodsRemain: true, chargesReady: false };
  it.each([
    ['nothing ready', open, false],
    ['goods ready', { ...open, anythingReady: true }, true],
    ['READY_TO_BE_INVOICED', { ...open, status: 'READY_TO_BE_INVOICED' as const }, true],
    ['only charges left, ready', { ...open, goodsRemain: false, chargesReady: true }, true],
    ['a ready charge while goods still wait', { ...open, chargesReady: true }, false],
    ['invoiced', { ...open, status: 'INVOICED' as const, anythingReady: true }, false],
    ['cancelled', { ...open, status: 'CANCELLED' as const, anythingReady: true }, false],
  ])('%s', (_name, facts, expected) => expect(inInvoicingQueue(facts)).toBe(expected));

  const state = (inQueue: boolean, ready: number, lineReady: Record<string, number>): QueueState => ({ status: 'BACKORDERED', inQueue, readyToInvoiceCents: ready, lineReady });
  it('announces entering, changing in and leaving; tells of newly ready units only', () => {
    expect(queueChange(null, state(false, 0, { a: 0 }))).toEqual({ announce: false, newlyReady: false });
    expect(queueChange(state(false, 0, { a: 0 }), state(true, 500, { a: 5 }))).toEqual({ announce: true, newlyReady: true });
    expect(queueChange(state(true, 500, { a: 5 }), state(true, 200, { a: 2 }))).toEqual({ announce: true, newlyReady: false });
    expect(queueChange(state(true, 200, { a: 2 }), state(false, 0, { a: 0 }))).toEqual({ announce: true, newlyReady: false });
    expect(queueChange(state(true, 200, { a: 2 }), state(true, 200, { a: 2 }))).toEqual({ announce: false, newlyReady: false });
    expect(queueChange(state(true, 200, { a: 2 }), state(true, 300, { a: 2, b: 1 }))).toEqual({ announce: true, newlyReady: true });
  });
});

describe('receivables aging', () => {
  const asOf = '2026-12-07';
  it.each([
    [0, 'current'],
    [-5, 'current'],
    [1, 'days1To30'],
    [30, 'days1To30'],
    [31, 'days31To60'],
    [60, 'days31To60'],
    [61, 'days61To90'],
    [90, 'days61To90'],
    [91, 'over90'],
  ])('%i days late is %s', (late, bucket) => expect(agingBucket(addDays(asOf, -late), asOf)).toBe(bucket));

  it('has bounds that agree with the buckets on every day', () => {
    const b = agingBounds(asOf);
    for (let late = -10; late <= 200; late++) {
      const due = addDays(asOf, -late);
      const byBounds = due >= b.current ? 'current' : due >= b.days1To30 ? 'days1To30' : due >= b.days31To60 ? 'days31To60' : due >= b.days61To90 ? 'days61To90' : 'over90';
      expect(byBounds, `${late} days late`).toBe(agingBucket(due, asOf));
    }
  });

  it('counts standard and deposit invoices sent or exported with a positive balance', () => {
    const i = { kind: 'STANDARD' as const, status: 'SENT_TO_CLIENT' as const, totalCents: 1000, paidCents: 0, depositAppliedCents: 0, creditedCents: 0, refundedCents: 0 };
    expect(agesAsReceivable(i)).toBe(true);
    expect(agesAsReceivable({ ...i, kind: 'DEPOSIT' })).toBe(true);
    expect(agesAsReceivable({ ...i, kind: 'CREDIT_MEMO' })).toBe(false);
    expect(agesAsReceivable({ ...i, status: 'OPEN' })).toBe(false);
    expect(agesAsReceivable({ ...i, paidCents: 1000 })).toBe(false);
  });
});
