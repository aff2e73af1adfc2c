import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import {
  AddChargeLineDocument,
  CreateInvoiceDocument,
  InvoicePreviewDocument,
  SalesOrderDocument,
  SetSalesOrderStatusDocument,
  ViewerDocument,
  type ViewerQuery,
  type AddChargeLineMutation,
  type AddChargeLineMutationVariables,
  type CreateInvoiceMutation,
  type SalesOrderDetailFragment,
  type SalesOrderStatus,
  type SetSalesOrderStatusMutation,
} from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { expectAction, type ActionShown } from '@/shared/testing/expect-action';
import { createMockApolloClient, mockOperation } from '@/shared/testing/mock-apollo-client';
import { allowed, refused } from '@/shared/testing/permissions';
import { can, line, salesOrder } from '../testing/sales-order-fixtures';
import SalesOrderPage from './SalesOrderPage.vue';

type Can = SalesOrderDetailFragment['can'];

const viewer: ViewerQuery = {
  me: { __typename: 'User', id: 'u1', name: 'Pat Production', email: 'production@demo.test', handle: 'pat', roles: ['PRODUCTION_REP'] },
  organization: { __typename: 'Organization', id: 'o1', name: 'Demo', currency: 'USD' },
};

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((wrapper) => wrapper.unmount()));

async function mountPage(options: {
  order: SalesOrderDetailFragment;
  setStatus?: (status: SalesOrderStatus) => SetSalesOrderStatusMutation;
  createInvoice?: () => CreateInvoiceMutation;
  addCharge?: (variables: AddChargeLineMutationVariables) => AddChargeLineMutation;
}) {
  const { client, calls } = createMockApolloClient([
    mockOperation(ViewerDocument, () => ({ data: viewer })),
    mockOperation(SalesOrderDocument, () => ({ data: { salesOrder: { ...options.order, followUps: [], project: { ...options.order.project, notes: [] } } } })),
    mockOperation(SetSalesOrderStatusDocument, (variables) => ({ data: options.setStatus!(variables.status) })),
    mockOperation(CreateInvoiceDocument, () => ({ data: options.createInvoice!() })),
    // The server's dry run of "Invoice what is ready": every line's ready quantity at its price.
    mockOperation(InvoicePreviewDocument, () => {
      const lines = options.order.lines.filter((l) => l.readyToInvoice > 0).map((l) => ({ __typename: 'InvoicePreviewLine' as const, salesOrderLineId: l.id, quantity: l.readyToInvoice, totalCents: l.readyToInvoice * l.unitPriceCents }));
      const total = lines.reduce((sum, l) => sum + l.totalCents, 0);
      return {
        data: {
          invoicePreview: {
            __typename: 'InvoicePreview' as const,
            lines,
            subtotalCents: total,
            taxCents: 0,
            totalCents: total,
            depositAppliedCents: 0,
            balanceCents: total,
            orderInvoicedAfterCents: total,
            orderRemainingAfterCents: options.order.remainingCents - total,
            userErrors: [],
          },
        },
      };
    }),
    mockOperation(AddChargeLineDocument, (variables) => ({ data: options.addCharge!(variables) })),
  ]);
  const stub = (text: string) => ({ render: () => h('p', text) });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/sales-orders/:id', name: 'sales-order', component: SalesOrderPage },
      { path: '/sales-orders/:id/invoice', name: 'invoice-new', component: stub('New invoice') },
      { path: '/invoices/:id', name: 'invoice', component: stub('Invoice') },
      { path: '/purchase-orders/:id', name: 'purchase-order', component: stub('PO') },
      { path: '/projects/:id', name: 'project', component: stub('Project') },
    ],
  });
  await router.push('/sales-orders/so1');
  await router.isReady();
  const wrapper = mount(SalesOrderPage, { attachTo: document.body, global: { plugins: [router], provide: { [apolloClientKey as symbol]: client } } });
  mounted.push(wrapper);
  await settled(() => wrapper.find('[data-testid="remaining-balance"]').exists());
  return { wrapper, router, calls };
}

