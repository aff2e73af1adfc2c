/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a text cell that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return is read as a formula by Excel, LibreOffice and Google Sheets, so
 * a client named `=HYPERLINK(…)` would run in the accountant's spreadsheet. Every text cell of every
 * CSV Baton writes is neutralised the way OWASP recommends: a leading `'` (shown by no spreadsheet,
 * and the value otherwise intact). Money cells are numbers (`-12.50` must stay a number) and are
 * never passed through these.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell written from JavaScript (csv-stringify rows: headers, totals rows). */
export function csvText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * The same as a SQL expression, for rows PostgreSQL writes itself (COPY … TO STDOUT): every text
 * column of a COPY query goes through it. `expr` must be a column or a side-effect-free expression.
 */
export function csvTextSql(expr: string): string {
  return `(case when left(${expr}, 1) in ('=', '+', '-', '@', E'\\t', E'\\r') then '''' || ${expr} else ${expr} end)`;
}
