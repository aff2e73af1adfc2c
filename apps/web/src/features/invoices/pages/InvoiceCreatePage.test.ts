import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import {
  CreateInvoiceDocument,
  InvoiceNewSalesOrderDocument,
  InvoicePreviewDocument,
  ViewerDocument,
  type ViewerQuery,
  type CreateInvoiceMutation,
  type CreateInvoiceMutationVariables,
  type InvoiceEditorSalesOrderFragment,
  type InvoiceLineInput,
  type InvoiceNewSalesOrderQuery,
  type InvoicePreviewFieldsFragment,
} from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation, type MockResponse } from '@/shared/testing/mock-apollo-client';
import { allowed, refused } from '@/shared/testing/permissions';
import InvoiceCreatePage from './InvoiceCreatePage.vue';

type OrderLine = InvoiceEditorSalesOrderFragment['lines'][number];

function orderLine(id: string, position: number, fields: Partial<OrderLine>): OrderLine {
  return {
    __typename: 'SalesOrderLine',
    id,
    position,
    kind: 'GOODS',
    description: `Item ${id}`,
    quantity: 0,
    cancelled: 0,
    invoiced: 0,
    remaining: 0,
    readyToInvoice: 0,
    backordered: 0,
    unitPriceCents: 0,
    product: { __typename: 'Product', id: `p-${id}`, sku: `SKU-${id}`, inventoried: false },
    ...fields,
  };
}

// Mugs: 500 ordered, 300 shipped and ready, 200 backordered. Pens: 100, all ready. Caps: 50, nothing shipped.
// Totes: fully invoiced already (not shown).
const order: InvoiceEditorSalesOrderFragment = {
  __typename: 'SalesOrder',
  id: 'so1',
  version: 3,
  number: 'SO-1001',
  status: 'READY_TO_BE_INVOICED',
  locked: false,
  taxRateBasisPoints: 825,
  remainingCents: 0,
  invoicedCents: 0,
  totalCents: 0,
  depositPaidCents: 0,
  depositAvailableCents: 0,
  client: { __typename: 'Client', id: 'c1', name: 'Acme' },
  project: { __typename: 'Project', id: 'prj1', number: 'PRJ-1001', name: 'Trade show' },
  lines: [
    orderLine('pens', 2, { quantity: 100, remaining: 100, readyToInvoice: 100, unitPriceCents: 125 }),
    orderLine('mugs', 1, { quantity: 500, remaining: 500, readyToInvoice: 300, backordered: 200, unitPriceCents: 450 }),
    orderLine('caps', 3, { quantity: 50, remaining: 50, readyToInvoice: 0, backordered: 50, unitPriceCents: 999 }),
    orderLine('totes', 4, { quantity: 10, invoiced: 10, remaining: 0, unitPriceCents: 300 }),
  ],
};
// remaining now: 500×450 + 100×125 + 50×999 = 225000 + 12500 + 49950 = 287450, tax 23714.625 → 23715
order.remainingCents = 287_450 + 23_715;

function createdInvoice(): { data: CreateInvoiceMutation } {
  return {
    data: {
      createInvoice: {
        __typename: 'InvoicePayload',
        userErrors: [],
        invoice: {
          __typename: 'Invoice',
          id: 'inv1',
          version: 1,
          number: 'INV-1001',
          kind: 'STANDARD',
          status: 'OPEN',
          invoiceDate: '2026-11-22',
          dueDate: '2026-12-22',
          createdAt: '2026-11-22T10:00:00Z',
          subtotalCents: 147_500,
          taxCents: 12_169,
          totalCents: 159_669,
          paidCents: 0,
          depositAppliedCents: 0,
          creditedCents: 0,
          refundedCents: 0,
          balanceCents: 159_669,
          reason: null,
          creditMemos: [],
          creditedInvoice: null,
          pdfUrl: '/invoices/inv1.pdf',
          sentAt: null,
          sentTo: [],
          voidReason: null,
          orderInvoicedAfterCents: 159_669,
          orderRemainingAfterCents: 151_496,
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
          client: { __typename: 'Client', id: 'c1', name: 'Acme', email: 'ap@acme.test', paymentTermsDays: 30 },
          project: order.project,
          lines: [],
          salesOrder: {
            ...order,
            backordered: true,
            nextStatuses: [],
            can: { __typename: 'SalesOrderCan', createInvoice: allowed, cancelQuantity: allowed },
            invoices: [{ __typename: 'Invoice', id: 'inv1' }],
          },
        },
      },
    },
  };
}

