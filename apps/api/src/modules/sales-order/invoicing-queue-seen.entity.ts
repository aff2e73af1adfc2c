import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { cents } from '../../common/columns.js';

/**
 * Each order's place in the invoicing queue as last announced (invoicing-queue.ts): whether it was
 * in the queue, its status and ready value, and every goods line's readyToInvoice. At the end of a
 * write the order's state now is compared with this row to tell whether the queue changed for it
 * (`invoicingQueueChanged`) and whether some line got newly ready units (READY_TO_INVOICE), then the
 * row is updated, in the same transaction. Written only by announceQueueChanges.
 */
@Entity()
export class InvoicingQueueSeen {
  @PrimaryKey({ type: 'uuid' })
  salesOrderId!: string;

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'text' })
  status!: string;

  @Property()
  inQueue!: boolean;

  @Property({ type: cents() })
  readyCents!: number;

  @Property({ type: 'jsonb' })
  lineReady!: Record<string, number>;
}
