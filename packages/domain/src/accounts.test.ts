import { describe, expect, it } from 'vitest';
import { checkNewUser, handleFromName, isValidEmail, normalizeEmail } from './accounts.js';
import { isValidHandle } from './mentions.js';
import { may, rolesFor } from './roles.js';

describe('handleFromName', () => {
  it.each([
    ['Ana María Pérez', [], 'ana.maria.perez'],
    ['  Bob  ', [], 'bob'],
    ['Bob', ['bob'], 'bob2'],
    ['Bob', ['bob', 'bob2'], 'bob3'],
    ['X', [], 'userx'],
    ['李', [], 'user'],
    ['Jean-Luc Picard', [], 'jean-luc.picard'],
    ['a.-', [], 'usera'],
    ['O\'Brien', [], 'obrien'],
  ])('%s (taken %j) → %s', (name, taken, expected) => {
    const handle = handleFromName(name, new Set(taken));
    expect(handle).toBe(expected);
    expect(isValidHandle(handle)).toBe(true);
  });

  it('stays within 32 characters', () => {
    const handle = handleFromName('A'.repeat(80), new Set(['a'.repeat(28)]));
    expect(handle.length).toBeLessThanOrEqual(32);
    expect(isValidHandle(handle)).toBe(true);
  });
});

describe('isValidHandle', () => {
  it.each([
    ['ab', true],
    ['a', false],
    ['a'.repeat(32), true],
    ['a'.repeat(33), false],
    ['ana.perez', true],
    ['ana-', false],
    ['ana.', false],
    ['Ana', false],
    ['an a', false],
    ['_x', true],
  ])('%s → %s', (h, ok) => expect(isValidHandle(h)).toBe(ok));
});

describe('e-mail', () => {
  it.each([
    ['a@b.co', true],
    ['a@b', false],
    ['a b@c.de', false],
    ['@b.co', false],
    ['ab.co', false],
  ])('%s → %s', (e, ok) => expect(isValidEmail(e)).toBe(ok));

  it('normalizes case and spaces', () => expect(normalizeEmail('  Ana@Example.COM ')).toBe('ana@example.com'));
});

describe('checkNewUser', () => {
  const good = { name: 'Ana', email: 'ana@example.com', password: 'correct horse', roles: ['ADMIN'] as const };
  it.each([
    [{}, []],
    [{ name: '  ' }, [['INVALID_INPUT', 'name']]],
    [{ name: 'x'.repeat(101) }, [['INVALID_INPUT', 'name']]],
    [{ email: 'nope' }, [['INVALID_INPUT', 'email']]],
    [{ password: 'short' }, [['INVALID_INPUT', 'password']]],
    [{ password: 'x'.repeat(201) }, [['INVALID_INPUT', 'password']]],
    [{ roles: [] }, [['INVALID_INPUT', 'roles']]],
    [{ handle: 'A!' }, [['INVALID_INPUT', 'handle']]],
    [{ name: '', email: 'x' }, [['INVALID_INPUT', 'name'], ['INVALID_INPUT', 'email']]],
  ])('%j → %j', (patch, expected) => {
    const errors = checkNewUser({ ...good, ...patch });
    expect(errors.map((e) => [e.code, e.field?.[0]])).toEqual(expected);
  });
});

describe('permissions', () => {
  it.each([
    ['manageUsers', ['ADMIN'], true],
    ['manageUsers', ['ORDER_REP', 'ACCOUNTANT'], false],
    ['manageInvoices', ['INVOICING_REP'], true],
    ['manageInvoices', ['ORDER_REP'], false],
    ['managePurchaseOrders', ['PURCHASING'], true],
    ['exportInvoices', ['ACCOUNTANT'], true],
    ['adjustStock', ['PRODUCTION_REP'], false],
  ] as const)('%s by %j → %s', (action, roles, ok) => expect(may(roles, action)).toBe(ok));

  it('ADMIN may do everything', () => expect(rolesFor('schedule')).toContain('ADMIN'));
});