const refusedSave = (...userErrors: { code: 'OVER_INVOICE' | 'INVALID_INPUT'; message: string; field: string[] | null }[]): { data: CreateInvoiceMutation } => ({
  data: { createInvoice: { __typename: 'InvoicePayload', invoice: null, userErrors: userErrors.map((e) => ({ __typename: 'UserError' as const, ...e })) } },
});

const viewer: ViewerQuery = {
  me: { __typename: 'User', id: 'u1', name: 'Ida Invoicing', email: 'invoicing@demo.test', handle: 'ida', roles: ['INVOICING_REP'] },
  organization: { __typename: 'Organization', id: 'o1', name: 'Demo', currency: 'USD' },
};


type PreviewError = { code: 'OVER_INVOICE' | 'INVALID_INPUT'; message: string; field: string[] | null };

/**
 * The server's preview as a test sets it up: figures for the lines asked (each line's total as the
 * canned `prices` give it, and the totals the test names), or the refusals the test names.
 */
function previewOf(lines: readonly InvoiceLineInput[], figures: { subtotal: number; tax: number; remainingAfter: number }): InvoicePreviewFieldsFragment {
  const prices: Record<string, number> = { mugs: 450, pens: 125, caps: 999 };
  return {
    __typename: 'InvoicePreview',
    lines: lines
      .filter((l) => l.quantity > 0)
      .map((l) => ({ __typename: 'InvoicePreviewLine', salesOrderLineId: l.salesOrderLineId, quantity: l.quantity, totalCents: l.quantity * (prices[l.salesOrderLineId] ?? 0) })),
    subtotalCents: figures.subtotal,
    taxCents: figures.tax,
    totalCents: figures.subtotal + figures.tax,
    depositAppliedCents: 0,
    balanceCents: figures.subtotal + figures.tax,
    orderInvoicedAfterCents: figures.subtotal + figures.tax,
    orderRemainingAfterCents: figures.remainingAfter,
    userErrors: [],
  };
}
function refusedPreview(...errors: PreviewError[]): InvoicePreviewFieldsFragment {
  return {
    __typename: 'InvoicePreview',
    lines: [],
    subtotalCents: null,
    taxCents: null,
    totalCents: null,
    depositAppliedCents: null,
    balanceCents: null,
    orderInvoicedAfterCents: null,
    orderRemainingAfterCents: null,
    userErrors: errors.map((e) => ({ __typename: 'UserError' as const, ...e })),
  };
}
const cleanPreview = (lines: readonly InvoiceLineInput[]) => previewOf(lines, { subtotal: 147_500, tax: 12_169, remainingAfter: 151_496 });

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((wrapper) => wrapper.unmount()));

async function mountPage(
  options: {
    create?: (variables: CreateInvoiceMutationVariables) => MockResponse<CreateInvoiceMutation>;
    preview?: (lines: readonly InvoiceLineInput[]) => InvoicePreviewFieldsFragment;
    salesOrder?: InvoiceNewSalesOrderQuery['salesOrder'];
  } = {},
) {
  const { create = () => createdInvoice(), preview = cleanPreview } = options;
  const salesOrder = options.salesOrder ?? { ...order, can: { __typename: 'SalesOrderCan' as const, createInvoice: allowed } };
  const { client, calls } = createMockApolloClient([
    mockOperation(ViewerDocument, () => ({ data: viewer })),
    mockOperation(InvoiceNewSalesOrderDocument, () => ({ data: { salesOrder } })),
    mockOperation(InvoicePreviewDocument, (variables) => ({ data: { invoicePreview: preview([variables.input.lines ?? []].flat()) } })),
    mockOperation(CreateInvoiceDocument, create),
  ]);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/sales-orders/:id/invoice', name: 'invoice-new', component: InvoiceCreatePage },
      { path: '/sales-orders/:id', name: 'sales-order', component: { render: () => h('p', 'Sales order') } },
      { path: '/invoices/:id', name: 'invoice', component: { render: () => h('p', 'Invoice') } },
      { path: '/projects/:id', name: 'project', component: { render: () => h('p', 'Project') } },
    ],
  });
  await router.push('/sales-orders/so1/invoice');
  await router.isReady();
  const wrapper = mount(InvoiceCreatePage, {
    attachTo: document.body,
    global: { plugins: [router], provide: { [apolloClientKey as symbol]: client } },
  });
  mounted.push(wrapper);
  await settled(() => wrapper.find('[data-testid="invoice-editor-line"]').exists() || wrapper.find('[data-testid="permission-notice"]').exists());
  return { wrapper, router, calls };
}

