import type { SalesOrderDetailFragment } from '@/gql/graphql';
import { allowed } from '@/shared/testing/permissions';

// Sales orders as the API answers SalesOrderDetail, for the feature's component tests.

type Line = SalesOrderDetailFragment['lines'][number];
type Can = SalesOrderDetailFragment['can'];

export function can(overrides: Partial<Omit<Can, '__typename'>> = {}): Can {
  return {
    __typename: 'SalesOrderCan',
    createInvoice: allowed,
    cancelQuantity: allowed,
    schedule: allowed,
    createPurchaseOrders: allowed,
    addChargeLine: allowed,
    requestDeposit: allowed,
    ...overrides,
  };
}

export function line(id: string, position: number, fields: Partial<Line>): Line {
  return {
    __typename: 'SalesOrderLine',
    id,
    position,
    kind: 'GOODS',
    invoiceWith: null,
    taxable: true,
    description: `Item ${id}`,
    quantity: 0,
    cancelled: 0,
    shipped: 0,
    invoiced: 0,
    remaining: 0,
    readyToInvoice: 0,
    scheduled: 0,
    backordered: 0,
    unitPriceCents: 0,
    totalCents: 0,
    product: { __typename: 'Product', id: `p-${id}`, sku: `SKU-${id}`, name: `Item ${id}`, inventoried: false },
    ...fields,
  };
}

export function salesOrder(fields: Partial<SalesOrderDetailFragment> = {}): SalesOrderDetailFragment {
  return {
    __typename: 'SalesOrder',
    id: 'so1',
    version: 4,
    number: 'SO-1001',
    status: 'SHIPPED',
    backordered: false,
    locked: false,
    orderDate: '2026-11-01',
    inHandsDate: null,
    taxRateBasisPoints: 0,
    remainingCents: 160_000,
    readyToInvoiceCents: 120_000,
    invoicedCents: 0,
    totalCents: 160_000,
    depositPaidCents: 0,
    depositAvailableCents: 0,
    nextStatuses: ['READY_TO_BE_INVOICED'],
    can: can(),
    client: { __typename: 'Client', id: 'c1', name: 'Acme' },
    project: { __typename: 'Project', id: 'prj1', number: 'PRJ-1001', name: 'Trade show' },
    lines: [
      line('mugs', 1, { quantity: 500, remaining: 500, shipped: 300, readyToInvoice: 300, backordered: 200, unitPriceCents: 200, totalCents: 100_000 }),
      line('pens', 2, { quantity: 600, remaining: 600, shipped: 600, readyToInvoice: 600, unitPriceCents: 100, totalCents: 60_000 }),
    ],
    purchaseOrders: [],
    invoices: [],
    deposits: [],
    creditMemos: [],
    ...fields,
  };
}
