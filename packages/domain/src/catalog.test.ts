import { describe, expect, it } from 'vitest';
import { checkPartyEdit, checkProductValues, checkUserEdit, planInventoriedChange, type StockUse } from './catalog.js';
import type { Decision, UserError } from './errors.js';

const summary = (errors: UserError[]) => errors.map((e) => [e.code, e.field?.join('.')]);
const P = ['input'];

describe('checkPartyEdit', () => {
  it.each([
    [{}, []],
    [{ name: 'Globex', email: 'ap@globex.example', paymentTermsDays: 45 }, []],
    [{ email: null }, []], // clears the address
    [{ email: '  ' }, []],
    [{ paymentTermsDays: 0 }, []],
    [{ paymentTermsDays: 365 }, []],
    [{ name: '  ' }, [['INVALID_INPUT', 'input.name']]],
    [{ name: 'x'.repeat(101) }, [['INVALID_INPUT', 'input.name']]],
    [{ email: 'not-an-address' }, [['INVALID_INPUT', 'input.email']]],
    [{ paymentTermsDays: -1 }, [['INVALID_INPUT', 'input.paymentTermsDays']]],
    [{ paymentTermsDays: 366 }, [['INVALID_INPUT', 'input.paymentTermsDays']]],
    [{ paymentTermsDays: 1.5 }, [['INVALID_INPUT', 'input.paymentTermsDays']]],
    [{ name: '', email: 'bad', paymentTermsDays: 400 }, [['INVALID_INPUT', 'input.name'], ['INVALID_INPUT', 'input.email'], ['INVALID_INPUT', 'input.paymentTermsDays']]],
  ])('%j → %j', (edit, expected) => {
    expect(summary(checkPartyEdit(edit, P))).toEqual(expected);
  });
});

describe('checkProductValues', () => {
  const valid = { name: 'Widget', priceCents: 400, costCents: 180, minStock: 20, maxStock: 150 };
  it.each([
    [{}, []],
    [{ priceCents: 0, costCents: 0, minStock: 0, maxStock: 0 }, []],
    [{ minStock: 10, maxStock: 10 }, []],
    [{ name: '' }, [['INVALID_INPUT', 'input.name']]],
    [{ priceCents: -1 }, [['INVALID_INPUT', 'input.priceCents']]],
    [{ costCents: 12.5 }, [['INVALID_INPUT', 'input.costCents']]],
    [{ priceCents: 1_000_000_000_01 }, [['INVALID_INPUT', 'input.priceCents']]],
    [{ minStock: -5 }, [['INVALID_INPUT', 'input.minStock']]],
    [{ maxStock: 1_000_000_001 }, [['INVALID_INPUT', 'input.maxStock']]],
    [{ minStock: 30, maxStock: 20 }, [['INVALID_INPUT', 'input.maxStock']]],
  ])('%j → %j', (patch, expected) => {
    expect(summary(checkProductValues({ ...valid, ...patch }, P))).toEqual(expected);
  });
});

describe('planInventoriedChange', () => {
  const idle: StockUse = { inventoried: true, onHand: 0, openSalesOrderLines: 0, openPurchaseOrderLines: 0 };
  const codes = (d: Decision<unknown>) => (d.ok ? [] : summary(d.errors));
  it.each([
    [idle, true, []], // no change is always fine
    [{ ...idle, onHand: 12, openSalesOrderLines: 3 }, true, []],
    [idle, false, []],
    [{ ...idle, inventoried: false }, true, []],
    [{ ...idle, onHand: 5 }, false, [['INVALID_TRANSITION', 'input.inventoried']]],
    [{ ...idle, openSalesOrderLines: 1 }, false, [['INVALID_TRANSITION', 'input.inventoried']]],
    [{ ...idle, openPurchaseOrderLines: 2 }, false, [['INVALID_TRANSITION', 'input.inventoried']]],
    [{ ...idle, inventoried: false, openSalesOrderLines: 1 }, true, [['INVALID_TRANSITION', 'input.inventoried']]],
    [{ ...idle, inventoried: false, openPurchaseOrderLines: 1 }, true, [['INVALID_TRANSITION', 'input.inventoried']]],
  ])('%j → inventoried %s: %j', (use, next, expected) => {
    expect(codes(planInventoriedChange(use, next, P))).toEqual(expected);
  });

  it('says what is in the way', () => {
    const d = planInventoriedChange({ inventoried: true, onHand: 7, openSalesOrderLines: 1, openPurchaseOrderLines: 2 }, false);
    expect(d.ok ? '' : d.errors[0]?.message).toBe('The product cannot become drop-ship while it has 7 on hand, 1 line on open sales orders, 2 lines on open purchase orders.');
  });
});

describe('checkUserEdit', () => {
  it.each([
    [{}, false, []],
    [{ name: 'Ines', roles: ['INVOICING_REP'], active: false }, false, []],
    [{ roles: ['ADMIN', 'ACCOUNTANT'], active: true }, true, []],
    [{ active: true }, true, []],
    [{ name: ' ' }, false, [['INVALID_INPUT', 'input.name']]],
    [{ roles: [] }, false, [['INVALID_INPUT', 'input.roles']]],
    [{ roles: ['JANITOR'] }, false, [['INVALID_INPUT', 'input.roles']]],
    [{ roles: ['ACCOUNTANT'] }, true, [['INVALID_INPUT', 'input.roles']]], // own ADMIN role
    [{ active: false }, true, [['INVALID_INPUT', 'input.active']]], // deactivating oneself
    [{ roles: ['ORDER_REP'], active: false }, true, [['INVALID_INPUT', 'input.roles'], ['INVALID_INPUT', 'input.active']]],
  ])('%j, editing self %s → %j', (edit, self, expected) => {
    expect(summary(checkUserEdit(edit as Parameters<typeof checkUserEdit>[0], self, P))).toEqual(expected);
  });
});
