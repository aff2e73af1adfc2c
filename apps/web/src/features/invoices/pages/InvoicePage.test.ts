import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import {
  InvoiceDocument,
  InvoiceEditPreviewDocument,
  ViewerDocument,
  type InvoiceDetailFragment,
  type InvoicePreviewFieldsFragment,
  type InvoiceStatus,
  type ViewerQuery,
} from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { expectAction, type ActionShown } from '@/shared/testing/expect-action';
import { createMockApolloClient, mockOperation } from '@/shared/testing/mock-apollo-client';
import { allowed, refused } from '@/shared/testing/permissions';
import InvoicePage from './InvoicePage.vue';

type Can = InvoiceDetailFragment['can'];

function can(overrides: Partial<Omit<Can, '__typename'>> = {}): Can {
  return {
    __typename: 'InvoiceCan',
    edit: allowed,
    send: allowed,
    export: allowed,
    recordPayment: allowed,
    void: allowed,
    createCreditMemo: refused('INVALID_TRANSITION', 'This invoice is still open: edit it instead of crediting it.'),
    recordRefund: refused('INVALID_INPUT', 'Nothing is owed back on this invoice.'),
    ...overrides,
  };
}

// INV-1001 billed 500 mugs of SO-1001; since then a second invoice billed the rest, so the order
// today has nothing remaining, while right after INV-1001 it still had $3,897.00 to invoice.
function invoice(fields: Partial<InvoiceDetailFragment> = {}): InvoiceDetailFragment {
  return {
    __typename: 'Invoice',
    id: 'inv1',
    version: 2,
    number: 'INV-1001',
    kind: 'STANDARD',
    status: 'OPEN',
    invoiceDate: '2026-11-22',
    dueDate: '2026-12-22',
    createdAt: '2026-11-22T10:00:00Z',
    subtotalCents: 625_000,
    taxCents: 51_563,
    totalCents: 676_563,
    paidCents: 0,
    depositAppliedCents: 0,
    creditedCents: 0,
    refundedCents: 0,
    balanceCents: 676_563,
    reason: null,
    creditMemos: [],
    creditedInvoice: null,
    pdfUrl: '/invoices/inv1.pdf',
    sentAt: null,
    sentTo: [],
    voidReason: null,
    orderInvoicedAfterCents: 676_563,
    orderRemainingAfterCents: 389_700,
    can: can(),
    client: { __typename: 'Client', id: 'c1', name: 'Globex', email: 'ap@globex.example', paymentTermsDays: 30 },
    project: { __typename: 'Project', id: 'prj1', number: 'PRJ-1001', name: 'Spring promo' },
    lines: [
      { __typename: 'InvoiceLine', id: 'il1', description: 'Mug', quantity: 500, credited: 0, unitPriceCents: 1250, totalCents: 625_000, salesOrderLine: { __typename: 'SalesOrderLine', id: 'mugs', kind: 'GOODS' } },
    ],
    salesOrder: {
      __typename: 'SalesOrder',
      id: 'so1',
      version: 7,
      number: 'SO-1001',
      status: 'INVOICED',
      locked: false,
      taxRateBasisPoints: 825,
      remainingCents: 0,
      invoicedCents: 1_066_263,
      totalCents: 1_066_263,
      depositPaidCents: 0,
      depositAvailableCents: 0,
      client: { __typename: 'Client', id: 'c1', name: 'Globex' },
      project: { __typename: 'Project', id: 'prj1', number: 'PRJ-1001', name: 'Spring promo' },
      lines: [
        {
          __typename: 'SalesOrderLine',
          id: 'mugs',
          position: 1,
          kind: 'GOODS',
          description: 'Mug',
          quantity: 500,
          cancelled: 0,
          invoiced: 500,
          remaining: 0,
          readyToInvoice: 0,
          backordered: 0,
          unitPriceCents: 1250,
          product: { __typename: 'Product', id: 'p1', sku: 'MUG-1', inventoried: false },
        },
      ],
    },
    ...fields,
  };
}

const viewer: ViewerQuery = {
  me: { __typename: 'User', id: 'u1', name: 'Ines Invoicing', email: 'invoicing@demo.test', handle: 'ines', roles: ['INVOICING_REP'] },
  organization: { __typename: 'Organization', id: 'o1', name: 'Demo', currency: 'USD' },
};

