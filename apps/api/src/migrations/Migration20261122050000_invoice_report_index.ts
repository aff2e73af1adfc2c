import { Migration } from '@mikro-orm/migrations';

/** The invoices report's order (newest date, then number descending), per organization. */
export class Migration20261122050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "invoice_report_order_idx" on "invoice" ("organization_id", "invoice_date" desc, length("number") desc, "number" desc);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "invoice_report_order_idx";`);
  }
}
