import { Migration } from '@mikro-orm/migrations';

/**
 * Documents name who they are from and to (issue 16): a postal address on the organization and on
 * each client (the bill-to), the organization's remit-to details and invoice terms, a version on the
 * organization (its settings are edited with expectedVersion like every other record), and on each
 * invoice the parties as printed when it was issued (null for those made before: they print today's).
 */
export class Migration20261207190000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "organization" add column "address" jsonb null, add column "remit_to" varchar(500) null, add column "invoice_terms" varchar(1000) null, add column "version" int not null default 1;`,
    );
    this.addSql(`alter table "client" add column "billing_address" jsonb null;`);
    this.addSql(`alter table "invoice" add column "parties" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "invoice" drop column "parties";`);
    this.addSql(`alter table "client" drop column "billing_address";`);
    this.addSql(`alter table "organization" drop column "address", drop column "remit_to", drop column "invoice_terms", drop column "version";`);
  }
}
