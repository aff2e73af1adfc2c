import { describe, expect, it } from 'vitest';
import { inlineMarkdown } from './inline-markdown';

describe('inlineMarkdown: a preview with its emphasis, safely', () => {
  it.each([
    ['Only **500 mugs** shipped', 'Only <strong>500 mugs</strong> shipped'],
    ['the *tees* and _caps_ are ~~late~~ lost', 'the <em>tees</em> and <em>caps</em> are <s>late</s> lost'],
    ['see [the PO](https://example.com) and ![a photo](x.png)', 'see the PO and a photo'],
    ['# Heading\n- one\n- two', 'Heading one two'],
    ['run `**not bold**` now', 'run <code>**not bold**</code> now'],
    ['ap@acme.test and snake_case_name', 'ap@acme.test and snake_case_name'],
    ['<img src=x onerror="alert(1)">', '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'],
    ['**<script>alert(1)</script>**', '<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>'],
    ['[click](javascript:alert(1))', 'click'],
  ])('%j → %j', (markdown, html) => expect(inlineMarkdown(markdown)).toBe(html));

  it('adds no tag but strong, em, s and code', () => {
    const html = inlineMarkdown('**a** *b* ~~c~~ `d` <b onclick=x>e</b> [f](g) <a href="javascript:1">h</a>');
    expect(html.match(/<\/?([a-z]+)/g)?.map((t) => t.replace(/[</]/g, ''))).toEqual(['strong', 'strong', 'em', 'em', 's', 's', 'code', 'code']);
  });
});