async function settled(done: () => boolean): Promise<void> {
  await vi.waitFor(() => {
    if (!done()) throw new Error('still waiting for the response');
  });
  await flushPromises();
}

describe('SalesOrderPage', () => {
  it('shows each line’s quantities and the remaining balance', async () => {
    const { wrapper } = await mountPage({ order: salesOrder() });

    const mugs = wrapper.get('[data-testid="sales-order-line"][data-line-id="mugs"]');
    expect(mugs.get('[data-testid="line-shipped"]').text()).toBe('300');
    expect(mugs.get('[data-testid="line-remaining"]').text()).toBe('500');
    expect(mugs.get('[data-testid="line-backordered"]').text()).toBe('200');
    expect(wrapper.get('[data-testid="remaining-balance"]').text()).toBe('$1,600.00');
    expect(wrapper.get('[data-testid="sales-order-create-invoice"]').attributes('href')).toBe('/sales-orders/so1/invoice');
  });

  it('offers exactly the statuses the server allows and sets one with the version seen', async () => {
    const order = salesOrder({ nextStatuses: ['READY_TO_BE_INVOICED', 'CANCELLED'] });
    const { wrapper, calls } = await mountPage({
      order,
      setStatus: (status) => ({
        setSalesOrderStatus: {
          __typename: 'SalesOrderPayload',
          salesOrder: { ...order, version: 5, status, nextStatuses: [] },
          userErrors: [],
        },
      }),
    });

    const buttons = wrapper.findAll('[data-testid="sales-order-next-status"]');
    expect(buttons.map((b) => b.text())).toEqual(['Ready to be invoiced']);
    expect(wrapper.find('[data-testid="sales-order-cancel-order"]').exists()).toBe(true);

    await buttons[0]!.trigger('click');
    await settled(() => wrapper.get('[data-testid="sales-order-status"]').text() === 'Ready to be invoiced');

    expect(calls.filter((c) => c.operationName === 'SetSalesOrderStatus')).toEqual([
      { operationName: 'SetSalesOrderStatus', variables: { id: 'so1', status: 'READY_TO_BE_INVOICED', expectedVersion: 4, reason: null } },
    ]);
    // The server now allows nothing more: no buttons left.
    expect(wrapper.findAll('[data-testid="sales-order-next-status"]')).toHaveLength(0);
  });

  it('shows no status buttons when the server allows none', async () => {
    const { wrapper } = await mountPage({ order: salesOrder({ nextStatuses: [] }) });
    expect(wrapper.findAll('[data-testid="sales-order-next-status"]')).toHaveLength(0);
  });

  it('shows a refused status change as the server words it', async () => {
    const { wrapper } = await mountPage({
      order: salesOrder(),
      setStatus: () => ({
        setSalesOrderStatus: {
          __typename: 'SalesOrderPayload',
          salesOrder: null,
          userErrors: [{ __typename: 'UserError', code: 'INVALID_TRANSITION', message: 'Nothing remains to invoice.', field: null }],
        },
      }),
    });

    await wrapper.get('[data-testid="sales-order-next-status"]').trigger('click');
    await settled(() => wrapper.find('[data-testid="sales-order-notice"]').exists());
    expect(wrapper.get('[data-testid="sales-order-notice"]').text()).toBe('Nothing remains to invoice.');
    expect(wrapper.get('[data-testid="sales-order-notice"]').attributes('role')).toBe('alert');
  });

  it('invoices what is ready with no lines after a confirmation stating the server’s preview, then opens the invoice', async () => {
    const order = salesOrder();
    const { wrapper, router, calls } = await mountPage({
      order,
      createInvoice: () => ({
        createInvoice: {
          __typename: 'InvoicePayload',
          userErrors: [],
          invoice: {
            __typename: 'Invoice',
            id: 'inv9',
            version: 1,
            number: 'INV-1009',
            kind: 'STANDARD',
            status: 'OPEN',
            invoiceDate: '2026-11-22',
            dueDate: '2026-12-22',
            createdAt: '2026-11-22T10:00:00Z',
            subtotalCents: 120_000,
            taxCents: 0,
            totalCents: 120_000,
            paidCents: 0,
            depositAppliedCents: 0,
            creditedCents: 0,
            refundedCents: 0,
            balanceCents: 120_000,
            reason: null,
            creditMemos: [],
            creditedInvoice: null,
            pdfUrl: '/invoices/inv9.pdf',
            sentAt: null,
            sentTo: [],
            voidReason: null,
            orderInvoicedAfterCents: 120_000,
            orderRemainingAfterCents: 40_000,
            can: {
              __typename: 'InvoiceCan',
              edit: allowed,
              send: allowed,
              export: allowed,
              recordPayment: allowed,
              void: allowed,
              createCreditMemo: refused('INVALID_TRANSITION', 'This invoice is still open: edit it instead of crediting it.'),
              recordRefund: refused('INVALID_INPUT', 'Nothing is owed back on this invoice.'),
            },
            client: { __typename: 'Client', id: 'c1', name: 'Acme', email: null, paymentTermsDays: 30 },
            project: order.project,
            lines: [],
            salesOrder: {
              ...order,
              status: 'BACKORDERED',
              backordered: true,
              nextStatuses: [],
              can: { __typename: 'SalesOrderCan', createInvoice: refused('INVALID_INPUT', 'Nothing is ready to invoice yet.'), cancelQuantity: allowed },
              invoices: [{ __typename: 'Invoice', id: 'inv9' }],
              lines: order.lines.map(({ scheduled: _s, shipped: _sh, totalCents: _t, invoiceWith: _w, taxable: _x, ...rest }) => ({
                ...rest,
                product: rest.product && { __typename: 'Product' as const, id: rest.product.id, sku: rest.product.sku, inventoried: rest.product.inventoried },
              })),
            },
          },
        },
      }),
    });

    const button = wrapper.get('[data-testid="sales-order-invoice-rest"]');
    expect(button.attributes('disabled')).toBeUndefined();
    expect(button.text()).toBe('Invoice what is ready');
    await button.trigger('click');
    const dialog = () => document.querySelector('[data-testid="invoice-ready-confirm"]');
    await settled(() => !!dialog()?.querySelector('[data-testid="invoice-ready-summary"]'));
    // 300 mugs at $2.00 and 600 pens at $1.00 are ready; 200 mugs wait for goods.
    expect(dialog()!.querySelector('[data-testid="invoice-ready-summary"]')!.textContent!.trim()).toBe(
      'This creates an invoice of $1,200.00 for the units ready now; SO-1001 then has $400.00 remaining.',
    );
    expect(dialog()!.querySelector('[data-testid="invoice-ready-backordered"]')!.textContent!.trim()).toBe(
      'Only the ready goods are billed. Still waiting for goods, and staying on the order: 200 × Item mugs.',
    );
    expect(calls.filter((c) => c.operationName === 'CreateInvoice')).toEqual([]);

    // Cancel makes nothing; Confirm creates it.
    document.querySelector<HTMLButtonElement>('[data-testid="invoice-ready-confirm-cancel"]')!.click();
    await flushPromises();
    expect(dialog()).toBeNull();
    expect(calls.filter((c) => c.operationName === 'CreateInvoice')).toEqual([]);
    await button.trigger('click');
    await settled(() => !!dialog()?.querySelector('[data-testid="invoice-ready-summary"]'));
    document.querySelector<HTMLButtonElement>('[data-testid="invoice-ready-confirm-confirm"]')!.click();
    await settled(() => router.currentRoute.value.name === 'invoice');

    expect(calls.filter((c) => c.operationName === 'CreateInvoice')).toEqual([
      { operationName: 'CreateInvoice', variables: { input: { salesOrderId: 'so1' } } },
    ]);
    expect(router.currentRoute.value.fullPath).toBe('/invoices/inv9');
  });

  it('lists charges with the goods, in the users’ words, and the order’s deposits and credit memos', async () => {
    const order = salesOrder({
      lines: [
        line('mugs', 1, { quantity: 500, invoiced: 300, remaining: 200, unitPriceCents: 200, totalCents: 100_000 }),
        line('setup', 2, { kind: 'SETUP', invoiceWith: 'FIRST_INVOICE', product: null, description: 'Screen setup', quantity: 1, invoiced: 1, totalCents: 7_500, unitPriceCents: 7_500 }),
        line('freight', 3, { kind: 'FREIGHT', invoiceWith: 'LAST_INVOICE', taxable: false, product: null, description: 'Freight', quantity: 1, remaining: 1, totalCents: 4_000, unitPriceCents: 4_000 }),
      ],
      depositPaidCents: 20_000,
      depositAvailableCents: 12_000,
      deposits: [{ __typename: 'Invoice', id: 'dep1', version: 2, number: 'DEP-1001', status: 'PAID', invoiceDate: '2026-11-02', totalCents: 20_000, paidCents: 20_000, refundedCents: 0 }],
      creditMemos: [
        { __typename: 'Invoice', id: 'cm1', version: 1, number: 'CM-1001', status: 'OPEN', invoiceDate: '2026-11-20', totalCents: -866, creditedInvoice: { __typename: 'Invoice', id: 'inv1', number: 'INV-1001' } },
      ],
    });
    const { wrapper } = await mountPage({ order });

    const charges = wrapper.findAll('[data-testid="sales-order-charge"]');
    expect(charges.map((c) => c.get('[data-testid="line-kind"]').text())).toEqual(['Setup', 'Freight']);
    const freight = charges[1]!;
    expect(freight.text()).toContain('With the invoice that completes the goods');
    expect(freight.text()).toContain('not taxed');
    expect(freight.get('[data-testid="line-remaining"]').text()).toBe('1');
    expect(freight.get('[data-testid="line-backordered"]').text()).toBe('—');
    expect(freight.get('[data-testid="line-amount"]').text()).toBe('$40.00');
    expect(wrapper.findAll('[data-testid="sales-order-line"]')).toHaveLength(1);

    expect(wrapper.get('[data-testid="sales-order-deposit-paid"]').text()).toBe('$200.00');
    expect(wrapper.get('[data-testid="sales-order-deposit-available"]').text()).toBe('$120.00');
    expect(wrapper.get('[data-testid="sales-order-deposit"]').text()).toContain('DEP-1001');
    const memo = wrapper.get('[data-testid="sales-order-credit-memo"]');
    expect(memo.find('a[href="/invoices/cm1"]').text()).toBe('CM-1001');
    expect(memo.find('a[href="/invoices/inv1"]').text()).toBe('INV-1001');
    expect(memo.get('[data-testid="sales-order-credit-memo-total"]').text()).toBe('-$8.66');
  });

  it('adds a charge: freight by default, with the invoice that completes the goods, the amount in exact cents', async () => {
    const order = salesOrder();
    const { wrapper, calls } = await mountPage({
      order,
      addCharge: (variables) => ({
        addChargeLine: {
          __typename: 'SalesOrderPayload',
          salesOrder: {
            ...order,
            version: 5,
            lines: [
              ...order.lines,
              line('freight', 3, { kind: variables.input.kind, invoiceWith: 'LAST_INVOICE', product: null, description: variables.input.description, quantity: 1, remaining: 1, unitPriceCents: variables.input.unitPriceCents, totalCents: variables.input.unitPriceCents }),
            ],
          },
          userErrors: [],
        },
      }),
    });
    await wrapper.get('[data-testid="sales-order-add-charge"]').trigger('click');
    const form = wrapper.get('[data-testid="sales-order-charge-form"]');
    expect((form.get('[data-testid="charge-kind"]').element as HTMLSelectElement).value).toBe('FREIGHT');
    expect((form.get('[data-testid="charge-description"]').element as HTMLInputElement).value).toBe('Freight');
    expect((form.get('[data-testid="charge-invoice-with"]').element as HTMLSelectElement).value).toBe('LAST_INVOICE');

    // Setup goes on the first invoice by default; what the rep typed stays.
    await form.get('[data-testid="charge-kind"]').setValue('SETUP');
    expect((form.get('[data-testid="charge-description"]').element as HTMLInputElement).value).toBe('Setup');
    expect((form.get('[data-testid="charge-invoice-with"]').element as HTMLSelectElement).value).toBe('FIRST_INVOICE');
    await form.get('[data-testid="charge-kind"]').setValue('FREIGHT');
    await form.get('[data-testid="charge-amount"]').setValue('$1,045.5');
    await form.get('[data-testid="charge-taxable"]').setValue(false);
    await form.trigger('submit');
    await settled(() => wrapper.findAll('[data-testid="sales-order-charge"]').length === 1);

    expect(calls.filter((c) => c.operationName === 'AddChargeLine')).toEqual([
      {
        operationName: 'AddChargeLine',
        variables: { salesOrderId: 'so1', input: { kind: 'FREIGHT', description: 'Freight', quantity: 1, unitPriceCents: 104_550, taxable: false, invoiceWith: 'LAST_INVOICE' } },
      },
    ]);
    expect(wrapper.get('[data-testid="sales-order-notice"]').text()).toBe('Freight of $1,045.50 added to the order.');
    expect(wrapper.find('[data-testid="sales-order-charge-form"]').exists()).toBe(false);
  });

  it('leaves invoicing out, saying why, while nothing is ready', async () => {
    const waiting = 'Nothing is ready to invoice yet: waiting for 200 × Classic tee.';
    const { wrapper } = await mountPage({ order: salesOrder({ can: can({ createInvoice: refused('INVALID_INPUT', waiting) }) }) });
    expectAction(wrapper, 'sales-order-create-invoice', 'explained', waiting);
    expectAction(wrapper, 'sales-order-invoice-rest', 'absent');
    expect(wrapper.text()).not.toContain('units ready to invoice');
  });
});

