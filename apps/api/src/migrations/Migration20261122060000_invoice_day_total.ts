import { Migration } from '@mikro-orm/migrations';

/**
 * The invoices report's rollup (reports/invoice-day-total.entity.ts): per organization, invoice
 * date and status, the count and sums of the invoices. A row trigger on `invoice` keeps it exact in
 * the same transaction as every insert, update or delete of an invoice; existing invoices are summed
 * once here. Rows that fall to zero stay (harmless, and it spares a delete racing an insert).
 */
export class Migration20261122060000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "invoice_day_total" ("organization_id" uuid not null, "invoice_date" date not null, "status" text check ("status" in ('OPEN', 'SENT_TO_CLIENT', 'EXPORTED', 'PAID', 'VOID')) not null, "invoices" int not null, "subtotal_cents" bigint not null, "tax_cents" bigint not null, "total_cents" bigint not null, "paid_cents" bigint not null, constraint "invoice_day_total_pkey" primary key ("organization_id", "invoice_date", "status"));`);
    this.addSql(`alter table "invoice_day_total" add constraint "invoice_day_total_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`create function invoice_day_total_apply() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and (old.organization_id, old.invoice_date, old.status) = (new.organization_id, new.invoice_date, new.status) then
    if (old.subtotal_cents, old.tax_cents, old.total_cents, old.paid_cents) <> (new.subtotal_cents, new.tax_cents, new.total_cents, new.paid_cents) then
      update invoice_day_total
         set subtotal_cents = subtotal_cents + new.subtotal_cents - old.subtotal_cents, tax_cents = tax_cents + new.tax_cents - old.tax_cents,
             total_cents = total_cents + new.total_cents - old.total_cents, paid_cents = paid_cents + new.paid_cents - old.paid_cents
       where organization_id = new.organization_id and invoice_date = new.invoice_date and status = new.status;
    end if;
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    update invoice_day_total
       set invoices = invoices - 1, subtotal_cents = subtotal_cents - old.subtotal_cents, tax_cents = tax_cents - old.tax_cents,
           total_cents = total_cents - old.total_cents, paid_cents = paid_cents - old.paid_cents
     where organization_id = old.organization_id and invoice_date = old.invoice_date and status = old.status;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into invoice_day_total as t (organization_id, invoice_date, status, invoices, subtotal_cents, tax_cents, total_cents, paid_cents)
    values (new.organization_id, new.invoice_date, new.status, 1, new.subtotal_cents, new.tax_cents, new.total_cents, new.paid_cents)
    on conflict (organization_id, invoice_date, status) do update
       set invoices = t.invoices + 1, subtotal_cents = t.subtotal_cents + excluded.subtotal_cents, tax_cents = t.tax_cents + excluded.tax_cents,
           total_cents = t.total_cents + excluded.total_cents, paid_cents = t.paid_cents + excluded.paid_cents;
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger invoice_day_total_trg after insert or update or delete on "invoice" for each row execute function invoice_day_total_apply();`);
    this.addSql(`insert into "invoice_day_total" (organization_id, invoice_date, status, invoices, subtotal_cents, tax_cents, total_cents, paid_cents)
      select organization_id, invoice_date, status, count(*), sum(subtotal_cents), sum(tax_cents), sum(total_cents), sum(paid_cents)
      from "invoice" group by organization_id, invoice_date, status;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists invoice_day_total_trg on "invoice";`);
    this.addSql(`drop function if exists invoice_day_total_apply();`);
    this.addSql(`drop table if exists "invoice_day_total" cascade;`);
  }
}
