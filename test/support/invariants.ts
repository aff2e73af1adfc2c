// The data invariants of DOMAIN.md and RELIABILITY.md as SQL: each check selects the rows that break
// it, so an empty result means the database is consistent. All checks run in one statement (one
// round trip), optionally restricted to one organization.
import type { TestApp } from './api-app.js';

export interface Violation {
  /** which invariant, e.g. "line_invoiced_equals_live_invoice_lines" */
  invariant: string;
  /** one offending row, as the check selected it */
  row: Record<string, unknown>;
}

/** `$1` is the organization to check, or null for every organization. */
const scope = (alias: string) => `($1::uuid is null or ${alias}.organization_id = $1::uuid)`;

/** Units on live standard invoices less what credit memos took back from them, per order line. */
const liveInvoiceQuantities = `
  select il.sales_order_line_id, sum(il.quantity - il.credited)::bigint as q
  from invoice_line il join invoice i on i.id = il.invoice_id
  where i.status <> 'VOID' and i.kind = 'STANDARD'
  group by il.sales_order_line_id`;

/** An invoice's balance (DOMAIN.md, "Money"), written out here rather than imported: the tests check the app's. */
const BALANCE = `(case when i.kind = 'CREDIT_MEMO' then 0 else i.total_cents - i.paid_cents - i.deposit_applied_cents - i.credited_cents + i.refunded_cents end)`;