// Every action of the page, against what the order's `can` says: allowed → there and enabled;
// refused → absent, or disabled with the server's reason where knowing the action exists helps.
const NOT_READY = refused('INVALID_INPUT', 'Nothing is ready to invoice yet: waiting for 200 × Classic tee.');
const LOCKED = refused('LOCKED', 'This order is fully invoiced and locked; void an invoice to change it.');
const NO_STOCK = refused('INSUFFICIENT_STOCK', 'No free stock to schedule for this order.');
const NOTHING_TO_BUY = refused('INVALID_INPUT', 'Everything on the drop-ship lines is already on a purchase order.');
const NOT_YOURS = (what: string) => refused('FORBIDDEN', `Only some roles ${what}.`);
const DEPOSITS_FULL = refused('INVALID_INPUT', 'Deposits already requested reach the order’s total.');

const permissionCases: { name: string; can: Partial<Omit<Can, '__typename'>>; expect: Record<string, ActionShown>; reasons?: Record<string, string> }[] = [
  {
    name: 'everything allowed',
    can: {},
    expect: {
      'sales-order-create-invoice': 'enabled',
      'sales-order-invoice-rest': 'enabled',
      'sales-order-schedule': 'enabled',
      'sales-order-create-pos': 'enabled',
      'line-cancel-quantity': 'enabled',
      'sales-order-add-charge': 'enabled',
      'sales-order-request-deposit': 'enabled',
    },
  },
  {
    name: 'an invoicing rep on an order with nothing ready',
    can: { createInvoice: NOT_READY, cancelQuantity: NOT_YOURS('cancel'), schedule: NOT_YOURS('schedule'), createPurchaseOrders: NOT_YOURS('buy') },
    expect: {
      'sales-order-create-invoice': 'explained',
      'sales-order-invoice-rest': 'absent',
      'sales-order-schedule': 'absent',
      'sales-order-create-pos': 'absent',
      'line-cancel-quantity': 'absent',
    },
    reasons: { 'sales-order-create-invoice': NOT_READY.reason },
  },
  {
    name: 'a production rep (invoicing is not theirs)',
    can: { createInvoice: NOT_YOURS('invoice'), cancelQuantity: NOT_YOURS('cancel'), schedule: NOT_YOURS('schedule') },
    expect: {
      'sales-order-create-invoice': 'absent',
      'sales-order-invoice-rest': 'absent',
      'sales-order-schedule': 'absent',
      'sales-order-create-pos': 'enabled',
      'line-cancel-quantity': 'absent',
    },
  },
  {
    name: 'purchasing with no free stock and nothing left to buy',
    can: { createInvoice: NOT_YOURS('invoice'), cancelQuantity: NOT_YOURS('cancel'), schedule: NO_STOCK, createPurchaseOrders: NOTHING_TO_BUY },
    expect: {
      'sales-order-create-invoice': 'absent',
      'sales-order-schedule': 'explained',
      'sales-order-create-pos': 'absent',
      'line-cancel-quantity': 'absent',
    },
    reasons: { 'sales-order-schedule': NO_STOCK.reason },
  },
  {
    name: 'an invoicing rep once deposits reach the order’s total',
    can: { requestDeposit: DEPOSITS_FULL, cancelQuantity: NOT_YOURS('cancel') },
    expect: { 'sales-order-add-charge': 'enabled', 'sales-order-request-deposit': 'explained' },
    reasons: { 'sales-order-request-deposit': DEPOSITS_FULL.reason },
  },
  {
    name: 'an order rep: charges are theirs, deposits are not',
    can: { requestDeposit: NOT_YOURS('request deposits') },
    expect: { 'sales-order-add-charge': 'enabled', 'sales-order-request-deposit': 'absent' },
  },
  {
    name: 'an invoiced order: neither charges nor deposits',
    can: { addChargeLine: LOCKED, requestDeposit: refused('INVALID_TRANSITION', 'SO-1001 is invoiced; deposits are requested on open orders.') },
    expect: { 'sales-order-add-charge': 'absent', 'sales-order-request-deposit': 'absent' },
  },
  {
    name: 'an admin on a locked order',
    can: { createInvoice: LOCKED, cancelQuantity: LOCKED },
    expect: {
      'sales-order-create-invoice': 'explained',
      'sales-order-invoice-rest': 'absent',
      'sales-order-schedule': 'enabled',
      'line-cancel-quantity': 'explained',
    },
    reasons: { 'sales-order-create-invoice': LOCKED.reason, 'line-cancel-quantity': LOCKED.reason },
  },
];

describe('SalesOrderPage actions follow the order’s can', () => {
  it.each(permissionCases)('$name', async (testCase) => {
    const { wrapper } = await mountPage({ order: salesOrder({ can: can(testCase.can) }) });
    for (const [testId, shown] of Object.entries(testCase.expect)) expectAction(wrapper, testId, shown, testCase.reasons?.[testId]);
  });

  it('links "Create invoice" to the new invoice when allowed', async () => {
    const { wrapper } = await mountPage({ order: salesOrder() });
    expect(wrapper.get('[data-testid="sales-order-create-invoice"]').attributes('href')).toBe('/sales-orders/so1/invoice');
  });
});
