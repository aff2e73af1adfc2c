import { type UserError, userError, ErrorCode } from './errors.js';
import { LIMITS } from './limits.js';
import { isValidHandle } from './mentions.js';
import { ROLES, type Role } from './roles.js';


// Deliberately simple: one @, something on each side, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isValidEmail(email: string): boolean {
  return email.length <= LIMITS.emailMax && EMAIL.test(email);
}


export function checkName(value: string, field: string, what = 'Name'): UserError[] {
  const v = value.trim();
  if (v.length === 0) return [userError(ErrorCode.INVALID_INPUT, `${what} must not be empty.`, [field])];
  if (v.length > LIMITS.nameMax)
    return [userError(ErrorCode.INVALID_INPUT, `${what} must be at most ${LIMITS.nameMax} characters.`, [field])];
  return [];
}

export function checkEmail(email: string, field = 'email'): UserError[] {
  return isValidEmail(normalizeEmail(email))
    ? []
    : [userError(ErrorCode.INVALID_INPUT, 'Enter a valid e-mail address, like name@example.com.', [field])];
}

export function checkPassword(password: string, field = 'password'): UserError[] {
  if (password.length < LIMITS.passwordMin)
    return [userError(ErrorCode.INVALID_INPUT, `Password must be at least ${LIMITS.passwordMin} characters.`, [field])];
  if (password.length > LIMITS.passwordMax)
    return [userError(ErrorCode.INVALID_INPUT, `Password must be at most ${LIMITS.passwordMax} characters.`, [field])];
  return [];
}

export interface NewUserInput {
  name: string;
  email: string;
  password: string;
  roles: readonly Role[];
  handle?: string | null;
}

/** Checks the values of a new user (sign-up or createUser); uniqueness is checked by the caller. */
export function checkNewUser(input: NewUserInput): UserError[] {
  const errors = [...checkName(input.name, 'name'), ...checkEmail(input.email), ...checkPassword(input.password)];
  if (input.roles.length === 0 || input.roles.some((r) => !ROLES.includes(r)))
    errors.push(userError(ErrorCode.INVALID_INPUT, 'Give the user at least one role.', ['roles']));
  if (input.handle != null && !isValidHandle(input.handle))
    errors.push(
      userError(
        ErrorCode.INVALID_INPUT,
        'A handle is 2–32 characters of a–z, 0–9, "_", "." or "-", and does not end with "." or "-".',
        ['handle'],
      ),
    );
  return errors;
}

/**
 * The handle a user gets from their name when none is given: "Ana María Pérez" → "ana.maria.perez",
 * made unique against `taken` by a numeric suffix.
 */
export function handleFromName(name: string, taken: ReadonlySet<string>): string {
  let base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, '.')
    .replace(/[^a-z0-9_.-]/g, '')
    .replace(/[.-]{2,}/g, '.')
    .slice(0, 28)
    .replace(/[.-]+$/, '')
    .replace(/^[.-]+/, '');
  if (base.length < 2) base = `user${base}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** An e-mail already used by a user of the same organization (other organizations are never told). */
export function emailTakenHere(): UserError {
  return userError(ErrorCode.DUPLICATE, 'A user of your organization already has this e-mail.', ['email']);
}

/** A handle already used in the organization. */
export function handleTaken(handle: string): UserError {
  return userError(ErrorCode.DUPLICATE, `@${handle} is taken in your organization.`, ['handle']);
}

/** The one answer to a failed sign-in, whether the address, the password or the account was wrong. */
export function wrongCredentials(): UserError {
  return userError(ErrorCode.INVALID_CREDENTIALS, 'Wrong e-mail or password.');
}

/** changePassword with a wrong current password. */
export function wrongCurrentPassword(): UserError {
  return userError(ErrorCode.INVALID_CREDENTIALS, 'The current password is wrong.', ['currentPassword']);
}