/** Name → SQL selecting the offending rows. */
export const INVARIANTS: Record<string, string> = {
  // ── Sales order lines ──────────────────────────────────────────────────────────────────────
  line_invoiced_equals_live_invoice_lines: `
    select l.id as line_id, l.invoiced, coalesce(s.q, 0) as on_live_invoices
    from sales_order_line l left join (${liveInvoiceQuantities}) s on s.sales_order_line_id = l.id
    where ${scope('l')} and l.invoiced <> coalesce(s.q, 0)`,

  line_quantities_in_range: `
    select l.id as line_id, l.quantity, l.cancelled, l.invoiced, l.scheduled, l.received
    from sales_order_line l
    where ${scope('l')}
      and (l.quantity <= 0 or l.cancelled < 0 or l.invoiced < 0 or l.scheduled < 0 or l.received < 0
           or l.invoiced > l.quantity - l.cancelled)`,

  inventoried_line_scheduled_within_remaining: `
    select l.id as line_id, l.quantity, l.cancelled, l.invoiced, l.scheduled
    from sales_order_line l
    where ${scope('l')} and l.inventoried and l.scheduled > l.quantity - l.cancelled - l.invoiced`,

  drop_ship_line_holds_no_stock: `
    select l.id as line_id, l.scheduled
    from sales_order_line l
    where ${scope('l')} and not l.inventoried and l.scheduled <> 0`,

  drop_ship_line_received_equals_po_lines: `
    select l.id as line_id, l.received, coalesce(p.r, 0) as received_on_po_lines
    from sales_order_line l
    left join (select sales_order_line_id, sum(received)::bigint as r from purchase_order_line
               where sales_order_line_id is not null group by sales_order_line_id) p on p.sales_order_line_id = l.id
    where ${scope('l')} and not l.inventoried and l.received <> coalesce(p.r, 0)`,

  // ── Purchase order lines ───────────────────────────────────────────────────────────────────
  po_line_received_equals_receipts: `
    select pol.id as po_line_id, pol.quantity, pol.received, coalesce(r.q, 0) as on_receipts
    from purchase_order_line pol
    left join (select purchase_order_line_id, sum(quantity)::bigint as q from receipt_line group by purchase_order_line_id) r
      on r.purchase_order_line_id = pol.id
    where ${scope('pol')} and (pol.received <> coalesce(r.q, 0) or pol.received < 0 or pol.received > pol.quantity)`,

  // ── Invoices ───────────────────────────────────────────────────────────────────────────────
  invoice_line_total_is_quantity_times_price: `
    select il.id as invoice_line_id, il.quantity, il.unit_price_cents, il.total_cents
    from invoice_line il
    join invoice i on i.id = il.invoice_id
    where ${scope('il')} and (il.quantity <= 0
      or il.total_cents <> (case when i.kind = 'CREDIT_MEMO' then -1 else 1 end) * il.quantity::bigint * il.unit_price_cents)`,

  invoice_line_credited_within_quantity: `
    select il.id as invoice_line_id, il.quantity, il.credited, coalesce(c.q, 0) as on_credit_memos
    from invoice_line il
    left join (select cl.credited_line_id, sum(cl.quantity)::bigint as q from invoice_line cl where cl.credited_line_id is not null group by cl.credited_line_id) c
      on c.credited_line_id = il.id
    where ${scope('il')} and (il.credited < 0 or il.credited > il.quantity or il.credited <> coalesce(c.q, 0))`,

  invoice_line_is_of_the_invoiced_order: `
    select il.id as invoice_line_id, i.sales_order_id as invoice_order, l.sales_order_id as line_order
    from invoice_line il join invoice i on i.id = il.invoice_id join sales_order_line l on l.id = il.sales_order_line_id
    where ${scope('il')} and l.sales_order_id <> i.sales_order_id`,

  invoice_subtotal_equals_lines: `
    select i.id as invoice_id, i.number, i.subtotal_cents, coalesce(s.t, 0) as lines_total
    from invoice i left join (select invoice_id, sum(total_cents)::bigint as t from invoice_line group by invoice_id) s on s.invoice_id = i.id
    where ${scope('i')} and i.kind <> 'DEPOSIT' and i.subtotal_cents <> coalesce(s.t, 0)`,

  // Running-total tax (DOMAIN.md, "Money"): each document's tax is within a cent per document of its own
  // rounded tax, and a fully invoiced order's documents carry exactly its lines' rounded tax.
  document_tax_near_its_own: `
    select i.id as invoice_id, i.number, i.kind, i.taxable_subtotal_cents, so.tax_rate_basis_points, i.tax_cents
    from invoice i join sales_order so on so.id = i.sales_order_id
    where ${scope('i')} and i.kind <> 'DEPOSIT'
      and abs(i.tax_cents::numeric - round(i.taxable_subtotal_cents::numeric * so.tax_rate_basis_points / 10000))
          > (select count(*) from invoice o where o.sales_order_id = i.sales_order_id and o.kind <> 'DEPOSIT')`,

  deposit_has_no_tax: `
    select i.id as invoice_id, i.number, i.tax_cents from invoice i
    where ${scope('i')} and i.kind = 'DEPOSIT' and (i.tax_cents <> 0 or exists (select 1 from invoice_line il where il.invoice_id = i.id))`,

  locked_order_documents_equal_its_lines: `
    select so.id as sales_order_id, so.number, d.total as documents_total, f.subtotal_cents + f.tax_cents as lines_come_to
    from sales_order so
    join sales_order_figures f on f.sales_order_id = so.id
    join (select sales_order_id, sum(total_cents)::bigint as total from invoice where status <> 'VOID' and kind <> 'DEPOSIT' group by sales_order_id) d
      on d.sales_order_id = so.id
    where ${scope('so')} and so.locked
      and not exists (select 1 from invoice cm where cm.sales_order_id = so.id and cm.kind = 'CREDIT_MEMO')
      and d.total <> f.subtotal_cents + f.tax_cents`,

  invoice_total_is_subtotal_plus_tax: `
    select i.id as invoice_id, i.number, i.subtotal_cents, i.tax_cents, i.total_cents
    from invoice i
    where ${scope('i')} and i.total_cents <> i.subtotal_cents + i.tax_cents`,

  invoice_paid_within_total: `
    select i.id as invoice_id, i.number, i.paid_cents, i.total_cents
    from invoice i
    where ${scope('i')} and (i.paid_cents < 0 or (i.kind <> 'CREDIT_MEMO' and i.paid_cents > i.total_cents) or (i.kind = 'CREDIT_MEMO' and i.paid_cents <> 0))`,

  credit_memo_money_is_negative: `
    select i.id as invoice_id, i.number, i.subtotal_cents, i.tax_cents, i.total_cents
    from invoice i
    where ${scope('i')} and i.kind = 'CREDIT_MEMO' and (i.subtotal_cents > 0 or i.tax_cents > 0 or i.total_cents > 0 or i.credited_invoice_id is null)`,

  invoice_credited_equals_its_memos: `
    select i.id as invoice_id, i.number, i.credited_cents, coalesce(m.s, 0) as memos
    from invoice i left join (select credited_invoice_id, -sum(total_cents)::bigint as s from invoice where kind = 'CREDIT_MEMO' group by credited_invoice_id) m
      on m.credited_invoice_id = i.id
    where ${scope('i')} and i.credited_cents <> coalesce(m.s, 0)`,

  invoice_refunded_equals_refunds: `
    select i.id as invoice_id, i.number, i.refunded_cents, coalesce(r.s, 0) as refunds
    from invoice i left join (select invoice_id, sum(amount_cents)::bigint as s from refund group by invoice_id) r on r.invoice_id = i.id
    where ${scope('i')} and i.refunded_cents <> coalesce(r.s, 0)`,

  deposit_applied_within_deposit_paid: `
    select so.id as sales_order_id, so.number, a.applied, coalesce(p.paid, 0) as deposit_paid
    from sales_order so
    join (select sales_order_id, sum(deposit_applied_cents)::bigint as applied from invoice where kind = 'STANDARD' and status <> 'VOID' group by sales_order_id) a
      on a.sales_order_id = so.id
    left join (select sales_order_id, sum(paid_cents - refunded_cents)::bigint as paid from invoice where kind = 'DEPOSIT' group by sales_order_id) p
      on p.sales_order_id = so.id
    where ${scope('so')} and a.applied > coalesce(p.paid, 0)`,

  invoice_paid_equals_payments: `
    select i.id as invoice_id, i.number, i.paid_cents, coalesce(p.s, 0) as payments
    from invoice i left join (select invoice_id, sum(amount_cents)::bigint as s from payment group by invoice_id) p on p.invoice_id = i.id
    where ${scope('i')} and i.paid_cents <> coalesce(p.s, 0)`,

  invoice_paid_status_matches_balance: `
    select i.id as invoice_id, i.number, i.status, i.paid_cents, i.total_cents
    from invoice i
    where ${scope('i')} and i.kind <> 'CREDIT_MEMO'
      -- a deposit paid back stays PAID (DOMAIN.md: refunds never reopen a document)
      and ((i.status = 'PAID' and ${BALANCE} > 0 and not (i.kind = 'DEPOSIT' and i.refunded_cents > 0))
        or (i.status in ('SENT_TO_CLIENT', 'EXPORTED') and ${BALANCE} = 0))`,

  void_invoice_has_no_payment: `
    select i.id as invoice_id, i.number, i.paid_cents
    from invoice i
    where ${scope('i')} and i.status = 'VOID' and i.paid_cents <> 0`,

  live_invoice_has_a_line: `
    select i.id as invoice_id, i.number, i.status
    from invoice i
    where ${scope('i')} and i.status <> 'VOID' and i.kind <> 'DEPOSIT'
      and not exists (select 1 from invoice_line il where il.invoice_id = i.id and il.quantity > 0)`,

  // ── Stock ──────────────────────────────────────────────────────────────────────────────────
  product_on_hand_equals_ledger: `
    select p.id as product_id, p.sku, p.on_hand, coalesce(m.s, 0) as ledger
    from product p left join (select product_id, sum(quantity)::bigint as s from stock_movement group by product_id) m on m.product_id = p.id
    where ${scope('p')} and p.on_hand <> coalesce(m.s, 0)`,

  product_on_hand_not_negative: `
    select p.id as product_id, p.sku, p.on_hand from product p where ${scope('p')} and p.on_hand < 0`,

  product_on_hand_covers_scheduled: `
    select p.id as product_id, p.sku, p.on_hand, s.scheduled
    from product p join (select product_id, sum(scheduled)::bigint as scheduled from sales_order_line group by product_id) s on s.product_id = p.id
    where ${scope('p')} and p.on_hand < s.scheduled`,

  drop_ship_product_has_no_stock: `
    select p.id as product_id, p.sku, p.on_hand from product p where ${scope('p')} and not p.inventoried and p.on_hand <> 0`,

  // ── Numbers ────────────────────────────────────────────────────────────────────────────────
  document_numbers_unique: `
    select * from (
      select 'sales_order' as series, organization_id, number, count(*) as n from sales_order group by organization_id, number
      union all select 'purchase_order', organization_id, number, count(*) from purchase_order group by organization_id, number
      union all select 'invoice', organization_id, number, count(*) from invoice group by organization_id, number
      union all select 'project', organization_id, number, count(*) from project group by organization_id, number
    ) d where ${scope('d')} and d.n > 1`,

  document_number_format: `
    select * from (
      select 'sales_order' as series, organization_id, number from sales_order where number !~ '^SO-[0-9]+$'
      union all select 'purchase_order', organization_id, number from purchase_order where number !~ '^PO-[0-9]+$'
      union all select 'invoice', organization_id, number from invoice
        where number !~ (case kind when 'DEPOSIT' then '^DEP-[0-9]+$' when 'CREDIT_MEMO' then '^CM-[0-9]+$' else '^INV-[0-9]+$' end)
      union all select 'project', organization_id, number from project where number !~ '^PRJ-[0-9]+$'
    ) d where ${scope('d')}`,

  // ── Locking ────────────────────────────────────────────────────────────────────────────────
  locked_order_has_nothing_remaining: `
    select so.id as sales_order_id, so.number, so.status, l.id as line_id, l.quantity - l.cancelled - l.invoiced as remaining
    from sales_order so join sales_order_line l on l.sales_order_id = so.id
    where ${scope('so')} and so.locked and l.quantity - l.cancelled - l.invoiced > 0`,

  invoiced_order_is_locked: `
    select so.id as sales_order_id, so.number, so.status, so.locked
    from sales_order so where ${scope('so')} and so.status = 'INVOICED' and not so.locked`,

  locked_order_is_invoiced: `
    select so.id as sales_order_id, so.number, so.status, so.locked
    from sales_order so where ${scope('so')} and so.locked and so.status <> 'INVOICED'`,
};

