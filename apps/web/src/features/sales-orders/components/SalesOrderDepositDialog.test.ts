import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DepositPreviewDocument, RequestDepositDocument, type DepositPreviewQuery, type RequestDepositInput, type RequestDepositMutation } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation } from '@/shared/testing/mock-apollo-client';
import { expectNoRoleLiterals } from '@/shared/testing/no-role-literals';
import { salesOrder } from '../testing/sales-order-fixtures';
import SalesOrderDepositDialog from './SalesOrderDepositDialog.vue';
import source from './SalesOrderDepositDialog.vue?raw';

type Preview = DepositPreviewQuery['depositPreview'];

// SO-1002 comes to $400.00; $100.00 of deposits are requested already.
function preview(input: RequestDepositInput): Preview {
  const amount = input.percent != null ? Math.round((40_000 * input.percent) / 100) : (input.amountCents ?? 0);
  if (amount > 30_000)
    return {
      __typename: 'DepositPreview',
      amountCents: null,
      orderTotalCents: null,
      depositsAfterCents: null,
      userErrors: [{ __typename: 'UserError', code: 'INVALID_INPUT', message: 'At most $300.00 more can be requested as a deposit on this order.', field: ['input', 'amountCents'] }],
    };
  return { __typename: 'DepositPreview', amountCents: amount, orderTotalCents: 40_000, depositsAfterCents: 10_000 + amount, userErrors: [] };
}

const requested: RequestDepositMutation = {
  requestDeposit: {
    __typename: 'InvoicePayload',
    invoice: { __typename: 'Invoice', id: 'dep2', number: 'DEP-1002', kind: 'DEPOSIT', totalCents: 12_000, salesOrder: salesOrder({ id: 'so2', number: 'SO-1002' }) },
    userErrors: [],
  },
};

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

function mountDialog() {
  const { client, calls } = createMockApolloClient([
    mockOperation(DepositPreviewDocument, (v) => ({ data: { depositPreview: preview(v.input) } })),
    mockOperation(RequestDepositDocument, () => ({ data: requested })),
  ]);
  const wrapper = mount(SalesOrderDepositDialog, {
    attachTo: document.body,
    props: { order: { id: 'so2', number: 'SO-1002', totalCents: 40_000, depositPaidCents: 10_000 }, currency: 'USD' },
    global: { provide: { [apolloClientKey as symbol]: client } },
  });
  mounted.push(wrapper);
  return { wrapper, calls };
}

async function until(done: () => boolean): Promise<void> {
  await vi.waitFor(() => {
    if (!done()) throw new Error('still waiting for the preview');
  });
  await flushPromises();
}

const submit = (wrapper: ReturnType<typeof mountDialog>['wrapper']) => wrapper.get('[data-testid="deposit-submit"]');
const reasonShown = (wrapper: ReturnType<typeof mountDialog>['wrapper']) => {
  const describedBy = submit(wrapper).attributes('aria-describedby');
  return describedBy ? wrapper.get(`[id="${describedBy}"]`).text() : '';
};

describe('SalesOrderDepositDialog', () => {
  it('asks for an amount first, and says so beside the disabled button', async () => {
    const { wrapper, calls } = mountDialog();
    expect(submit(wrapper).attributes('disabled')).toBeDefined();
    expect(reasonShown(wrapper)).toBe('Enter the amount to request.');
    expect(calls).toEqual([]);
  });

  it('previews a percent of the order as the server computes it, then requests exactly that', async () => {
    const { wrapper, calls } = mountDialog();
    await wrapper.get('[data-testid="deposit-by-percent"]').setValue(true);
    await wrapper.get('[data-testid="deposit-value"]').setValue('30');
    await until(() => wrapper.get('[data-testid="deposit-preview-amount"]').text() === '$120.00');
    expect(wrapper.get('[data-testid="deposit-preview-after"]').text()).toBe('$220.00');
    expect(calls.at(-1)).toEqual({ operationName: 'DepositPreview', variables: { input: { salesOrderId: 'so2', percent: 30 } } });
    expect(submit(wrapper).attributes('disabled')).toBeUndefined();

    await wrapper.get('form').trigger('submit');
    await until(() => wrapper.emitted('created') !== undefined);
    expect(calls.filter((c) => c.operationName === 'RequestDeposit')).toEqual([
      { operationName: 'RequestDeposit', variables: { input: { salesOrderId: 'so2', percent: 30 } } },
    ]);
    expect(wrapper.emitted('created')?.[0]).toEqual([{ id: 'dep2', number: 'DEP-1002' }]);
  });

  it('keeps the button disabled with the server’s refusal, next to the amount', async () => {
    const { wrapper, calls } = mountDialog();
    const value = wrapper.get('[data-testid="deposit-value"]');
    await value.setValue('350');
    await until(() => wrapper.find('[data-testid="deposit-refusal"]').exists());
    expect(calls.at(-1)?.variables).toEqual({ input: { salesOrderId: 'so2', amountCents: 35_000 } });
    expect(wrapper.get('[data-testid="deposit-refusal"]').text()).toBe('At most $300.00 more can be requested as a deposit on this order.');
    expect(value.attributes('aria-invalid')).toBe('true');
    expect(submit(wrapper).attributes('disabled')).toBeDefined();
    expect(reasonShown(wrapper)).toBe('At most $300.00 more can be requested as a deposit on this order.');

    // Not an amount: checked here, without asking the server.
    const asked = calls.length;
    await value.setValue('lots');
    await flushPromises();
    expect(reasonShown(wrapper)).toBe('Enter an amount such as 500.00.');
    expect(calls).toHaveLength(asked);
  });

  it('holds no role of its own: whether it is offered is the order’s can.requestDeposit', () => {
    expectNoRoleLiterals(source, 'SalesOrderDepositDialog.vue');
  });
});
