import { Migration } from '@mikro-orm/migrations';

/**
 * A document shows its figures as of itself (DOMAIN.md): the order's invoiced and remaining amounts
 * right after the invoice was made or last edited while OPEN, and what was still to follow then.
 * Invoices made before this migration get them reconstructed as well as the data allows: invoiced
 * after = Σ totals of the order's live invoices made up to it; remaining after = what remains now
 * plus the totals of the live invoices made after it. What was still to follow is not known for
 * them (null: the PDF then lists nothing).
 */
export class Migration20261207110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "invoice" add column "order_invoiced_after_cents" bigint null, add column "order_remaining_after_cents" bigint null, add column "still_to_follow" jsonb null;`);
    this.addSql(`
      with running as (
        select i.id,
               sum(i.total_cents) over (partition by i.sales_order_id order by i.created_at, i.id rows between unbounded preceding and current row) as invoiced_after,
               coalesce(sum(i.total_cents) over (partition by i.sales_order_id order by i.created_at, i.id rows between 1 following and unbounded following), 0) as later,
               f.remaining_cents as remaining_now
        from invoice i join sales_order_figures f on f.sales_order_id = i.sales_order_id
        where i.status <> 'VOID'
      )
      update invoice i set order_invoiced_after_cents = r.invoiced_after, order_remaining_after_cents = r.remaining_now + r.later
      from running r where r.id = i.id;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "invoice" drop column "order_invoiced_after_cents", drop column "order_remaining_after_cents", drop column "still_to_follow";`);
  }
}
