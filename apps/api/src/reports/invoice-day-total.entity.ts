import { InvoiceKind, InvoiceStatus } from '@baton/domain';
import { Entity, Enum, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type Ref } from '@mikro-orm/core';
import { cents } from '../common/columns.js';
import { Organization } from '../common/organization.entity.js';

/**
 * The invoices report's rollup: one row per organization, invoice date, status and kind with the
 * count and money sums of those documents. Maintained only by the `invoice_day_total_apply` trigger
 * (Migration20261122060000, with kinds and the balance parts since Migration20261207090000), so it
 * changes in the same transaction as the document it sums, on every path (create, edit, send,
 * export, payment, refund, credit, void). Never written by the application; read by
 * invoices-report.ts for totals over filters that only name dates, statuses and kinds.
 */
@Entity()
export class InvoiceDayTotal {
  [PrimaryKeyProp]?: ['organization', 'invoiceDate', 'status', 'kind'];

  @ManyToOne({ entity: () => Organization, ref: true, primary: true, deleteRule: 'cascade', updateRule: 'cascade' })
  organization!: Ref<Organization>;

  @PrimaryKey({ type: 'date' })
  invoiceDate!: string;

  @Enum({ items: () => InvoiceStatus, primary: true })
  status!: InvoiceStatus;

  @Enum({ items: () => InvoiceKind, primary: true })
  kind!: InvoiceKind;

  @Property({ type: 'int' })
  invoices!: number;

  @Property({ type: cents() })
  subtotalCents!: number;

  @Property({ type: cents() })
  taxCents!: number;

  @Property({ type: cents() })
  totalCents!: number;

  @Property({ type: cents() })
  paidCents!: number;

  /** Σ balance: total − paid − deposit applied − credited + refunded (credit memos: 0). */
  @Property({ type: cents() })
  balanceCents!: number;
}
