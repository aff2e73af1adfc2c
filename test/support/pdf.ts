/**
 * Reads a PDF back as text with Mozilla's pdf.js (pdfjs-dist, legacy build for Node).
 *
 * pdf-parse 1.x, used before, bundles pdf.js 1.10 from 2017: it refused about one valid pdfkit file in
 * three with "bad XRef entry" on its first parse in a process (the same file parsed on a second try,
 * and current pdf.js reads every one), which made the e-mail test fail now and then in CI.
 */
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfText {
  /** Every page's text, pages joined by a blank line. */
  text: string;
  /** Text of each page, in order; items on one baseline are joined, a new baseline starts a line. */
  pages: string[];
  numpages: number;
  /** The document information dictionary (Title, Author, Subject, Creator, …). */
  info: Record<string, unknown>;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  // pdf.js takes ownership of (transfers) the array it is given: hand it a copy.
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: VerbosityLevel.ERRORS, isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      let text = '';
      let lastY: number | undefined;
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const y = item.transform[5] as number;
        text += lastY === undefined || lastY === y ? item.str : `\n${item.str}`;
        lastY = y;
      }
      pages.push(text);
    }
    const { info } = await doc.getMetadata();
    return { text: pages.join('\n\n'), pages, numpages: doc.numPages, info: info as Record<string, unknown> };
  } finally {
    await doc.destroy();
  }
}