const ALL = Object.entries(INVARIANTS)
  .map(([name, sql]) => `select '${name}'::text as invariant, to_jsonb(v) as row from (${sql}) v`)
  .join('\nunion all\n');

/**
 * Every invariant violation in the test database (of one organization when `organizationId` is
 * given): an empty list when the data is consistent.
 */
export async function checkInvariants(app: TestApp, organizationId: string | null = null): Promise<Violation[]> {
  return app.sql<{ invariant: string; row: Record<string, unknown> }>(`${ALL}\norder by 1`, [organizationId]);
}

/** The violations as readable text, for assertion messages. */
export function describeViolations(violations: Violation[]): string {
  return violations.map((v) => `${v.invariant}: ${JSON.stringify(v.row)}`).join('\n');
}

/**
 * A fingerprint of everything a business mutation may write in an organization: equal before and
 * after a refused mutation ("the first failing check answers; nothing is written").
 */
export const FINGERPRINT_SQL = `
  select md5(concat_ws('#',
    (select string_agg(t::text, '|' order by t.id) from sales_order t where t.organization_id = $1::uuid),
    (select string_agg(t::text, '|' order by t.id) from sales_order_line t where t.organization_id = $1::uuid),
    (select string_agg(t::text, '|' order by t.id) from purchase_order t where t.organization_id = $1::uuid),
    (select string_agg(t::text, '|' order by t.id) from purchase_order_line t where t.organization_id = $1::uuid),
    (select string_agg(t::text, '|' order by t.id) from invoice t where t.organization_id = $1::uuid),
    (select string_agg(t::text, '|' order by t.id) from invoice_line t where t.organization_id = $1::uuid),
    (select string_agg(t::text, '|' order by t.id) from product t where t.organization_id = $1::uuid),
    (select count(*)::text from stock_movement t where t.organization_id = $1::uuid),
    (select count(*)::text from payment t where t.organization_id = $1::uuid),
    (select count(*)::text from refund t where t.organization_id = $1::uuid),
    (select count(*)::text from receipt t where t.organization_id = $1::uuid),
    (select count(*)::text from number_series t where t.organization_id = $1::uuid),
    (select string_agg(t.last::text, ',' order by t.series) from number_series t where t.organization_id = $1::uuid),
    (select count(*)::text from activity_event t where t.organization_id = $1::uuid),
    (select string_agg(t::text, '|' order by t.id) from follow_up t where t.organization_id = $1::uuid)
  )) as fingerprint`;

/** The violations and the fingerprint of one organization, in one round trip. */
export async function checkOrganization(app: TestApp, organizationId: string): Promise<{ violations: Violation[]; fingerprint: string }> {
  const rows = await app.sql<{ invariant: string; row: Record<string, unknown> }>(
    `${ALL}\nunion all\nselect '__fingerprint', to_jsonb(f) from (${FINGERPRINT_SQL}) f\norder by 1`,
    [organizationId],
  );
  const fp = rows.find((r) => r.invariant === '__fingerprint');
  return { violations: rows.filter((r) => r.invariant !== '__fingerprint'), fingerprint: String(fp?.row.fingerprint ?? '') };
}
