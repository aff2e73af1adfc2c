// Every message a person reads is written in the users' words (issue 16, "One vocabulary"): no enum
// name (OPEN_TO, IN_PRODUCTION, PROBLEM…), no "cents" or "basis points", no backticked identifier,
// and no raw status, stage, kind, role, amount in cents or ISO date pasted into the sentence — those go
// through the label maps of packages/domain/src/words.ts, formatMoney and formatDate.
// The texts are found by where they go: a refusal (userError), an error (badUserInput, forbidden,
// GraphQLError, BadDownloadParameter), an activity or notification `message:`, an e-mail's
// `subject:`/`text:`, or a domain function whose name ends in Message. The API's workflow test
// (test/api/workflow/words.test.ts) reads the messages a real run stores.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  CHARGE_TIMING_LABEL,
  INVOICE_KIND_LABEL,
  INVOICE_STATUS_LABEL,
  LINE_KIND_LABEL,
  PURCHASE_ORDER_STAGE_LABEL,
  PURCHASE_ORDER_STATUS_LABEL,
  ROLE_LABEL,
  SALES_ORDER_STATUS_LABEL,
} from '../../packages/domain/src/words.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Every enum value people must never read, from the label maps themselves ("OK" reads as itself). */
const ENUM_NAMES = [
  ...new Set(
    [SALES_ORDER_STATUS_LABEL, PURCHASE_ORDER_STAGE_LABEL, PURCHASE_ORDER_STATUS_LABEL, INVOICE_STATUS_LABEL, INVOICE_KIND_LABEL, LINE_KIND_LABEL, CHARGE_TIMING_LABEL, ROLE_LABEL].flatMap(
      (labels) => Object.entries(labels).filter(([value, label]) => value !== label).map(([value]) => value),
    ),
  ),
];

/** What a person must not read in a message, with why. */
export function internalWords(text: string): string[] {
  const found: string[] = [];
  const token = /\b[A-Z]{2,}(?:_[A-Z]+)+\b/.exec(text);
  if (token) found.push(`enum name ${token[0]}`);
  for (const name of ENUM_NAMES) if (new RegExp(`\\b${name}\\b`).test(text)) found.push(`enum name ${name}`);
  if (/\bcents?\b/i.test(text)) found.push('"cents"');
  if (/basis points?/i.test(text)) found.push('"basis points"');
  if (text.includes('`')) found.push('a backtick');
  if (/\b\d{4}-\d{2}-\d{2}\b/.test(text)) found.push('an ISO date');
  return [...new Set(found)];
}

/** A value pasted raw into a sentence: a status, stage, kind, role, amount in cents or calendar date. */
const RAW_VALUE = /^(status|stage|kind|role|roles|from|to|.*Cents|.*Date|dueOn|date)$/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return ['node_modules', 'dist', 'migrations'].includes(e.name) ? [] : sources(full);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [full] : [];
  });
}

const MESSAGE_CALLS = new Set(['userError', 'badUserInput', 'forbidden', 'GraphQLError', 'BadDownloadParameter']);
const MESSAGE_PROPERTIES = new Set(['message', 'subject', 'text']);

function calleeName(node: ts.CallExpression | ts.NewExpression): string | undefined {
  const e = node.expression;
  return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
}

/** The texts a message expression is made of, and the raw values pasted into it. */
function partsOf(node: ts.Expression, texts: string[], raw: string[]): void {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts.push(node.text);
  else if (ts.isTemplateExpression(node)) {
    texts.push(node.head.text);
    for (const span of node.templateSpans) {
      texts.push(span.literal.text);
      const e = span.expression;
      const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
      if (name && RAW_VALUE.test(name)) raw.push(e.getText());
      else partsOf(e, texts, raw);
    }
  } else if (ts.isConditionalExpression(node)) {
    partsOf(node.whenTrue, texts, raw);
    partsOf(node.whenFalse, texts, raw);
  } else if (ts.isParenthesizedExpression(node)) partsOf(node.expression, texts, raw);
  else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    partsOf(node.left, texts, raw);
    partsOf(node.right, texts, raw);
  } else if (ts.isArrayLiteralExpression(node)) node.elements.forEach((e) => partsOf(e as ts.Expression, texts, raw));
  else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'join') partsOf(node.expression.expression, texts, raw);
}

interface Finding {
  where: string;
  problems: string[];
}

/** Every message template of the files under `dir`, with what is wrong in it. */
function findings(dir: string): { checked: number; wrong: Finding[] } {
  let checked = 0;
  const wrong: Finding[] = [];
  for (const file of sources(path.join(ROOT, dir))) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const check = (expr: ts.Expression | undefined) => {
      if (!expr) return;
      const texts: string[] = [];
      const raw: string[] = [];
      partsOf(expr, texts, raw);
      if (texts.length === 0 && raw.length === 0) return;
      checked++;
      const problems = [...internalWords(texts.join(' ')), ...raw.map((r) => `raw value \${${r}}`)];
      if (problems.length) {
        const { line } = source.getLineAndCharacterOfPosition(expr.getStart());
        wrong.push({ where: `${path.relative(ROOT, file)}:${line + 1}`, problems });
      }
    };
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const name = calleeName(node);
        if (name && MESSAGE_CALLS.has(name)) check(node.arguments?.[name === 'userError' ? 1 : 0]);
      } else if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && MESSAGE_PROPERTIES.has(node.name.text)) {
        check(node.initializer);
      } else if (ts.isFunctionDeclaration(node) && node.name && /Message$/.test(node.name.text) && node.body) {
        for (const s of node.body.statements) if (ts.isReturnStatement(s)) check(s.expression);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { checked, wrong };
}

describe('messages people read are in their words', () => {
  it('the checks catch what they must', () => {
    expect(internalWords('SO-1001 moved from OPEN to IN_PRODUCTION')).toEqual(['enum name IN_PRODUCTION', 'enum name OPEN']);
    expect(internalWords('flagged PO-1001 PROBLEM')).toEqual(['enum name PROBLEM']);
    expect(internalWords('The balance is 649500 cents')).toEqual(['"cents"']);
    expect(internalWords('`from` is after `to`.')).toEqual(['a backtick']);
    expect(internalWords('The tax rate is 0 to 10000 basis points')).toEqual(['"basis points"']);
    expect(internalWords('INV-1001 edited: due 2026-12-07')).toEqual(['an ISO date']);
    expect(internalWords('SO-1001 moved from Open to In production; PO-1001 flagged OK; 1 SKU')).toEqual([]);
  });

  it('in packages/domain: refusals, activity messages and notification texts', () => {
    const { checked, wrong } = findings('packages/domain/src');
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });

  it('in apps/api: errors, activity and notification messages, e-mails', () => {
    const { checked, wrong } = findings('apps/api/src');
    expect(wrong).toEqual([]);
    // Activity and notification texts moved to packages/domain/src/messages.ts (worded from stored
    // parameters, issue 16), where the test above reads them; the API keeps its errors and e-mails.
    expect(checked).toBeGreaterThan(30);
  });
});
