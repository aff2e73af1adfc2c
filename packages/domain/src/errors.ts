/** The codes a business refusal carries (the contract's `ErrorCode`). */
export const ErrorCode = {
  INVALID_INPUT: 'INVALID_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  DUPLICATE: 'DUPLICATE',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  OVER_INVOICE: 'OVER_INVOICE',
  OVER_RECEIVE: 'OVER_RECEIVE',
  INSUFFICIENT_STOCK: 'INSUFFICIENT_STOCK',
  LOCKED: 'LOCKED',
  CONFLICT: 'CONFLICT',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A business refusal: what went wrong, in a sentence a person can act on, and where in the input. */
export interface UserError {
  code: ErrorCode;
  message: string;
  field?: string[];
}

export function userError(code: ErrorCode, message: string, field?: readonly (string | number)[]): UserError {
  return field ? { code, message, field: field.map(String) } : { code, message };
}

/** The result of a rule: the value it allows, or the refusals. */
export type Decision<T> = { ok: true; value: T } | { ok: false; errors: UserError[] };

export const allow = <T>(value: T): Decision<T> => ({ ok: true, value });
export const refuse = <T = never>(...errors: UserError[]): Decision<T> => ({ ok: false, errors });
