import { ErrorCode, userError, type UserError } from './errors.js';

/**
 * A date range of a report filter (calendar dates, YYYY-MM-DD, either end open): the start on or
 * before the end. The report's filter form checks it as the dates are picked, the API on each query.
 */
export function checkDateRange(from: string | null | undefined, to: string | null | undefined): UserError[] {
  return from && to && from > to ? [userError(ErrorCode.INVALID_INPUT, 'The start date is after the end date.', ['to'])] : [];
}
