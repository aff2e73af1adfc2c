import { Migration } from '@mikro-orm/migrations';

/**
 * The global search (modules/search/search.ts): trigram GIN indexes on the lower-cased numbers and
 * names it matches, so a number prefix ("so-10"), a serial ("%-1001%") and a name substring ("%acme%")
 * are all index scans instead of reading every record of the organization (PLANS.md, "Global search").
 */
export class Migration20261207200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists pg_trgm;');
    this.addSql('create index "project_number_search_idx" on "project" using gin (lower("number") gin_trgm_ops);');
    this.addSql('create index "project_name_search_idx" on "project" using gin (lower("name") gin_trgm_ops);');
    this.addSql('create index "client_name_search_idx" on "client" using gin (lower("name") gin_trgm_ops);');
    this.addSql('create index "sales_order_number_search_idx" on "sales_order" using gin (lower("number") gin_trgm_ops);');
    this.addSql('create index "purchase_order_number_search_idx" on "purchase_order" using gin (lower("number") gin_trgm_ops);');
    this.addSql('create index "invoice_number_search_idx" on "invoice" using gin (lower("number") gin_trgm_ops);');
  }

  override async down(): Promise<void> {
    for (const name of ['invoice_number', 'purchase_order_number', 'sales_order_number', 'client_name', 'project_name', 'project_number']) {
      this.addSql(`drop index if exists "${name}_search_idx";`);
    }
  }
}
