/**
 * Every sales order line of open orders with its derived quantities, in SQL, exactly as
 * @baton/domain's lineQuantities computes them (the reports must equal the records' own screens).
 * Parameters: organization id.
 */
export const OPEN_LINE_FIGURES = `
  select l.id, l.sales_order_id, l.product_id, l.position, l.unit_price_cents, l.invoiced, so.created_at as order_created_at,
         so.client_id,
         (l.quantity - l.cancelled) as ordered,
         (l.quantity - l.cancelled - l.invoiced) as remaining,
         l.received + case when l.inventoried then l.invoiced else 0 end as shipped,
         case when l.inventoried then l.scheduled
              else least(l.quantity - l.cancelled - l.invoiced, greatest(0, l.received - l.invoiced)) end as ready
  from sales_order_line l join sales_order so on so.id = l.sales_order_id
  where l.organization_id = ? and so.status not in ('INVOICED', 'CANCELLED')`;
