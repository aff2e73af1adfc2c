/**
 * The invoice as a PDF (Letter, built-in Helvetica only: no font files, no network, no database).
 * The caller loads the data; this module only lays it out. Money stays integer cents until it is
 * printed, and is printed by the domain's formatMoney ("$4,059.38", from the exact decimal text, so no
 * floating point touches it; DOMAIN.md, "Money"); dates and statuses read as on screen ("Dec 7, 2026").
 */
import { addressLines, formatDate, formatMoney as moneyText, INVOICE_STATUS_LABEL, type InvoiceStatus, type PostalAddress } from '@baton/domain';
import PDFDocument from 'pdfkit';

export interface InvoicePdfData {
  /**
   * Who the document is from: its address under the name; `remitTo` (where and how to pay) under the
   * remit-to sentence, else the address; `terms` (late fees, returns) under it. Credit memos print
   * neither: they are settled against the invoice they credit.
   */
  organization: { name: string; currency: string; address?: PostalAddress | null; remitTo?: string | null; terms?: string | null };
  /** Bill to: the name, the address, the invoice e-mail. */
  client: { name: string; email?: string | null; address?: PostalAddress | null };
  invoice: {
    number: string;
    status: string;
    invoiceDate: string;
    dueDate: string;
    subtotalCents: number;
    taxCents: number;
    totalCents: number;
    paidCents: number;
    balanceCents: number;
    voidReason?: string | null;
    /** STANDARD (default), DEPOSIT or CREDIT_MEMO: the title and the totals follow it. */
    kind?: 'STANDARD' | 'DEPOSIT' | 'CREDIT_MEMO';
    depositAppliedCents?: number;
    creditedCents?: number;
    refundedCents?: number;
    /** Credit memos: the invoice credited, and why. */
    creditedInvoiceNumber?: string | null;
    reason?: string | null;
  };
  /**
   * The order as it stood right after this invoice was made (or last edited while OPEN): never today's
   * figures (DOMAIN.md, "A document shows its figures as of itself"). Null figures: not known (a
   * void invoice), and the box is left out.
   */
  salesOrder: { number: string; taxRateBasisPoints: number; invoicedAfterCents: number | null; remainingAfterCents: number | null };
  /** What was still to follow then: remaining units per order line (backordered ones wait for goods). */
  stillToFollow?: { description: string; remaining: number; backordered: number }[] | null;
  project: { number: string; name: string };
  lines: { description: string; quantity: number; unitPriceCents: number; totalCents: number }[];
}

/** "$4,059.38" from 405938 in USD: the screens' format (the domain's formatMoney), in the PDF's letters. */
export function formatMoney(cents: number, currency: string): string {
  return pdfText(moneyText(cents, currency));
}

