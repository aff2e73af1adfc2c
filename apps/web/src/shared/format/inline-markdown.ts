const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * A preview's markdown (a note quoted in a notification) as safe inline HTML: **bold**, *italic*,
 * _italic_, ~~struck~~ and `code` are rendered; links and images keep only their words; block syntax
 * (headings, lists, quotes) and line breaks flatten into the one line a preview has. Everything is
 * HTML-escaped first and only the tags above are added, so nothing a note says can become markup
 * (`<img onerror>` stays text); the full note is rendered and sanitized by the server (bodyHtml).
 */
export function inlineMarkdown(markdown: string): string {
  const codes: string[] = [];
  return (
    escapeHtml(markdown)
      // Code spans first, kept aside (behind private-use marks) so their contents are not formatted.
      .replace(/`([^`\n]+)`/g, (_, code: string) => `\uE000${codes.push(code) - 1}\uE001`)
      // Links and images keep their words (a target may hold one level of parentheses).
      .replace(/!\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1')
      .replace(/\[([^\]]+)\]\((?:[^()]|\([^()]*\))*\)/g, '$1')
      .replace(/^\s{0,3}(#{1,6}\s+|&gt;\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
      .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '<strong>$2</strong>')
      .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1<em>$2</em>')
      .replace(/(^|[^\w_])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1<em>$2</em>')
      .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '<s>$1</s>')
      .replace(/\s*\n\s*/g, ' ')
      .replace(/\uE000(\d+)\uE001/g, (_, i: string) => `<code>${codes[Number(i)]}</code>`)
      .trim()
  );
}