const editPreview: InvoicePreviewFieldsFragment = {
  __typename: 'InvoicePreview',
  lines: [{ __typename: 'InvoicePreviewLine', salesOrderLineId: 'mugs', quantity: 500, totalCents: 625_000 }],
  subtotalCents: 625_000,
  taxCents: 51_563,
  totalCents: 676_563,
  depositAppliedCents: 0,
  balanceCents: 676_563,
  orderInvoicedAfterCents: 676_563,
  orderRemainingAfterCents: 389_700,
  userErrors: [],
};

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((wrapper) => wrapper.unmount()));

async function mountPage(shown: InvoiceDetailFragment) {
  const { client, calls } = createMockApolloClient([
    mockOperation(ViewerDocument, () => ({ data: viewer })),
    mockOperation(InvoiceDocument, () => ({ data: { invoice: { ...shown, project: { ...shown.project, notes: [] } } } })),
    mockOperation(InvoiceEditPreviewDocument, () => ({ data: { invoiceEditPreview: editPreview } })),
  ]);
  const stub = (text: string) => ({ render: () => h('p', text) });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/invoices/:id', name: 'invoice', component: InvoicePage },
      { path: '/sales-orders/:id', name: 'sales-order', component: stub('Sales order') },
      { path: '/projects/:id', name: 'project', component: stub('Project') },
    ],
  });
  await router.push('/invoices/inv1');
  await router.isReady();
  const wrapper = mount(InvoicePage, { attachTo: document.body, global: { plugins: [router], provide: { [apolloClientKey as symbol]: client } } });
  mounted.push(wrapper);
  await vi.waitFor(() => {
    if (!wrapper.find('[data-testid="invoice-total"]').exists()) throw new Error('still waiting for the invoice');
  });
  await flushPromises();
  return { wrapper, calls };
}

