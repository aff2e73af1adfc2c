import { today } from '@/shared/format/dates';

/** The due date a new follow-up proposes: tomorrow, in the browser's calendar. */
export function tomorrow(now: Date = new Date()): string {
  const next = new Date(now);
  next.setDate(next.getDate() + 1);
  return today(next);
}

/** How a follow-up's due date reads in a list: "Overdue · Dec 6, 2026", "Due today", "Due Dec 8, 2026". */
export function dueInWords(f: { dueOn: string; done: boolean; overdue: boolean }, formatted: string, now: Date = new Date()): string {
  if (f.done) return `Was due ${formatted}`;
  if (f.overdue) return `Overdue · was due ${formatted}`;
  if (f.dueOn === today(now)) return 'Due today';
  return `Due ${formatted}`;
}
