/** The codes a business refusal carries (the contract's `ErrorCode`). */
export const ErrorCode = {
  INVALID_INPUT: 'INVALID_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  DUPLICATE: 'DUPLICATE',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  OVER_INVOICE: 'OVER_INVOICE',
  OVER_RECEIVE: 'OVER_RECEIVE',
  /** More than is left to credit on an invoice line. */
  OVER_CREDIT: 'OVER_CREDIT',
  INSUFFICIENT_STOCK: 'INSUFFICIENT_STOCK',
  LOCKED: 'LOCKED',
  CONFLICT: 'CONFLICT',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  /** Only in a Permission: the viewer's role may not (the mutation answers a top-level FORBIDDEN). */
  FORBIDDEN: 'FORBIDDEN',
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

/** The first refusal of a decision, or null when it allows. */
export const firstError = (d: Decision<unknown>): UserError | null => (d.ok ? null : (d.errors[0] ?? null));

/** Runs checks in order and refuses with the first group that finds anything (DOMAIN.md, "Order of checks"). */
export function firstFailing(...groups: (() => readonly UserError[])[]): UserError[] {
  for (const group of groups) {
    const errors = group();
    if (errors.length) return [...errors];
  }
  return [];
}

/** The refusal of a referenced record that does not exist in the viewer's organization. */
export function notFound(what: string, field?: readonly (string | number)[]): UserError {
  return userError(ErrorCode.NOT_FOUND, `No such ${what}.`, field);
}

/** CONFLICT when the caller names the version they saw and it is no longer current. */
export function checkVersion(current: number, expected: number | null | undefined, what: string, field: readonly (string | number)[] = ['expectedVersion']): UserError[] {
  return expected != null && expected !== current
    ? [userError(ErrorCode.CONFLICT, `Someone else changed this ${what} since you opened it; reload to see their change, then try again.`, field)]
    : [];
}

/** A unique value (a SKU, an e-mail, a handle) that a concurrent request took first. */
export function duplicateValue(): UserError {
  return userError(ErrorCode.DUPLICATE, 'That value is already taken; choose another.');
}

/** An optimistic lock lost to a concurrent edit. */
export function concurrentEdit(): UserError {
  return userError(ErrorCode.CONFLICT, 'Someone else changed this first; reload and try again.');
}

/** Prefixes the fields of errors decided on a part of the input ("lines" → ["input", "lines"]). */
export function under(prefix: readonly string[], errors: readonly UserError[]): UserError[] {
  return errors.map((e) => (e.field ? { ...e, field: [...prefix, ...e.field] } : e));
}
