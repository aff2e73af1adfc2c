import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Raw HTML in a note is shown as text (html: false); markdown-it refuses javascript:/data: links;
// sanitize-html then keeps only these tags and attributes, as a second wall.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

const ALLOWED = {
  allowedTags: ['p', 'br', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h1', 'h2', 'h3', 'h4', 'hr', 'span', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'title'], span: ['class'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedClasses: { span: ['mention'] },
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
};

const MENTION = /(^|[^\p{L}\p{N}._-])@([a-z0-9_.-]*[a-z0-9_])/giu;

/** A note body as safe HTML: markdown, mentions of known handles highlighted, nothing executable. */
export function renderNoteBody(body: string, handles: ReadonlySet<string>): string {
  const html = md.render(body);
  const highlighted = html.replace(/>([^<]+)</g, (_m, text: string) =>
    `>${text.replace(MENTION, (all, lead: string, handle: string) => (handles.has(handle.toLowerCase()) ? `${lead}<span class="mention">@${handle}</span>` : all))}<`,
  );
  return sanitizeHtml(highlighted, { ...ALLOWED, allowedAttributes: { ...ALLOWED.allowedAttributes, a: ['href', 'title', 'rel', 'target'] } });
}
