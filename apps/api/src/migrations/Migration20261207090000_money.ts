import { Migration } from '@mikro-orm/migrations';

/**
 * Money that adds up (issue 14): charge lines (kind, taxable, invoiceWith), products that may be
 * untaxed, deposits and credit memos as invoices of their own kind (DEP-, CM-), credits, refunds,
 * the deposit an invoice applies, and the counters the quantity rules read: what stocked goods
 * released to the client (released) and what credit memos wrote off (written_off).
 *
 * Existing data: stocked lines released what they invoiced, and every invoice line of a stocked
 * line on a live invoice released its quantity; every line and invoice was taxable. The invoices
 * report's rollup gains the kind in its key and the sum of balances; its trigger is replaced and its
 * rows summed again.
 */
export class Migration20261207090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "refund" ("id" uuid not null, "organization_id" uuid not null, "invoice_id" uuid not null, "amount_cents" bigint not null, "refunded_on" date not null, "reference" varchar(200) null, "actor_id" uuid null, "created_at" timestamptz not null, constraint "refund_pkey" primary key ("id"));`);
    this.addSql(`create index "refund_invoice_id_index" on "refund" ("invoice_id");`);
    this.addSql(`alter table "refund" add constraint "refund_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "refund" add constraint "refund_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade;`);
    this.addSql(`alter table "refund" add constraint "refund_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "invoice_day_total" drop constraint "invoice_day_total_pkey";`);
    this.addSql(`alter table "invoice_day_total" add column "kind" text check ("kind" in ('STANDARD', 'DEPOSIT', 'CREDIT_MEMO')) not null default 'STANDARD', add column "balance_cents" bigint not null default 0;`);
    this.addSql(`alter table "invoice_day_total" alter column "kind" drop default, alter column "balance_cents" drop default;`);
    this.addSql(`alter table "invoice_day_total" add constraint "invoice_day_total_pkey" primary key ("organization_id", "invoice_date", "status", "kind");`);
    this.addSql(`alter table "product" add column "taxable" boolean not null default true;`);
    this.addSql(`alter table "sales_order_line" drop constraint sales_order_line_quantities_check;`);
    this.addSql(`alter table "sales_order_line" add column "kind" text check ("kind" in ('GOODS', 'FREIGHT', 'SETUP', 'SERVICE')) not null default 'GOODS', add column "taxable" boolean not null default true, add column "invoice_with" text check ("invoice_with" in ('FIRST_INVOICE', 'LAST_INVOICE')) null, add column "released" int not null default 0, add column "written_off" int not null default 0;`);
    this.addSql(`alter table "sales_order_line" add constraint sales_order_line_quantities_check check(quantity > 0 and cancelled >= 0 and invoiced >= 0 and scheduled >= 0 and received >= 0 and released >= 0 and written_off >= 0 and cancelled + invoiced + scheduled <= quantity);`);
    this.addSql(`alter table "invoice" drop constraint invoice_amounts_check;`);
    this.addSql(`alter table "invoice" add column "kind" text check ("kind" in ('STANDARD', 'DEPOSIT', 'CREDIT_MEMO')) not null default 'STANDARD', add column "credited_invoice_id" uuid null, add column "reason" varchar(500) null, add column "taxable_subtotal_cents" bigint not null default 0, add column "deposit_applied_cents" bigint not null default 0, add column "deposit_applied_named" boolean not null default false, add column "credited_cents" bigint not null default 0, add column "credited_taxable_cents" bigint not null default 0, add column "credited_tax_cents" bigint not null default 0, add column "refunded_cents" bigint not null default 0;`);
    this.addSql(`alter table "invoice" add constraint "invoice_credited_invoice_id_foreign" foreign key ("credited_invoice_id") references "invoice" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "invoice_credited_invoice_id_index" on "invoice" ("credited_invoice_id");`);
    this.addSql(`alter table "invoice" add constraint invoice_amounts_check check(paid_cents >= 0 and refunded_cents >= 0 and deposit_applied_cents >= 0 and total_cents = subtotal_cents + tax_cents and (kind = 'CREDIT_MEMO' or paid_cents <= total_cents));`);
    this.addSql(`alter table "invoice_line" add column "taxable" boolean not null default true, add column "credited" int not null default 0, add column "released" int not null default 0, add column "credited_line_id" uuid null;`);
    this.addSql(`alter table "invoice_line" add constraint "invoice_line_credited_line_id_foreign" foreign key ("credited_line_id") references "invoice_line" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "invoice_line_credited_line_id_index" on "invoice_line" ("credited_line_id");`);
    this.addSql(`update "sales_order_line" set "released" = "invoiced" where "inventoried";`);
    this.addSql(`update "invoice_line" il set "released" = il."quantity"
      from "sales_order_line" l, "invoice" i
      where l."id" = il."sales_order_line_id" and i."id" = il."invoice_id" and l."inventoried" and i."status" <> 'VOID';`);
    this.addSql(`update "invoice" set "taxable_subtotal_cents" = "subtotal_cents";`);
    this.addSql(`create or replace function invoice_day_total_apply() returns trigger language plpgsql as $$
declare
  old_balance bigint;
  new_balance bigint;
begin
  if tg_op in ('UPDATE', 'DELETE') then
    old_balance := case when old.kind = 'CREDIT_MEMO' then 0 else old.total_cents - old.paid_cents - old.deposit_applied_cents - old.credited_cents + old.refunded_cents end;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    new_balance := case when new.kind = 'CREDIT_MEMO' then 0 else new.total_cents - new.paid_cents - new.deposit_applied_cents - new.credited_cents + new.refunded_cents end;
  end if;
  if tg_op = 'UPDATE' and (old.organization_id, old.invoice_date, old.status, old.kind) = (new.organization_id, new.invoice_date, new.status, new.kind) then
    if (old.subtotal_cents, old.tax_cents, old.total_cents, old.paid_cents, old_balance) <> (new.subtotal_cents, new.tax_cents, new.total_cents, new.paid_cents, new_balance) then
      update invoice_day_total
         set subtotal_cents = subtotal_cents + new.subtotal_cents - old.subtotal_cents, tax_cents = tax_cents + new.tax_cents - old.tax_cents,
             total_cents = total_cents + new.total_cents - old.total_cents, paid_cents = paid_cents + new.paid_cents - old.paid_cents,
             balance_cents = balance_cents + new_balance - old_balance
       where organization_id = new.organization_id and invoice_date = new.invoice_date and status = new.status and kind = new.kind;
    end if;
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    update invoice_day_total
       set invoices = invoices - 1, subtotal_cents = subtotal_cents - old.subtotal_cents, tax_cents = tax_cents - old.tax_cents,
           total_cents = total_cents - old.total_cents, paid_cents = paid_cents - old.paid_cents, balance_cents = balance_cents - old_balance
     where organization_id = old.organization_id and invoice_date = old.invoice_date and status = old.status and kind = old.kind;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into invoice_day_total as t (organization_id, invoice_date, status, kind, invoices, subtotal_cents, tax_cents, total_cents, paid_cents, balance_cents)
    values (new.organization_id, new.invoice_date, new.status, new.kind, 1, new.subtotal_cents, new.tax_cents, new.total_cents, new.paid_cents, new_balance)
    on conflict (organization_id, invoice_date, status, kind) do update
       set invoices = t.invoices + 1, subtotal_cents = t.subtotal_cents + excluded.subtotal_cents, tax_cents = t.tax_cents + excluded.tax_cents,
           total_cents = t.total_cents + excluded.total_cents, paid_cents = t.paid_cents + excluded.paid_cents, balance_cents = t.balance_cents + excluded.balance_cents;
  end if;
  return null;
end $$;`);
    this.addSql(`delete from "invoice_day_total";`);
    this.addSql(`insert into "invoice_day_total" (organization_id, invoice_date, status, kind, invoices, subtotal_cents, tax_cents, total_cents, paid_cents, balance_cents)
      select organization_id, invoice_date, status, kind, count(*), sum(subtotal_cents), sum(tax_cents), sum(total_cents), sum(paid_cents),
             sum(case when kind = 'CREDIT_MEMO' then 0 else total_cents - paid_cents - deposit_applied_cents - credited_cents + refunded_cents end)
      from "invoice" group by organization_id, invoice_date, status, kind;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "refund" cascade;`);

    this.addSql(`alter table "invoice" drop constraint "invoice_credited_invoice_id_foreign";`);

    this.addSql(`alter table "invoice_line" drop constraint "invoice_line_credited_line_id_foreign";`);

    this.addSql(`drop index "invoice_credited_invoice_id_index";`);
    this.addSql(`alter table "invoice" drop constraint invoice_amounts_check;`);
    this.addSql(`alter table "invoice" drop column "kind", drop column "credited_invoice_id", drop column "reason", drop column "taxable_subtotal_cents", drop column "deposit_applied_cents", drop column "deposit_applied_named", drop column "credited_cents", drop column "credited_taxable_cents", drop column "credited_tax_cents", drop column "refunded_cents";`);

    this.addSql(`alter table "invoice" add constraint invoice_amounts_check check((paid_cents >= 0) AND (paid_cents <= total_cents) AND (total_cents = (subtotal_cents + tax_cents)));`);

    this.addSql(`alter table "invoice_day_total" drop constraint "invoice_day_total_pkey";`);
    this.addSql(`alter table "invoice_day_total" drop column "kind", drop column "balance_cents";`);

    this.addSql(`alter table "invoice_day_total" add constraint "invoice_day_total_pkey" primary key ("organization_id", "invoice_date", "status");`);

    this.addSql(`drop index "invoice_line_credited_line_id_index";`);
    this.addSql(`alter table "invoice_line" drop column "taxable", drop column "credited", drop column "released", drop column "credited_line_id";`);

    this.addSql(`alter table "product" drop column "taxable";`);

    this.addSql(`alter table "sales_order_line" drop constraint sales_order_line_quantities_check;`);
    this.addSql(`alter table "sales_order_line" drop column "kind", drop column "taxable", drop column "invoice_with", drop column "released", drop column "written_off";`);

    this.addSql(`alter table "sales_order_line" add constraint sales_order_line_quantities_check check((quantity > 0) AND (cancelled >= 0) AND (invoiced >= 0) AND (scheduled >= 0) AND (received >= 0) AND (((cancelled + invoiced) + scheduled) <= quantity));`);
  }
}