/** The payment terms an invoice was given, from its dates: "Net 30", or "Due on receipt". */
export function paymentTerms(invoiceDate: string, dueDate: string): string {
  const days = Math.round((Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${invoiceDate}T00:00:00Z`)) / 86_400_000);
  return Number.isFinite(days) && days > 0 ? `Net ${days}` : 'Due on receipt';
}

/** Basis points as a percent without floating point: 825 → "8.25%", 850 → "8.5%", 800 → "8%". */
export function formatTaxRate(basisPoints: number): string {
  const sign = basisPoints < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(basisPoints));
  const fraction = String(abs % 100).padStart(2, '0').replace(/0+$/, '');
  return `${sign}${Math.trunc(abs / 100)}${fraction ? `.${fraction}` : ''}%`;
}

/** The document's name, as its title and in running text. */
const TITLES = { STANDARD: ['INVOICE', 'Invoice'], DEPOSIT: ['DEPOSIT INVOICE', 'Deposit invoice'], CREDIT_MEMO: ['CREDIT MEMO', 'Credit memo'] } as const;

/** "Credit memo CM-1001". */
function nameOf(data: InvoicePdfData): string {
  return `${TITLES[data.invoice.kind ?? 'STANDARD'][1]} ${pdfText(data.invoice.number)}`;
}


// Letter, in points.
const PAGE_WIDTH = 612;
const PAGE_HEIGHT = 792;
const MARGIN_X = 54;
const MARGIN_TOP = 50;
const MARGIN_BOTTOM = 64;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const RIGHT = MARGIN_X + CONTENT_WIDTH;
/** Nothing but the footer goes below this. */
const CONTENT_BOTTOM = PAGE_HEIGHT - MARGIN_BOTTOM;
const FOOTER_Y = PAGE_HEIGHT - 44;

const INK = '#1f2933';
const MUTED = '#6b7280';
const ACCENT = '#1e3a5f';
const RULE = '#d9dee5';
const HEADER_FILL = '#e8edf3';
const ZEBRA_FILL = '#f7f9fb';
const BOX_FILL = '#f1f5fa';
const VOID_RED = '#b42318';
const VOID_FILL = '#fdf0ef';

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

const CELL_PAD_X = 8;
const COL_GAP = 10;
const QTY_WIDTH = 44;
const UNIT_WIDTH = 96;
const AMOUNT_WIDTH = 104;
const AMOUNT_X = RIGHT - CELL_PAD_X - AMOUNT_WIDTH;
const UNIT_X = AMOUNT_X - COL_GAP - UNIT_WIDTH;
const QTY_X = UNIT_X - COL_GAP - QTY_WIDTH;
const DESC_X = MARGIN_X + CELL_PAD_X;
const DESC_WIDTH = QTY_X - COL_GAP - DESC_X;
const ROW_PAD_Y = 5;
const TABLE_HEADER_HEIGHT = 20;
const BODY_SIZE = 9;

type Doc = PDFKit.PDFDocument;
type Align = 'left' | 'right' | 'center';

/** Renders the invoice; resolves with the whole PDF file. */
export function renderInvoicePdf(data: InvoicePdfData): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const currency = pdfText(data.organization.currency);
    const invoiceNumber = pdfText(data.invoice.number);
    const name = TITLES[data.invoice.kind ?? 'STANDARD'][1];
    const doc = new PDFDocument({
      size: 'LETTER',
      margins: { top: MARGIN_TOP, bottom: MARGIN_BOTTOM, left: MARGIN_X, right: MARGIN_X },
      bufferPages: true,
      lang: 'en-US',
      displayTitle: true,
      info: {
        Title: `${name} ${invoiceNumber}`,
        Author: pdfText(data.organization.name),
        Subject: `${name} ${invoiceNumber} to ${pdfText(data.client.name)}`,
        Creator: 'Baton',
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw(doc, data, currency);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

function draw(doc: Doc, data: InvoicePdfData, currency: string): void {
  const money = (cents: number) => formatMoney(cents, currency);
  const invoiceNumber = pdfText(data.invoice.number);
  const orgName = pdfText(data.organization.name);
  const isVoid = data.invoice.status === 'VOID';

  const [title, name] = TITLES[data.invoice.kind ?? 'STANDARD'];
  const documentName = `${name} ${invoiceNumber}`;
  let y = drawHeader(doc, orgName, addressLines(data.organization.address).map((l) => pdfText(l)), invoiceNumber, title);
  if (isVoid) y = drawVoidBanner(doc, y, data.invoice.voidReason, name.toLowerCase());
  y = drawDetails(doc, y, data);
  y = drawLines(doc, y, data, money, orgName, documentName);
  y = drawTotals(doc, y, data, money);
  if ((data.invoice.kind ?? 'STANDARD') !== 'CREDIT_MEMO') y = drawRemitTo(doc, y, data, orgName, documentName);
  if (data.salesOrder.invoicedAfterCents !== null && data.salesOrder.remainingAfterCents !== null) {
    y = drawSalesOrderBox(doc, y, data, data.salesOrder.invoicedAfterCents, data.salesOrder.remainingAfterCents, money);
  }
  if (data.stillToFollow?.length) drawStillToFollow(doc, y, data, data.stillToFollow);
  drawPageDecorations(doc, orgName, documentName, isVoid);
}

function drawHeader(doc: Doc, orgName: string, orgAddress: readonly string[], invoiceNumber: string, title: string): number {
  const top = MARGIN_TOP;
  const titleWidth = 200;
  const orgWidth = CONTENT_WIDTH - titleWidth - 20;

  doc.font(BOLD).fontSize(18).fillColor(ACCENT);
  let orgHeight = Math.min(doc.heightOfString(orgName, { width: orgWidth }), doc.currentLineHeight(true) * 2);
  doc.text(orgName, MARGIN_X, top, { width: orgWidth, height: orgHeight, ellipsis: true });
  // The organization's address under its name: where the document comes from.
  orgHeight += 4;
  for (const addressLine of orgAddress) {
    line(doc, addressLine, MARGIN_X, top + orgHeight, { font: REGULAR, size: BODY_SIZE, color: MUTED, maxWidth: orgWidth });
    orgHeight += 12;
  }

  line(doc, title, RIGHT, top - 2, { font: BOLD, size: 24, color: ACCENT, align: 'right', maxWidth: titleWidth, characterSpacing: 1.5 });
  line(doc, invoiceNumber, RIGHT, top + 28, { font: BOLD, size: 12, color: INK, align: 'right', maxWidth: titleWidth });

  const bottom = Math.max(top + orgHeight, top + 44) + 10;
  doc.moveTo(MARGIN_X, bottom).lineTo(RIGHT, bottom).lineWidth(1.5).strokeColor(ACCENT).stroke();
  return bottom + 16;
}

function drawVoidBanner(doc: Doc, y: number, reason: string | null | undefined, name: string): number {
  const textX = MARGIN_X + 84;
  const textWidth = RIGHT - 12 - textX;
  const message = reason ? `This ${name} has been voided. Reason: ${pdfText(reason, true)}` : `This ${name} has been voided.`;
  doc.font(REGULAR).fontSize(BODY_SIZE);
  const messageHeight = Math.min(doc.heightOfString(message, { width: textWidth }), 120);
  const height = Math.max(36, messageHeight + 20);

  doc.save();
  doc.rect(MARGIN_X, y, CONTENT_WIDTH, height).lineWidth(1.2).fillAndStroke(VOID_FILL, VOID_RED);
  doc.restore();
  line(doc, 'VOID', MARGIN_X + 14, y + height / 2 - 9, { font: BOLD, size: 18, color: VOID_RED, characterSpacing: 2 });
  doc.font(REGULAR).fontSize(BODY_SIZE).fillColor(VOID_RED);
  doc.text(message, textX, y + (height - messageHeight) / 2, { width: textWidth, height: messageHeight, ellipsis: true });
  return y + height + 16;
}

function drawDetails(doc: Doc, y: number, data: InvoicePdfData): number {
  const columnGap = 24;
  const leftWidth = (CONTENT_WIDTH - columnGap) / 2;
  const rightX = MARGIN_X + leftWidth + columnGap;
  const labelWidth = 84;
  const valueX = rightX + labelWidth;
  const valueWidth = RIGHT - valueX;

  // Bill to.
  let left = y;
  line(doc, 'BILL TO', MARGIN_X, left, { font: BOLD, size: 8, color: MUTED, characterSpacing: 0.8 });
  left += 14;
  doc.font(BOLD).fontSize(11).fillColor(INK);
  const clientName = pdfText(data.client.name);
  const nameHeight = Math.min(doc.heightOfString(clientName, { width: leftWidth }), doc.currentLineHeight(true) * 3);
  doc.text(clientName, MARGIN_X, left, { width: leftWidth, height: nameHeight, ellipsis: true });
  left += nameHeight + 2;
  for (const addressLine of addressLines(data.client.address)) {
    line(doc, pdfText(addressLine), MARGIN_X, left, { font: REGULAR, size: BODY_SIZE, color: INK, maxWidth: leftWidth });
    left += 12;
  }
  if (data.client.email) {
    line(doc, pdfText(data.client.email), MARGIN_X, left, { font: REGULAR, size: BODY_SIZE, color: MUTED, maxWidth: leftWidth });
    left += 13;
  }

  // Invoice facts.
  const status = INVOICE_STATUS_LABEL[data.invoice.status as InvoiceStatus] ?? pdfText(data.invoice.status);
  const kind = data.invoice.kind ?? 'STANDARD';
  const rows: [string, string, boolean][] = [
    [kind === 'CREDIT_MEMO' ? 'Date' : 'Invoice date', formatDate(data.invoice.invoiceDate), false],
    // A credit memo is settled against the invoice it credits: no due date, no terms.
    ...(kind === 'CREDIT_MEMO'
      ? []
      : ([
          ['Due date', formatDate(data.invoice.dueDate), false],
          ['Terms', paymentTerms(data.invoice.invoiceDate, data.invoice.dueDate), false],
        ] as [string, string, boolean][])),
    ['Project', `${pdfText(data.project.number)} – ${pdfText(data.project.name)}`, false],
    ['Sales order', pdfText(data.salesOrder.number), false],
    ...(data.invoice.creditedInvoiceNumber ? [['Credits', pdfText(data.invoice.creditedInvoiceNumber), false] as [string, string, boolean]] : []),
    ...(data.invoice.reason ? [['Reason', pdfText(data.invoice.reason), false] as [string, string, boolean]] : []),
    ['Status', status, data.invoice.status === 'VOID'],
  ];
  let right = y;
  for (const [label, value, alarming] of rows) {
    line(doc, label, rightX, right, { font: REGULAR, size: BODY_SIZE, color: MUTED, maxWidth: labelWidth - 6 });
    doc.font(alarming ? BOLD : REGULAR).fontSize(BODY_SIZE).fillColor(alarming ? VOID_RED : INK);
    const height = Math.min(doc.heightOfString(value, { width: valueWidth }), doc.currentLineHeight(true) * 3);
    doc.text(value, valueX, right, { width: valueWidth, height, ellipsis: true });
    right += Math.max(height, 11) + 4;
  }
  return Math.max(left, right) + 18;
}

function drawTableHeader(doc: Doc, y: number): number {
  doc.save();
  doc.rect(MARGIN_X, y, CONTENT_WIDTH, TABLE_HEADER_HEIGHT).fill(HEADER_FILL);
  doc.restore();
  const textY = y + 6.5;
  const style = { font: BOLD, size: 8, color: ACCENT, characterSpacing: 0.5 } as const;
  line(doc, 'DESCRIPTION', DESC_X, textY, style);
  line(doc, 'QTY', QTY_X + QTY_WIDTH, textY, { ...style, align: 'right' });
  line(doc, 'UNIT PRICE', UNIT_X + UNIT_WIDTH, textY, { ...style, align: 'right' });
  line(doc, 'AMOUNT', AMOUNT_X + AMOUNT_WIDTH, textY, { ...style, align: 'right', maxWidth: AMOUNT_WIDTH });
  return y + TABLE_HEADER_HEIGHT;
}

/** A new page that continues the document: a small running header, then the content top. */
function continuationPage(doc: Doc, orgName: string, documentName: string): number {
  doc.addPage();
  line(doc, `${orgName} · ${documentName} (continued)`, MARGIN_X, MARGIN_TOP, { font: REGULAR, size: 8, color: MUTED, maxWidth: CONTENT_WIDTH });
  return MARGIN_TOP + 20;
}

function drawLines(doc: Doc, y: number, data: InvoicePdfData, money: (cents: number) => string, orgName: string, documentName: string): number {
  const maxDescriptionHeight = CONTENT_BOTTOM - MARGIN_TOP - 20 - TABLE_HEADER_HEIGHT - 2 * ROW_PAD_Y;
  // The header never sits alone at the bottom of a page.
  doc.font(REGULAR).fontSize(BODY_SIZE);
  if (y + TABLE_HEADER_HEIGHT + doc.currentLineHeight(true) + 2 * ROW_PAD_Y > CONTENT_BOTTOM) y = continuationPage(doc, orgName, documentName);
  y = drawTableHeader(doc, y);

  if (data.lines.length === 0) {
    const none = data.invoice.kind === 'DEPOSIT' ? `Deposit on sales order ${pdfText(data.salesOrder.number)}, billed ahead of the goods.` : 'No lines on this invoice.';
    line(doc, none, DESC_X, y + ROW_PAD_Y, { font: REGULAR, size: BODY_SIZE, color: MUTED });
    return y + 2 * ROW_PAD_Y + 12;
  }

  data.lines.forEach((item, index) => {
    const description = pdfText(item.description, true);
    doc.font(REGULAR).fontSize(BODY_SIZE);
    const descriptionHeight = Math.min(doc.heightOfString(description, { width: DESC_WIDTH }), maxDescriptionHeight);
    const rowHeight = Math.max(descriptionHeight, doc.currentLineHeight(true)) + 2 * ROW_PAD_Y;
    if (y + rowHeight > CONTENT_BOTTOM) {
      y = continuationPage(doc, orgName, documentName);
      y = drawTableHeader(doc, y);
    }
    if (index % 2 === 1) {
      doc.save();
      doc.rect(MARGIN_X, y, CONTENT_WIDTH, rowHeight).fill(ZEBRA_FILL);
      doc.restore();
    }
    const textY = y + ROW_PAD_Y;
    doc.font(REGULAR).fontSize(BODY_SIZE).fillColor(INK);
    doc.text(description, DESC_X, textY, { width: DESC_WIDTH, height: descriptionHeight, ellipsis: true });
    const cell = { font: REGULAR, size: BODY_SIZE, color: INK, align: 'right' } as const;
    line(doc, groupThousands(String(item.quantity)), QTY_X + QTY_WIDTH, textY, { ...cell, maxWidth: QTY_WIDTH });
    line(doc, money(item.unitPriceCents), UNIT_X + UNIT_WIDTH, textY, { ...cell, maxWidth: UNIT_WIDTH });
    line(doc, money(item.totalCents), AMOUNT_X + AMOUNT_WIDTH, textY, { ...cell, maxWidth: AMOUNT_WIDTH });
    y += rowHeight;
    doc.moveTo(MARGIN_X, y).lineTo(RIGHT, y).lineWidth(0.5).strokeColor(RULE).stroke();
  });
  return y;
}

function drawTotals(doc: Doc, y: number, data: InvoicePdfData, money: (cents: number) => string): number {
  const width = 252;
  const x = RIGHT - width;
  const rowHeight = 17;
  const kind = data.invoice.kind ?? 'STANDARD';
  // What changed what is owed since the total, each only when it did (Paid always), as positive amounts.
  const reductions: [string, number][] = (
    [
      ['Deposit applied', data.invoice.depositAppliedCents ?? 0],
      ['Credited', data.invoice.creditedCents ?? 0],
      ['Paid', data.invoice.paidCents],
      ['Refunded to you', data.invoice.refundedCents ?? 0],
    ] as [string, number][]
  ).filter(([label, cents]) => cents !== 0 || label === 'Paid');
  const height = (kind === 'CREDIT_MEMO' ? 3 : 3 + reductions.length) * rowHeight + 27;
  y += 14;
  if (y + height > CONTENT_BOTTOM) y = continuationPage(doc, pdfText(data.organization.name), nameOf(data));

  const row = (label: string, value: string, bold = false, size = BODY_SIZE + 0.5, color = INK) => {
    line(doc, label, x + CELL_PAD_X, y, { font: bold ? BOLD : REGULAR, size, color: bold ? color : MUTED, maxWidth: 120 });
    line(doc, value, RIGHT - CELL_PAD_X, y, { font: bold ? BOLD : REGULAR, size, color, align: 'right', maxWidth: width - 130 });
    y += rowHeight;
  };
  row('Subtotal', money(data.invoice.subtotalCents));
  // A deposit bills an amount ahead of the goods: tax is charged on the invoices of the goods.
  if (kind !== 'DEPOSIT') row(`Tax (${formatTaxRate(data.salesOrder.taxRateBasisPoints)})`, money(data.invoice.taxCents));
  y -= 3;
  doc.moveTo(x, y).lineTo(RIGHT, y).lineWidth(0.75).strokeColor(RULE).stroke();
  y += 6;
  if (kind === 'CREDIT_MEMO') {
    // A credit memo is settled against the invoice it credits: its total is the credit.
    const boxHeight = 24;
    doc.save();
    doc.rect(x, y - 2, width, boxHeight).fill(ACCENT);
    doc.restore();
    y += 4;
    row('Total credit', money(data.invoice.totalCents), true, 11, '#ffffff');
    return y + 4;
  }
  row('Total', money(data.invoice.totalCents), true, 11);
  y += 3;
  for (const [label, cents] of reductions) row(label, money(cents));

  const boxHeight = 24;
  doc.save();
  doc.rect(x, y - 2, width, boxHeight).fill(ACCENT);
  doc.restore();
  y += 4;
  const owed = data.invoice.balanceCents;
  row(owed < 0 ? 'Refund due to you' : 'Balance due', money(Math.abs(owed)), true, 11, '#ffffff');
  return y + 4;
}

/**
 * Where and how to pay: "Please remit payment to Acme Promo by Nov 13, 2025, quoting INV-1042.", then
 * the remit-to details (or, without them, the organization's address), then the organization's terms.
 */
function drawRemitTo(doc: Doc, y: number, data: InvoicePdfData, orgName: string, documentName: string): number {
  const sentence = `Please remit payment to ${orgName} by ${formatDate(data.invoice.dueDate)}, quoting ${pdfText(data.invoice.number)}.`;
  const remitTo = data.organization.remitTo?.trim() ? pdfText(data.organization.remitTo, true) : addressLines(data.organization.address).map((l) => pdfText(l)).join('\n');
  y = drawLabelled(doc, y + 12, 'REMIT TO', remitTo ? `${sentence}\n${remitTo}` : sentence, orgName, documentName);
  const terms = data.organization.terms?.trim() ? pdfText(data.organization.terms, true) : '';
  if (terms) y = drawLabelled(doc, y + 10, 'TERMS', terms, orgName, documentName);
  return y;
}

/** A small label at the left and a text (lines kept) beside it, moved to a new page whole when it does not fit. */
function drawLabelled(doc: Doc, y: number, label: string, text: string, orgName: string, documentName: string): number {
  const x = MARGIN_X + 60;
  const width = CONTENT_WIDTH - 60;
  doc.font(REGULAR).fontSize(BODY_SIZE);
  const height = Math.min(doc.heightOfString(text, { width }), CONTENT_BOTTOM - MARGIN_TOP - 40);
  if (y + height > CONTENT_BOTTOM) y = continuationPage(doc, orgName, documentName);
  line(doc, label, MARGIN_X, y, { font: BOLD, size: 8, color: MUTED, characterSpacing: 0.8 });
  doc.font(REGULAR).fontSize(BODY_SIZE).fillColor(INK);
  doc.text(text, x, y - 1, { width, height, ellipsis: true });
  return y + Math.max(height, 11);
}

function drawSalesOrderBox(doc: Doc, y: number, data: InvoicePdfData, invoicedAfter: number, remainingAfter: number, money: (cents: number) => string): number {
  const so = pdfText(data.salesOrder.number);
  const name = TITLES[data.invoice.kind ?? 'STANDARD'][1].toLowerCase();
  const sentence = `Remaining to be invoiced on ${so} after this ${name}: ${money(remainingAfter)}`;
  const innerX = MARGIN_X + 18;
  const innerWidth = RIGHT - 14 - innerX;
  doc.font(REGULAR).fontSize(BODY_SIZE);
  const sentenceHeight = doc.heightOfString(sentence, { width: innerWidth });
  const height = 14 + 16 + 40 + sentenceHeight + 12;
  y += 20;
  if (y + height > CONTENT_BOTTOM) y = continuationPage(doc, pdfText(data.organization.name), nameOf(data));

  doc.save();
  doc.rect(MARGIN_X, y, CONTENT_WIDTH, height).fill(BOX_FILL);
  doc.rect(MARGIN_X, y, 4, height).fill(ACCENT);
  doc.restore();

  let inner = y + 14;
  line(doc, `Sales order ${so} balance`, innerX, inner, { font: BOLD, size: 10.5, color: ACCENT, maxWidth: innerWidth });
  inner += 20;
  const figures: [string, number][] = [
    ['Order total', invoicedAfter + remainingAfter],
    [`Invoiced with this ${name}`, invoicedAfter],
    [`Remaining after this ${name}`, remainingAfter],
  ];
  const columnWidth = innerWidth / figures.length;
  figures.forEach(([label, cents], i) => {
    const columnX = innerX + i * columnWidth;
    line(doc, label.toUpperCase(), columnX, inner, { font: BOLD, size: 7.5, color: MUTED, maxWidth: columnWidth - 12, characterSpacing: 0.4 });
    line(doc, money(cents), columnX, inner + 13, { font: BOLD, size: 11.5, color: INK, maxWidth: columnWidth - 12 });
  });
  inner += 40;
  doc.font(REGULAR).fontSize(BODY_SIZE).fillColor(INK);
  doc.text(sentence, innerX, inner, { width: innerWidth });
  return y + height;
}

/** "Still to follow": what remained on the order right after this invoice, backordered goods first. */
function drawStillToFollow(doc: Doc, y: number, data: InvoicePdfData, items: readonly { description: string; remaining: number; backordered: number }[]): void {
  const rowHeight = 15;
  y += 18;
  if (y + 20 + rowHeight > CONTENT_BOTTOM) y = continuationPage(doc, pdfText(data.organization.name), nameOf(data));
  line(doc, 'Still to follow', MARGIN_X, y, { font: BOLD, size: 10.5, color: ACCENT, maxWidth: CONTENT_WIDTH });
  y += 18;
  for (const item of items) {
    if (y + rowHeight > CONTENT_BOTTOM) y = continuationPage(doc, pdfText(data.organization.name), nameOf(data));
    const waiting = item.backordered > 0 ? (item.backordered === item.remaining ? 'waiting for goods' : `${item.backordered.toLocaleString('en-US')} waiting for goods`) : 'to be invoiced';
    line(doc, `${item.remaining.toLocaleString('en-US')} × ${pdfText(item.description)}`, MARGIN_X, y, { font: REGULAR, size: BODY_SIZE, color: INK, maxWidth: CONTENT_WIDTH - 170 });
    line(doc, waiting, RIGHT, y, { font: REGULAR, size: BODY_SIZE, color: MUTED, align: 'right', maxWidth: 160 });
    y += rowHeight;
  }
}

/** Footer with "Page n of m" on every page, and the VOID watermark, once every page exists. */
function drawPageDecorations(doc: Doc, orgName: string, documentName: string, isVoid: boolean): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin must not start a new page.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    if (isVoid) {
      doc.save();
      doc.rotate(-35, { origin: [PAGE_WIDTH / 2, PAGE_HEIGHT / 2] });
      doc.font(BOLD).fontSize(150).fillColor(VOID_RED).fillOpacity(0.07);
      const width = doc.widthOfString('VOID');
      doc.text('VOID', PAGE_WIDTH / 2 - width / 2, PAGE_HEIGHT / 2 - 60, { lineBreak: false });
      doc.restore();
    }
    doc.moveTo(MARGIN_X, FOOTER_Y - 8).lineTo(RIGHT, FOOTER_Y - 8).lineWidth(0.5).strokeColor(RULE).stroke();
    const pageLabel = `Page ${i - range.start + 1} of ${range.count}`;
    line(doc, `${orgName} · ${documentName}`, MARGIN_X, FOOTER_Y, { font: REGULAR, size: 8, color: MUTED, maxWidth: CONTENT_WIDTH - 100 });
    line(doc, pageLabel, RIGHT, FOOTER_Y, { font: REGULAR, size: 8, color: MUTED, align: 'right' });
    doc.page.margins.bottom = bottomMargin;
  }
}

interface LineStyle {
  font: string;
  size: number;
  color: string;
  /** For 'right', x is the right edge. */
  align?: Align;
  /** The font shrinks (down to 6 pt) until the text fits. */
  maxWidth?: number;
  characterSpacing?: number;
}

/** One line of text that never wraps and never starts a page. */
function line(doc: Doc, text: string, x: number, y: number, style: LineStyle): void {
  const characterSpacing = style.characterSpacing ?? 0;
  let size = style.size;
  doc.font(style.font).fontSize(size);
  while (style.maxWidth !== undefined && size > 6 && doc.widthOfString(text, { characterSpacing }) > style.maxWidth) {
    size -= 0.5;
    doc.fontSize(size);
  }
  const width = doc.widthOfString(text, { characterSpacing });
  const left = style.align === 'right' ? x - width : style.align === 'center' ? x - width / 2 : x;
  // Keep the baseline where the requested size would put it when the font had to shrink.
  const top = y + (style.size - size) * 0.75;
  doc.fillColor(style.color).text(text, left, top, { lineBreak: false, characterSpacing });
}

function groupThousands(digits: string): string {
  const negative = digits.startsWith('-');
  const body = negative ? digits.slice(1) : digits;
  return `${negative ? '-' : ''}${body.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** Code points beyond Latin-1 that the standard fonts' WinAnsi encoding still has. */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e,
  0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);
const FALLBACKS: Record<string, string> = {
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', Ħ: 'H', ħ: 'h', '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2212': '-', '\u2032': "'", '\u2033': '"',
  '\u2009': ' ', '\u200a': ' ', '\u202f': ' ', '\u2007': ' ', '\u2002': ' ', '\u2003': ' ',
};

const encodable = (ch: string): boolean => {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code);
};

/**
 * Text the built-in Helvetica can show (WinAnsi): "Café – ü" stays as is, accents outside it
 * are dropped (ő → o), tabs and (unless kept) line breaks become spaces, other controls go, and
 * anything else becomes "?".
 */
function pdfText(value: string | null | undefined, keepNewlines = false): string {
  let out = '';
  for (const ch of (value ?? '').replace(/\r\n?/g, '\n').normalize('NFC')) {
    if (encodable(ch)) out += ch;
    else if (ch === '\n' && keepNewlines) out += ch;
    else if (ch === '\n' || ch === '\t') out += ' ';
    else if (FALLBACKS[ch] !== undefined) out += FALLBACKS[ch];
    else if (/\p{M}/u.test(ch) || /\p{Cc}|\p{Cf}/u.test(ch)) continue;
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base.length > 0 && [...base].every(encodable) ? base : '?';
    }
  }
  return out;
}
