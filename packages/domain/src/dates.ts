/** Calendar dates are 'YYYY-MM-DD' strings; today is the UTC date (DOMAIN.md, "Words"). */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A calendar date ('YYYY-MM-DD') as every screen, message, e-mail and PDF writes it: "Dec 7, 2026".
 * The string is read as is, so no time zone moves the day; anything else comes back unchanged.
 */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const [year, month, day] = date.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day || month > 12) return date;
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}