describe('InvoicePage', () => {
  it('shows the order’s figures as of this invoice, labelled so, not the order’s figures today', async () => {
    const { wrapper } = await mountPage(invoice());
    const facts = wrapper.get('.invoice-page__facts');
    expect(facts.text()).toContain('SO-1001 invoiced after this invoice');
    expect(facts.text()).toContain('SO-1001 remaining after this invoice');
    expect(wrapper.get('[data-testid="order-invoiced-after"]').text()).toBe('$6,765.63');
    expect(wrapper.get('[data-testid="remaining-balance"]').text()).toBe('$3,897.00');
  });

  it('leaves the order’s figures out when the document carries none (a deposit)', async () => {
    const { wrapper } = await mountPage(invoice({ orderInvoicedAfterCents: null, orderRemainingAfterCents: null }));
    expect(wrapper.find('[data-testid="remaining-balance"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="order-invoiced-after"]').exists()).toBe(false);
  });

  it('shows the money of a credited invoice: credited, paid, refunded and the balance owed back, with its credit memos', async () => {
    const { wrapper } = await mountPage(
      invoice({
        status: 'PAID',
        paidCents: 676_563,
        depositAppliedCents: 20_000,
        creditedCents: 2_706,
        refundedCents: 1_000,
        balanceCents: -21_706 + 1_000,
        creditMemos: [{ __typename: 'Invoice', id: 'cm1', number: 'CM-1001', status: 'SENT_TO_CLIENT', invoiceDate: '2026-11-25', totalCents: -2_706 }],
        lines: [
          { __typename: 'InvoiceLine', id: 'il1', description: 'Mug', quantity: 500, credited: 2, unitPriceCents: 1250, totalCents: 625_000, salesOrderLine: { __typename: 'SalesOrderLine', id: 'mugs', kind: 'GOODS' } },
        ],
        can: can({ edit: refused('LOCKED', 'A paid invoice can no longer change.'), recordPayment: refused('INVALID_INPUT', 'Nothing is due.'), recordRefund: allowed, createCreditMemo: allowed }),
      }),
    );
    expect(wrapper.get('[data-testid="invoice-kind"]').text()).toBe('Invoice');
    expect(wrapper.get('[data-testid="invoice-deposit-applied"]').text()).toBe('$200.00');
    expect(wrapper.get('[data-testid="invoice-credited"]').text()).toBe('$27.06');
    expect(wrapper.get('[data-testid="invoice-refunded"]').text()).toBe('$10.00');
    expect(wrapper.get('[data-testid="invoice-balance"]').text()).toBe('-$207.06');
    expect(wrapper.get('.invoice-page__facts').text()).toContain('Balance (refund owed)');
    expect(wrapper.get('[data-testid="invoice-credit-memo-link"]').attributes('href')).toBe('/invoices/cm1');
    expect(wrapper.get('[data-testid="invoice-line-credited"]').text()).toBe('2');
    expect(wrapper.get('[data-testid="invoice-refund-form"]').text()).toContain('$207.06 is owed back to the client.');
  });

  it('shows a credit memo as one, with the invoice it credits and why, and no payments', async () => {
    const { wrapper } = await mountPage(
      invoice({
        id: 'cm1',
        number: 'CM-1001',
        kind: 'CREDIT_MEMO',
        reason: 'Two mugs arrived broken',
        subtotalCents: -2_500,
        taxCents: -206,
        totalCents: -2_706,
        balanceCents: 0,
        creditedInvoice: { __typename: 'Invoice', id: 'inv1', number: 'INV-1001' },
        can: can({ edit: refused('INVALID_TRANSITION', 'A credit memo never changes.'), recordPayment: refused('INVALID_TRANSITION', 'A credit memo is never paid.') }),
      }),
    );
    expect(wrapper.get('h1').text()).toContain('Credit memo CM-1001');
    expect(wrapper.get('[data-testid="invoice-credited-invoice"]').text()).toBe('Credits INV-1001: Two mugs arrived broken');
    expect(wrapper.get('[data-testid="invoice-credited-invoice-link"]').attributes('href')).toBe('/invoices/inv1');
    expect(wrapper.find('[data-testid="invoice-balance"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="invoice-payments"]').exists()).toBe(false);
    expectAction(wrapper, 'invoice-edit-lines', 'absent');
    expectAction(wrapper, 'invoice-credit-memo', 'absent');
  });

  it('opens the credit memo dialog from the invoice’s can, and the memo once made', async () => {
    const { wrapper } = await mountPage(invoice({ status: 'SENT_TO_CLIENT', can: can({ edit: refused('LOCKED', 'A sent invoice can no longer change.'), createCreditMemo: allowed }) }));
    await wrapper.get('[data-testid="invoice-credit-memo"]').trigger('click');
    expect(wrapper.find('[data-testid="credit-memo-dialog"]').exists()).toBe(true);
  });

  it('edits lines against the server’s preview of updateInvoice, with the version seen', async () => {
    const { wrapper, calls } = await mountPage(invoice());
    await wrapper.get('[data-testid="invoice-edit-lines"]').trigger('click');
    await vi.waitFor(() => {
      if (wrapper.get('[data-testid="invoice-editor-submit"]').attributes('disabled') !== undefined) throw new Error('waiting for the preview');
    });
    expect(calls.find((c) => c.operationName === 'InvoiceEditPreview')?.variables).toEqual({
      input: { invoiceId: 'inv1', expectedVersion: 2, lines: [{ salesOrderLineId: 'mugs', quantity: 500 }] },
    });
    expect(wrapper.get('[data-testid="invoice-editor-remaining-after"]').text()).toBe('$3,897.00');
  });
});

// Every action of the page, against what the invoice's `can` says: allowed → there and enabled;
// refused → absent, or disabled with the server's reason where knowing the action exists helps.
const PAID_EDIT = refused('LOCKED', 'A paid invoice can no longer change.');
const PAID_VOID = refused('LOCKED', 'A payment is recorded on this invoice: it cannot be voided.');
const SENT_EDIT = refused('LOCKED', 'A sent invoice can no longer change.');
const NOTHING_DUE = refused('INVALID_INPUT', 'Nothing is due on this invoice.');
const NOT_AGAIN = refused('INVALID_TRANSITION', 'A paid invoice is not sent or exported again.');
const NOT_YOURS = refused('FORBIDDEN', 'Only invoicing reps and accountants do this.');
const STILL_OPEN = refused('INVALID_TRANSITION', 'This invoice is still open: edit it instead of crediting it.');
const ALL_CREDITED = refused('OVER_CREDIT', 'Every unit of this invoice has been credited already.');
const NOTHING_OWED = refused('INVALID_INPUT', 'Nothing is owed back on this invoice.');

