import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { expectNoRoleLiterals } from '@/shared/testing/no-role-literals';
import { refused } from '@/shared/testing/permissions';
import { can, line, salesOrder } from '../testing/sales-order-fixtures';
import SalesOrderYourTurn from './SalesOrderYourTurn.vue';
import source from './SalesOrderYourTurn.vue?raw';
import stripSource from '@/shared/components/YourTurnStrip.vue?raw';

// SO-1001 as each role's viewer receives it: 20 mugs shipped and ready ($1,298.00), 200 tees late.
// What differs between roles is only `can`, exactly as the server computes it for each.
const NOT_INVOICING = refused('FORBIDDEN', 'Only invoicing reps and accountants create invoices.');
const NOT_SCHEDULING = refused('FORBIDDEN', 'Only purchasing and admins schedule orders from stock.');
const NOT_BUYING = refused('FORBIDDEN', 'Only production reps and purchasing create purchase orders.');
const NOTHING_TO_BUY = refused('INVALID_INPUT', 'Every drop-ship line is on a purchase order already.');
const order = (c: ReturnType<typeof can>) =>
  salesOrder({
    readyToInvoiceCents: 129_800,
    lines: [
      line('mugs', 1, { description: 'Ceramic mug', quantity: 20, remaining: 20, readyToInvoice: 20 }),
      line('tees', 2, { description: 'Classic tee', quantity: 200, remaining: 200, backordered: 200 }),
    ],
    can: c,
  });

const roles = {
  'an invoicing rep': can({ schedule: NOT_SCHEDULING, createPurchaseOrders: NOT_BUYING }),
  'the production rep': can({ createInvoice: NOT_INVOICING, schedule: NOT_SCHEDULING, createPurchaseOrders: NOTHING_TO_BUY }),
  purchasing: can({ createInvoice: NOT_INVOICING }),
  'the order rep': can({ createInvoice: NOT_INVOICING, schedule: NOT_SCHEDULING, createPurchaseOrders: NOT_BUYING }),
};

async function mountStrip(c: ReturnType<typeof can>) {
  const router = createRouter({ history: createMemoryHistory(), routes: [
      { path: '/', name: 'home', component: { render: () => null } },
      { path: '/sales-orders/:id/invoice', name: 'invoice-new', component: { render: () => null } },
    ],
  });
  await router.push('/');
  return mount(SalesOrderYourTurn, { props: { order: order(c), currency: 'USD' }, global: { plugins: [router] } });
}

describe('SalesOrderYourTurn: the viewer’s next step on an order, per role and state', () => {
  it('an invoicing rep with something ready: "Create invoice", linked to the invoice editor, and what stays on the order', async () => {
    const wrapper = await mountStrip(roles['an invoicing rep']);
    expect(wrapper.get('[data-testid="your-turn-label"]').text()).toBe('20 × Ceramic mug ready to invoice · $1,298.00');
    const action = wrapper.get('[data-testid="your-turn-action"]');
    expect(action.text()).toBe('Create invoice');
    expect(action.attributes('href')).toBe('/sales-orders/so1/invoice');
    expect(wrapper.get('[data-testid="your-turn-detail"]').text()).toBe('Only the ready goods are billed; still waiting for goods: 200 × Classic tee.');
  });

  it('the production rep on the same order: nothing', async () => {
    const wrapper = await mountStrip(roles['the production rep']);
    expect(wrapper.find('[data-testid="your-turn"]').exists()).toBe(false);
  });

  it('the order rep on the same order: nothing', async () => {
    const wrapper = await mountStrip(roles['the order rep']);
    expect(wrapper.find('[data-testid="your-turn"]').exists()).toBe(false);
  });

  it('purchasing with stock on hand: their own step, "Schedule stock", which the page runs', async () => {
    const wrapper = await mountStrip(roles.purchasing);
    expect(wrapper.get('[data-testid="your-turn-action"]').text()).toBe('Schedule stock');
    await wrapper.get('[data-testid="your-turn-action"]').trigger('click');
    expect(wrapper.emitted('act')![0]![0]).toMatchObject({ action: 'schedule', record: { id: 'so1' } });
  });

  it('an invoicing rep once nothing is ready: nothing', async () => {
    const wrapper = await mountStrip(can({ createInvoice: refused('INVALID_INPUT', 'Nothing is ready to invoice yet.'), schedule: NOT_SCHEDULING, createPurchaseOrders: NOT_BUYING }));
    expect(wrapper.find('[data-testid="your-turn"]').exists()).toBe(false);
  });

  it('holds no role table', () => {
    expectNoRoleLiterals(source, 'SalesOrderYourTurn');
    expectNoRoleLiterals(stripSource, 'YourTurnStrip');
  });
});
