// The sales order figures are defined once, in the views sales_order_line_figures and
// sales_order_figures (apps/api/src/migrations/Migration20261207100000_figures.ts). No SQL elsewhere in
// the API may derive them again: every string and template literal of apps/api/src (migrations
// aside: a view is (re)defined there) is scanned for the shapes such a derivation takes. Each of the
// copies that existed before the views is kept below and must be caught.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const API_SRC = path.resolve(import.meta.dirname, '../../../apps/api/src');
const DEFINITIONS = path.join(API_SRC, 'migrations');

/** What re-deriving a line or order figure looks like in SQL. */
const DERIVATIONS: [string, RegExp][] = [
  ['ordered or remaining (quantity − cancelled …)', /\bquantity\s*-\s*(\w+\.)?"?cancelled\b/i],
  ['arithmetic on a line counter (cancelled, invoiced, scheduled, received)', /\b(cancelled|invoiced|scheduled|received)"?\s*[-+*/]|[-+*/]\s*(\w+\.)?"?(cancelled|invoiced|scheduled|received)\b/i],
  ['least(…)/greatest(…) of line quantities (ready to invoice)', /\b(least|greatest)\s*\(/i],
  ['a case on inventoried (ready, shipped, scheduled, committed)', /\bcase\s+when\s+(\w+\.)?"?inventoried\b/i],
  ['tax from the order rate (rounding half up)', /tax_rate_basis_points"?\s*[-+*/]|[-+*/]\s*(\w+\.)?"?tax_rate_basis_points\b|\+\s*5000\b/i],
  ['flags over an order\'s lines (partly fulfilled, backordered)', /\bbool_(or|and)\s*\(/i],
  ['an order\'s invoiced sum (invoices grouped by sales order)', /\bfrom\s+"?invoice"?\s(?:(?!\bselect\b)[\s\S])*\bgroup\s+by\s+(\w+\.)?"?sales_order_id\b/i],
];

/**
 * Figures of other records that look alike, each named: a purchase order line's outstanding
 * quantity (onOrder, DOMAIN.md "Stock") is a PO figure, not a sales order line's.
 */
const NOT_LINE_FIGURES: RegExp[] = [
  /\bpl\.quantity\s*-\s*pl\.received\b/g,
  // The sign-in limiter gives a counted attempt back (modules/session/sign-in-limiter.ts).
  /\bgreatest\(attempts\s*-\s*1,\s*0\)/g,
];

/**
 * What is no SQL of a figure, though it may read like one: GraphQL descriptions (prose for the
 * schema) and @Check constraints (they bound the stored counters; they derive nothing).
 */
function notSql(node: ts.Node): boolean {
  if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'description') return true;
  return ts.isDecorator(node) && ts.isCallExpression(node.expression) && ts.isIdentifier(node.expression.expression) && node.expression.expression.text === 'Check';
}

/** The text of every string and template literal in a TypeScript source (`${…}` for substitutions). */
function literals(source: string, fileName = 'source.ts'): { text: string; line: number }[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: { text: string; line: number }[] = [];
  const visit = (node: ts.Node) => {
    if (notSql(node)) return;
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = node.head.text + node.templateSpans.map((s) => '${…}' + s.literal.text).join('');
    if (text !== undefined) found.push({ text, line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The derivations found in a TypeScript source: `line: what — the literal`. */
function derivationsIn(source: string, fileName?: string): string[] {
  return literals(source, fileName).flatMap(({ text, line }) => {
    const sql = NOT_LINE_FIGURES.reduce((s, allowed) => s.replace(allowed, ''), text);
    return DERIVATIONS.filter(([, pattern]) => pattern.test(sql)).map(([what]) => `${line}: ${what} — ${text.replace(/\s+/g, ' ').trim().slice(0, 160)}`);
  });
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return full === DEFINITIONS ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

// The copies the views replaced (as they stood before them), each one a derivation the guard must catch.
const FORMER_COPIES: Record<string, string> = {
  'reports/line-figures.sql.ts (OPEN_LINE_FIGURES)': `export const OPEN_LINE_FIGURES = \`
  select l.id, l.sales_order_id, l.product_id, l.position, l.unit_price_cents, l.invoiced, so.created_at as order_created_at,
         so.client_id,
         (l.quantity - l.cancelled) as ordered,
         (l.quantity - l.cancelled - l.invoiced) as remaining,
         l.received + case when l.inventoried then l.invoiced else 0 end as shipped,
         case when l.inventoried then l.scheduled
              else least(l.quantity - l.cancelled - l.invoiced, greatest(0, l.received - l.invoiced)) end as ready
  from sales_order_line l join sales_order so on so.id = l.sales_order_id
  where l.organization_id = ? and so.status not in ('INVOICED', 'CANCELLED')\`;`,
  'modules/product/product.loaders.ts (STOCK_FIGURE_COLUMNS, committed)': `export const STOCK_FIGURE_COLUMNS = \`
         coalesce((select sum(case when l.inventoried then l.quantity - l.cancelled - l.invoiced
                     else (l.quantity - l.cancelled - l.invoiced)
                          - least(l.quantity - l.cancelled - l.invoiced, greatest(0, l.received - l.invoiced)) end)
                   from sales_order_line l join sales_order so on so.id = l.sales_order_id
                   where l.product_id = p.id and so.status not in ('INVOICED', 'CANCELLED')), 0) as committed\`;`,
  'reports/invoices-report.sql.ts (REMAINING_CENTS_SQL)': `export const REMAINING_CENTS_SQL = \`(
  select coalesce(r.v + floor((r.v * so.tax_rate_basis_points + 5000) / 10000), 0)::bigint
  from (select sum((l.quantity - l.cancelled - l.invoiced)::bigint * l.unit_price_cents) as v
        from sales_order_line l where l.sales_order_id = so.id) r)\`;`,
  'reports/invoices-csv.ts (the CSV\'s remaining balance)': `const rowsSql = inline(
    \`select so.number, \${money('(i.total_cents - i.paid_cents)')}, \${money('coalesce(rem.v + floor((rem.v * so.tax_rate_basis_points + 5000) / 10000), 0)')}
     from \${INVOICES_FROM}
     left join (select l.sales_order_id, sum((l.quantity - l.cancelled - l.invoiced)::bigint * l.unit_price_cents) as v
                from sales_order_line l where l.organization_id = ? group by l.sales_order_id) rem on rem.sales_order_id = so.id
     where \${where.sql} order by \${INVOICES_ORDER}\`, []);`,
  'modules/sales-order/sales-order.loaders.ts (live invoice totals)': `const rows = await em.getConnection().execute(
      \`select sales_order_id as id, sum(total_cents) as total from invoice
       where sales_order_id in (?) and organization_id = ? and status <> 'VOID' group by sales_order_id\`, [ids, organizationId]);`,
  'modules/project/project.loaders.ts (x_invoiced)': `part('x_invoiced', \`select sales_order_id as id, sum(total_cents) as total from invoice
      where \${anyOf('sales_order_id', 'x_sales_order')} and organization_id = ? and status <> 'VOID' group by sales_order_id\`, [organizationId], 'id');`,
  'reports/reports.resolver.ts (businessAlerts: backordered orders)': `conn.execute(\`select
           (select count(*) from (with f as (\${OPEN_LINE_FIGURES}) select sales_order_id from f group by sales_order_id
              having bool_or(ready > 0 or invoiced > 0) and bool_or(remaining - ready > 0)) b) as backordered\`, []);`,
};

describe('the sales order figures are derived in one place (the views)', () => {
  it('no SQL in apps/api/src outside the migrations derives a line or order figure', () => {
    const files = sourceFiles(API_SRC);
    expect(files.length).toBeGreaterThan(50); // the scan sees the sources at all
    expect(files.some((f) => f.endsWith('invoices-csv.ts'))).toBe(true);
    const found = files.flatMap((f) => derivationsIn(fs.readFileSync(f, 'utf8'), f).map((d) => `${path.relative(API_SRC, f)}:${d}`));
    expect(found).toEqual([]);
  });

  it.each(Object.entries(FORMER_COPIES))('would have caught %s', (_where, source) => {
    expect(derivationsIn(source)).not.toEqual([]);
  });

  it('reads literals, not code: a figure computed by @baton/domain in TypeScript is no SQL copy', () => {
    expect(derivationsIn(`const remaining = l.quantity - l.cancelled - l.invoiced;`)).toEqual([]);
    expect(derivationsIn('const sql = `select quantity - cancelled from sales_order_line`;')).not.toEqual([]);
    expect(derivationsIn(`@Field(() => Int, { description: 'quantity - cancelled - invoiced' }) remaining!: number;`)).toEqual([]);
    expect(derivationsIn(`@Check({ expression: 'cancelled + invoiced + scheduled <= quantity' }) class Line {}`)).toEqual([]);
    expect(derivationsIn(`@Entity({ expression: 'select quantity - cancelled as ordered from sales_order_line' }) class Row {}`)).not.toEqual([]);
  });
});
