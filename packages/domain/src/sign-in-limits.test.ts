import { describe, expect, it } from 'vitest';
import { decideAttempt, decideAttempts, liveAttempts, progressiveDelaySeconds, type AttemptCounter } from './sign-in-limits.js';

const NOW = 1_000_000_000;
const counter = (attempts: number, lastAgoMs: number, windowLeftMs = 600_000): AttemptCounter => ({ attempts, lastAttemptAt: NOW - lastAgoMs, windowEndsAt: NOW + windowLeftMs });

describe('progressiveDelaySeconds', () => {
  it.each([
    [0, 3, 0],
    [2, 3, 0],
    [3, 3, 1],
    [4, 3, 2],
    [5, 3, 4],
    [8, 3, 32],
    [9, 3, 60],
    [500, 3, 60],
    [5, undefined, 0],
    [0, 0, 1],
  ])('after %s attempts (delay after %s) → %s s', (attempts, after, seconds) => {
    expect(progressiveDelaySeconds(attempts, after)).toBe(seconds);
  });
});

describe('liveAttempts', () => {
  it.each([
    [undefined, 0],
    [counter(4, 0), 4],
    [counter(4, 0, 0), 0],
    [counter(4, 0, -1), 0],
  ])('%j → %s', (c, n) => expect(liveAttempts(c, NOW)).toBe(n));
});

// A pair: 10 per window, waits from the 3rd failure on. An address: 100 per window, no delay.
describe('decideAttempt', () => {
  const pair = { limit: 10, delayAfter: 3 };
  it.each([
    ['no attempt yet', undefined, pair, { allowed: true }],
    ['two failures, just now', counter(2, 0), pair, { allowed: true }],
    ['three failures, the last 0.5 s ago: wait 1 s', counter(3, 500), pair, { allowed: false, retryAfterSeconds: 1 }],
    ['three failures, the last 1 s ago', counter(3, 1000), pair, { allowed: true }],
    ['five failures, the last 1 s ago: wait 4 s', counter(5, 1000), pair, { allowed: false, retryAfterSeconds: 3 }],
    ['nine failures, the last a minute ago', counter(9, 60_000), pair, { allowed: true }],
    ['ten failures: refused for the rest of the window', counter(10, 3_600_000, 120_500), pair, { allowed: false, retryAfterSeconds: 121 }],
    ['ten failures in a window that ended', counter(10, 0, 0), pair, { allowed: true }],
    ['an address at 99', counter(99, 0), { limit: 100 }, { allowed: true }],
    ['an address at 100', counter(100, 0, 5_000), { limit: 100 }, { allowed: false, retryAfterSeconds: 5 }],
    ['a limit of 0 with nothing counted', undefined, { limit: 0 }, { allowed: true }],
    ['no delay: an attempt stamped after now (a clock read earlier) does not wait', counter(5, -300), { limit: 10 }, { allowed: true }],
  ])('%s', (_what, c, limit, decision) => {
    expect(decideAttempt(c, limit, NOW)).toEqual(decision);
  });
});

describe('decideAttempts', () => {
  it.each([
    ['both fine', [counter(1, 0), counter(1, 0)], { allowed: true }],
    ['the pair waits', [counter(4, 0), counter(1, 0)], { allowed: false, retryAfterSeconds: 2 }],
    ['the address is spent', [counter(1, 0), counter(100, 0, 30_000)], { allowed: false, retryAfterSeconds: 30 }],
    ['both: the longer wait', [counter(10, 0, 10_000), counter(100, 0, 30_000)], { allowed: false, retryAfterSeconds: 30 }],
  ])('%s', (_what, [p, a], decision) => {
    expect(decideAttempts([{ counter: p, limit: { limit: 10, delayAfter: 3 } }, { counter: a, limit: { limit: 100 } }], NOW)).toEqual(decision);
  });
});