const permissionCases: { name: string; status: InvoiceStatus; can: Partial<Omit<Can, '__typename'>>; expect: Record<string, ActionShown>; reasons?: Record<string, string> }[] = [
  {
    name: 'an open invoice, everything allowed',
    status: 'OPEN',
    can: {},
    expect: {
      'invoice-edit-lines': 'enabled',
      'invoice-send': 'enabled',
      'invoice-record-payment': 'enabled',
      'invoice-export': 'enabled',
      'invoice-void-reason-input': 'enabled',
      'invoice-credit-memo': 'explained',
      'invoice-record-refund': 'absent',
    },
    reasons: { 'invoice-credit-memo': STILL_OPEN.reason },
  },
  {
    name: 'a paid invoice a credit memo took below 0: credit more, refund what is owed',
    status: 'PAID',
    can: { edit: PAID_EDIT, send: NOT_AGAIN, export: NOT_AGAIN, recordPayment: NOTHING_DUE, void: PAID_VOID, createCreditMemo: allowed, recordRefund: allowed },
    expect: { 'invoice-credit-memo': 'enabled', 'invoice-record-refund': 'enabled', 'invoice-record-payment': 'absent' },
  },
  {
    name: 'an invoice credited in full, its refund recorded',
    status: 'PAID',
    can: { edit: PAID_EDIT, send: NOT_AGAIN, export: NOT_AGAIN, recordPayment: NOTHING_DUE, void: PAID_VOID, createCreditMemo: ALL_CREDITED, recordRefund: NOTHING_OWED },
    expect: { 'invoice-credit-memo': 'explained', 'invoice-record-refund': 'absent' },
    reasons: { 'invoice-credit-memo': ALL_CREDITED.reason },
  },
  {
    name: 'a sent invoice: no more edits, the rest allowed',
    status: 'SENT_TO_CLIENT',
    can: { edit: SENT_EDIT },
    expect: {
      'invoice-edit-lines': 'explained',
      'invoice-send': 'enabled',
      'invoice-record-payment': 'enabled',
      'invoice-export': 'enabled',
      'invoice-void-reason-input': 'enabled',
    },
    reasons: { 'invoice-edit-lines': SENT_EDIT.reason },
  },
  {
    name: 'a paid invoice: void shown disabled with why',
    status: 'PAID',
    can: { edit: PAID_EDIT, send: NOT_AGAIN, export: NOT_AGAIN, recordPayment: NOTHING_DUE, void: PAID_VOID },
    expect: {
      'invoice-edit-lines': 'explained',
      'invoice-send': 'absent',
      'invoice-record-payment': 'absent',
      'invoice-export': 'absent',
      'invoice-void-reason-input': 'absent',
      'invoice-void': 'explained',
    },
    reasons: { 'invoice-edit-lines': PAID_EDIT.reason, 'invoice-void': PAID_VOID.reason },
  },
  {
    name: 'a production rep: nothing of this is theirs',
    status: 'OPEN',
    can: { edit: NOT_YOURS, send: NOT_YOURS, export: NOT_YOURS, recordPayment: NOT_YOURS, void: NOT_YOURS, createCreditMemo: NOT_YOURS, recordRefund: NOT_YOURS },
    expect: {
      'invoice-edit-lines': 'absent',
      'invoice-send': 'absent',
      'invoice-record-payment': 'absent',
      'invoice-export': 'absent',
      'invoice-void-reason-input': 'absent',
      'invoice-void': 'absent',
      'invoice-accounting': 'absent',
      'invoice-credit-memo': 'absent',
      'invoice-record-refund': 'absent',
    },
  },
];

describe('InvoicePage actions follow the invoice’s can', () => {
  it.each(permissionCases)('$name', async (testCase) => {
    const { wrapper } = await mountPage(invoice({ status: testCase.status, can: can(testCase.can) }));
    for (const [testId, shown] of Object.entries(testCase.expect)) expectAction(wrapper, testId, shown, testCase.reasons?.[testId]);
  });
});
