import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { PurchaseOrderDetailFragment } from '@/gql/graphql';
import { expectNoRoleLiterals } from '@/shared/testing/no-role-literals';
import { allowed, refused } from '@/shared/testing/permissions';
import PurchaseOrderYourTurn from './PurchaseOrderYourTurn.vue';
import source from './PurchaseOrderYourTurn.vue?raw';

type Props = InstanceType<typeof PurchaseOrderYourTurn>['$props']['purchaseOrder'];
const NOT_YOURS = refused('FORBIDDEN', 'Only production reps and purchasing move purchase orders through their stages.');

// PO-1001 of workflow A: confirmed, 200 tees outstanding; flagged or not.
function po(fields: Partial<Props> & { mayManage: boolean }): Props {
  const { mayManage, ...rest } = fields;
  const permission = mayManage ? allowed : NOT_YOURS;
  return {
    id: 'po1',
    number: 'PO-1001',
    stage: 'CONFIRMED',
    status: 'OK',
    nextStages: mayManage ? ['SHIPPED', 'READY_FOR_BILLING', 'SUBMITTED', 'CANCELLED'] : [],
    can: { __typename: 'PurchaseOrderCan', setStage: permission, setStatus: permission, receive: permission, cancel: permission },
    project: { __typename: 'Project', id: 'prj1', number: 'PRJ-1001', name: 'Trade show' },
    lines: [{ description: 'Classic tee', outstanding: 200 }],
    ...rest,
  } as Props & Pick<PurchaseOrderDetailFragment, 'can'>;
}

const step = (purchaseOrder: Props) => {
  const wrapper = mount(PurchaseOrderYourTurn, { props: { purchaseOrder } });
  return { wrapper, label: wrapper.find('[data-testid="your-turn-label"]'), action: wrapper.find('[data-testid="your-turn-action"]') };
};

describe('PurchaseOrderYourTurn: the viewer’s next step on a PO, per role and state', () => {
  it('the production rep on a PO flagged Problem: tag the reps (add a note)', async () => {
    const { wrapper, label, action } = step(po({ status: 'PROBLEM', mayManage: true }));
    expect(label.text()).toBe('PO-1001 flagged Problem: tag the reps');
    expect(action.text()).toBe('Add a note');
    await action.trigger('click');
    expect(wrapper.emitted('act')![0]![0]).toMatchObject({ action: 'addNote' });
  });

  it('the invoicing rep on the same flagged PO: nothing', () => {
    expect(step(po({ status: 'PROBLEM', mayManage: false })).wrapper.find('[data-testid="your-turn"]').exists()).toBe(false);
  });

  it('the production rep on a PO with goods outstanding: receive them', () => {
    const { label, action } = step(po({ mayManage: true }));
    expect(label.text()).toBe('200 × Classic tee outstanding on PO-1001');
    expect(action.text()).toBe('Receive');
  });

  it('everything received: the next stage forward, which the page confirms with the server’s dry run', async () => {
    const { wrapper, label, action } = step(po({ stage: 'SHIPPED', nextStages: ['READY_FOR_BILLING', 'BILLED', 'CONFIRMED'], lines: [{ description: 'Classic tee', outstanding: 0 }], mayManage: true }));
    expect(label.text()).toBe('PO-1001 is shipped');
    expect(action.text()).toBe('→ Ready for billing');
    await action.trigger('click');
    expect(wrapper.emitted('act')![0]![0]).toMatchObject({ action: 'setStage', stage: 'READY_FOR_BILLING' });
  });

  it('holds no role table', () => expectNoRoleLiterals(source, 'PurchaseOrderYourTurn'));
});
