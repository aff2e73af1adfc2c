// A subscriber's queue: events in order, waiting readers served at once, and at most `maxPending`
// unread: one more ends it and calls onOverflow once (the queue it replaced threw from inside the
// publisher at 1,024, which crashed the process).
import { describe, expect, it } from 'vitest';
import { Subscription } from './live.js';

function subscription(maxPending: number) {
  const calls = { ended: 0, overflowed: 0 };
  const s = new Subscription(maxPending, () => calls.ended++, () => calls.overflowed++);
  return { s, calls };
}

async function drain(s: AsyncIterableIterator<string>, n: number): Promise<(string | undefined)[]> {
  const out: (string | undefined)[] = [];
  for (let i = 0; i < n; i++) out.push((await s.next()).value);
  return out;
}

describe('Subscription', () => {
  it.each([
    { pushed: 0, maxPending: 3, overflows: false },
    { pushed: 3, maxPending: 3, overflows: false },
    { pushed: 4, maxPending: 3, overflows: true },
    { pushed: 1_100, maxPending: 1_000, overflows: true },
  ])('$pushed unread of at most $maxPending: overflows $overflows', async ({ pushed, maxPending, overflows }) => {
    const { s, calls } = subscription(maxPending);
    expect(() => {
      for (let i = 0; i < pushed; i++) s.push(String(i));
    }).not.toThrow();
    expect(calls).toEqual({ ended: overflows ? 1 : 0, overflowed: overflows ? 1 : 0 });
    if (overflows) expect(await s.next()).toEqual({ value: undefined, done: true });
    else expect(await drain(s, pushed)).toEqual(Array.from({ length: pushed }, (_, i) => String(i)));
  });

  it('hands an event straight to a waiting reader, so a reader that keeps up never queues', async () => {
    const { s, calls } = subscription(1);
    for (let i = 0; i < 10; i++) {
      const next = s.next();
      s.push(`e${i}`);
      expect(await next).toEqual({ value: `e${i}`, done: false });
    }
    expect(calls.overflowed).toBe(0);
  });

  it('ends on return(): a waiting reader is released, later pushes are ignored, onEnd runs once', async () => {
    const { s, calls } = subscription(5);
    const waiting = s.next();
    await s.return!();
    expect(await waiting).toEqual({ value: undefined, done: true });
    s.push('late');
    await s.return!();
    expect(await s.next()).toEqual({ value: undefined, done: true });
    expect(calls).toEqual({ ended: 1, overflowed: 0 });
  });
});
