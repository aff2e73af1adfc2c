/**
 * A calendar date (YYYY-MM-DD) as "Nov 22, 2026"; dates stay strings, so no time zone shifts them.
 * The domain's, so the screens, the server's messages, e-mails and PDFs write dates one way.
 */
export { formatDate } from '@baton/domain';

/** An instant (ISO DateTime) in the browser's locale, short: "Nov 22, 2026, 10:15 AM". */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '—';
  const value = new Date(instant);
  if (Number.isNaN(value.getTime())) return instant;
  return value.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

/** "3 minutes ago" style, for feeds; falls back to the date after a week. */
export function formatRelative(instant: string, now: Date = new Date()): string {
  const seconds = Math.round((now.getTime() - new Date(instant).getTime()) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 7) return `${days} d ago`;
  return formatDateTime(instant);
}

/** Today as YYYY-MM-DD in the browser's zone. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
