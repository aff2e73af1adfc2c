/**
 * A note's markdown as the plain sentence a preview shows (inbox rows, the bell's announcement, the
 * activity feed, follow-up lists): "Only **500 mugs** shipped, see [the PO](…)" → "Only 500 mugs
 * shipped, see the PO". The full note is rendered (and sanitized) by the server as bodyHtml; a
 * preview only needs the words, so the syntax is dropped rather than rendered.
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images → their alt text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') // links → their text
    .replace(/`{1,3}([^`]*)`{1,3}/g, '$1') // code spans
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2') // bold
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2') // italic with *
    .replace(/(^|[^\w_])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2') // italic with _
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1') // strikethrough
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '') // headings, quotes, list markers
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
