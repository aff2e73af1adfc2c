import { Migration } from '@mikro-orm/migrations';

/**
 * One client's invoices in report order (newest date, then number, longer numbers first): the
 * report page and its CSV filtered by client read 51 rows by this index and stop, where the
 * client-only index made them fetch and sort every invoice of the client (PLANS.md).
 */
export class Migration20261207170000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "invoice_client_report_order_idx" on "invoice" ("organization_id", "client_id", "invoice_date" desc, length("number") desc, "number" desc);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "invoice_client_report_order_idx";`);
  }
}
