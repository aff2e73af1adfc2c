import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { expectNoRoleLiterals } from '@/shared/testing/no-role-literals';
import { allowed, refused } from '@/shared/testing/permissions';
import InvoiceYourTurn from './InvoiceYourTurn.vue';
import source from './InvoiceYourTurn.vue?raw';

type Props = InstanceType<typeof InvoiceYourTurn>['$props']['invoice'];
const NOT_INVOICING = refused('FORBIDDEN', 'Only invoicing reps and accountants send invoices.');
const NOT_PAYMENTS = refused('FORBIDDEN', 'Only accountants and invoicing reps record payments.');
const NOTHING_OWED = refused('INVALID_INPUT', 'Nothing is owed back on this invoice.');

// INV-1002: 20 mugs, $1,298.00.
function invoice(fields: Partial<Props>): Props {
  return {
    __typename: 'Invoice',
    id: 'inv2',
    number: 'INV-1002',
    kind: 'STANDARD',
    status: 'OPEN',
    totalCents: 129_800,
    balanceCents: 129_800,
    can: { __typename: 'InvoiceCan', edit: allowed, send: allowed, export: allowed, recordPayment: allowed, void: allowed, createCreditMemo: allowed, recordRefund: NOTHING_OWED },
    ...fields,
  } as Props;
}
const mountStrip = (i: Props) => mount(InvoiceYourTurn, { props: { invoice: i, currency: 'USD' } });

describe('InvoiceYourTurn: the viewer’s next step on an invoice, per role and state', () => {
  it('the invoicing rep on an open invoice: "Invoice ready to send → Send"', async () => {
    const wrapper = mountStrip(invoice({}));
    expect(wrapper.get('[data-testid="your-turn-label"]').text()).toBe('Invoice INV-1002 ready to send · $1,298.00');
    expect(wrapper.get('[data-testid="your-turn-action"]').text()).toBe('Send');
    await wrapper.get('[data-testid="your-turn-action"]').trigger('click');
    expect(wrapper.emitted('act')![0]![0]).toMatchObject({ action: 'send' });
  });

  it('the order rep on the same invoice: nothing', () => {
    const c = invoice({}).can;
    const wrapper = mountStrip(invoice({ can: { ...c, send: NOT_INVOICING, recordPayment: NOT_PAYMENTS, recordRefund: NOT_PAYMENTS } }));
    expect(wrapper.find('[data-testid="your-turn"]').exists()).toBe(false);
  });

  it('the accountant once it is sent with a balance: record the payment', () => {
    const wrapper = mountStrip(invoice({ status: 'SENT_TO_CLIENT', balanceCents: 29_800 }));
    expect(wrapper.get('[data-testid="your-turn-label"]').text()).toBe('$298.00 still due on INV-1002');
    expect(wrapper.get('[data-testid="your-turn-action"]').text()).toBe('Record payment');
  });

  it('paid: nothing', () => {
    const c = invoice({}).can;
    expect(mountStrip(invoice({ status: 'PAID', balanceCents: 0, can: { ...c, recordPayment: refused('INVALID_INPUT', 'Nothing is due.') } })).find('[data-testid="your-turn"]').exists()).toBe(false);
  });

  it('holds no role table', () => expectNoRoleLiterals(source, 'InvoiceYourTurn'));
});