async function settled(done: () => boolean): Promise<void> {
  await vi.waitFor(() => {
    if (!done()) throw new Error('still waiting for the response');
  });
  await flushPromises();
}

type Wrapper = Awaited<ReturnType<typeof mountPage>>['wrapper'];
const row = (wrapper: Wrapper, lineId: string) => wrapper.get(`[data-testid="invoice-editor-line"][data-line-id="${lineId}"]`);
const text = (wrapper: Wrapper, testId: string) => wrapper.get(`[data-testid="${testId}"]`).text();
const submitButton = (wrapper: Wrapper) => wrapper.get('[data-testid="invoice-editor-submit"]');
const createCalls = (calls: { operationName: string; variables: unknown }[]) => calls.filter((call) => call.operationName === 'CreateInvoice');
const previewCalls = (calls: { operationName: string; variables: unknown }[]) => calls.filter((call) => call.operationName === 'InvoicePreview');
/** Waits until the preview of the lines on screen has come back (the submit button is ready, or a refusal shows). */
const previewed = (wrapper: Wrapper) =>
  settled(() => submitButton(wrapper).attributes('disabled') === undefined || wrapper.find('[data-testid="invoice-editor-line-error"], [data-testid="invoice-editor-preview-error"]').exists());

describe('InvoiceCreatePage (the invoice editor)', () => {
  it('is prefilled with the ready-to-invoice quantities, in line order, without fully invoiced lines', async () => {
    const { wrapper } = await mountPage();

    const rows = wrapper.findAll('[data-testid="invoice-editor-line"]');
    expect(rows.map((r) => r.attributes('data-line-id'))).toEqual(['mugs', 'pens', 'caps']);
    const quantity = (id: string) => (row(wrapper, id).get('[data-testid="invoice-editor-quantity"]').element as HTMLInputElement).value;
    const included = (id: string) => (row(wrapper, id).get('[data-testid="invoice-editor-include"]').element as HTMLInputElement).checked;
    expect([quantity('mugs'), quantity('pens'), quantity('caps')]).toEqual(['300', '100', '0']);
    expect([included('mugs'), included('pens'), included('caps')]).toEqual([true, true, false]);
    // Every quantity input has an accessible name.
    for (const input of wrapper.findAll('[data-testid="invoice-editor-quantity"]')) {
      expect(wrapper.find(`label[for="${input.attributes('id')}"]`).text()).toMatch(/^Quantity to invoice of Item /);
    }
    expect(text(wrapper, 'remaining-balance')).toBe('$3,111.65');
  });

  it('shows the server’s preview: its totals, line amounts and the balance left after the invoice', async () => {
    const { wrapper, calls } = await mountPage({
      preview: (lines) =>
        lines.some((l) => l.quantity === 250) ? previewOf(lines, { subtotal: 125_000, tax: 10_313, remainingAfter: 162_367 }) : cleanPreview(lines),
    });
    await previewed(wrapper);

    expect(previewCalls(calls)[0]?.variables).toEqual({
      input: { salesOrderId: 'so1', lines: [{ salesOrderLineId: 'mugs', quantity: 300 }, { salesOrderLineId: 'pens', quantity: 100 }] },
    });
    expect(text(wrapper, 'invoice-editor-subtotal')).toBe('$1,475.00');
    expect(text(wrapper, 'invoice-editor-tax')).toBe('$121.69');
    expect(text(wrapper, 'invoice-editor-total')).toBe('$1,596.69');
    expect(text(wrapper, 'invoice-editor-remaining-after')).toBe('$1,514.96');
    expect(row(wrapper, 'mugs').get('[data-testid="invoice-editor-line-total"]').text()).toBe('$1,350.00');

    await row(wrapper, 'mugs').get('[data-testid="invoice-editor-quantity"]').setValue('250');
    await settled(() => text(wrapper, 'invoice-editor-total') === '$1,353.13');
    expect(text(wrapper, 'invoice-editor-subtotal')).toBe('$1,250.00');
    expect(text(wrapper, 'invoice-editor-remaining-after')).toBe('$1,623.67');
    expect(previewCalls(calls).at(-1)?.variables).toEqual({
      input: { salesOrderId: 'so1', lines: [{ salesOrderLineId: 'mugs', quantity: 250 }, { salesOrderLineId: 'pens', quantity: 100 }] },
    });
  });

  it('flags a quantity above what is left under its own field before submit, and will not submit', async () => {
    const { wrapper, calls } = await mountPage({
      preview: (lines) =>
        lines[0]?.quantity === 600
          ? refusedPreview({ code: 'OVER_INVOICE', message: 'Only 500 remain to invoice on this line.', field: ['input', 'lines', '0', 'quantity'] })
          : cleanPreview(lines),
    });
    await previewed(wrapper);
    expect(submitButton(wrapper).attributes('disabled')).toBeUndefined();

    await row(wrapper, 'mugs').get('[data-testid="invoice-editor-quantity"]').setValue('600');
    await settled(() => wrapper.find('[data-testid="invoice-editor-line-error"]').exists());

    const mugs = row(wrapper, 'mugs');
    const error = mugs.get('[data-testid="invoice-editor-line-error"]');
    expect(error.text()).toBe('Only 500 remain to invoice on this line.');
    const input = mugs.get('[data-testid="invoice-editor-quantity"]');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(input.attributes('aria-describedby')).toBe(error.attributes('id'));
    expect(wrapper.findAll('[data-testid="invoice-editor-line-error"]')).toHaveLength(1);
    // No totals for an invoice the server would refuse.
    expect(text(wrapper, 'invoice-editor-total')).toBe('—');
    expect(submitButton(wrapper).attributes('disabled')).toBeDefined();
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(createCalls(calls)).toEqual([]);

    // Back within what is left: the flag goes and submitting is possible again.
    await row(wrapper, 'mugs').get('[data-testid="invoice-editor-quantity"]').setValue('500');
    await settled(() => submitButton(wrapper).attributes('disabled') === undefined);
    expect(wrapper.find('[data-testid="invoice-editor-line-error"]').exists()).toBe(false);
  });

  it('leaves an unticked line out of the createInvoice variables, then opens the new invoice', async () => {
    const { wrapper, router, calls } = await mountPage();

    await row(wrapper, 'pens').get('[data-testid="invoice-editor-include"]').setValue(false);
    await row(wrapper, 'mugs').get('[data-testid="invoice-editor-quantity"]').setValue('280');
    await settled(() => previewCalls(calls).some((c) => JSON.stringify(c.variables).includes('280')));
    await previewed(wrapper);
    await wrapper.get('form').trigger('submit');
    await settled(() => router.currentRoute.value.name === 'invoice');

    expect(createCalls(calls)).toEqual([
      { operationName: 'CreateInvoice', variables: { input: { salesOrderId: 'so1', lines: [{ salesOrderLineId: 'mugs', quantity: 280 }] } } },
    ]);
    expect(router.currentRoute.value.fullPath).toBe('/invoices/inv1');
  });

  it('treats a quantity of 0 as leaving the line off', async () => {
    const { wrapper, router, calls } = await mountPage();

    await row(wrapper, 'mugs').get('[data-testid="invoice-editor-quantity"]').setValue('0');
    await settled(() => previewCalls(calls).length === 2);
    await previewed(wrapper);
    await wrapper.get('form').trigger('submit');
    await settled(() => router.currentRoute.value.name === 'invoice');

    expect(createCalls(calls)[0]?.variables).toEqual({ input: { salesOrderId: 'so1', lines: [{ salesOrderLineId: 'pens', quantity: 100 }] } });
  });

  it('shows a refusal of the save next to the line its field path names', async () => {
    // The preview was clean, but by the time of saving another rep had invoiced the caps.
    const { wrapper, router, calls } = await mountPage({
      create: () => refusedSave({ code: 'OVER_INVOICE', message: 'Only 50 remain to invoice on this line.', field: ['input', 'lines', '1', 'quantity'] }),
    });

    // Sent: [mugs, caps] (pens left off), so lines.1 is the caps line.
    await row(wrapper, 'pens').get('[data-testid="invoice-editor-include"]').setValue(false);
    await row(wrapper, 'caps').get('[data-testid="invoice-editor-include"]').setValue(true);
    await row(wrapper, 'caps').get('[data-testid="invoice-editor-quantity"]').setValue('60');
    await settled(() => previewCalls(calls).some((c) => JSON.stringify(c.variables).includes('"caps","quantity":60')));
    await previewed(wrapper);
    await wrapper.get('form').trigger('submit');
    await settled(() => wrapper.find('[data-testid="invoice-editor-line-error"]').exists());

    const caps = row(wrapper, 'caps');
    const error = caps.get('[data-testid="invoice-editor-line-error"]');
    expect(error.text()).toBe('Only 50 remain to invoice on this line.');
    const input = caps.get('[data-testid="invoice-editor-quantity"]');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(input.attributes('aria-describedby')).toBe(error.attributes('id'));
    expect(document.activeElement).toBe(input.element);
    expect(wrapper.findAll('[data-testid="invoice-editor-line-error"]')).toHaveLength(1);
    expect(wrapper.find('[data-testid="invoice-editor-error"]').exists()).toBe(false);
    expect(router.currentRoute.value.name).toBe('invoice-new');
  });

  it('shows a refusal of the save naming no line above the lines', async () => {
    const { wrapper } = await mountPage({ create: () => refusedSave({ code: 'INVALID_INPUT', message: 'This order changed; look again.', field: null }) });

    await previewed(wrapper);
    await wrapper.get('form').trigger('submit');
    await settled(() => wrapper.find('[data-testid="invoice-editor-error"]').exists());

    expect(text(wrapper, 'invoice-editor-error')).toBe('This order changed; look again.');
    expect(wrapper.find('[data-testid="invoice-editor-line-error"]').exists()).toBe(false);
  });

  it('says why it will not send an invoice without a single unit, as the server words it', async () => {
    const nothing = 'Every quantity is 0: invoice at least one unit.';
    const { wrapper, calls } = await mountPage({
      preview: (lines) => (lines.length ? cleanPreview(lines) : refusedPreview({ code: 'INVALID_INPUT', message: nothing, field: ['input', 'lines'] })),
    });

    await row(wrapper, 'mugs').get('[data-testid="invoice-editor-include"]').setValue(false);
    await row(wrapper, 'pens').get('[data-testid="invoice-editor-quantity"]').setValue('0');
    await settled(() => wrapper.find('[data-testid="invoice-editor-preview-error"]').exists());

    expect(text(wrapper, 'invoice-editor-preview-error')).toBe(nothing);
    expect(submitButton(wrapper).attributes('disabled')).toBeDefined();
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(createCalls(calls)).toEqual([]);
  });

  it('shows why instead of the form when the server does not let the viewer invoice this order', async () => {
    const reason = 'Only invoicing reps and accountants create invoices.';
    const { wrapper, calls } = await mountPage({ salesOrder: { ...order, can: { __typename: 'SalesOrderCan', createInvoice: refused('FORBIDDEN', reason) } } });

    expect(text(wrapper, 'permission-notice')).toContain(reason);
    expect(wrapper.find('[data-testid="invoice-editor-line"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="invoice-editor-submit"]').exists()).toBe(false);
    expect(previewCalls(calls)).toEqual([]);
  });
});
