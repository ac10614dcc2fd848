import { describe, expect, it } from 'vitest';
import { COLOURED_TOKEN_CLASSES, highlightJs } from '~/components/notebook/highlight-code';

/** The text of highlighted HTML, tags removed and entities decoded. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('highlightJs', () => {
  it.each([
    [
      'a keyword and a definition',
      'const n = 6;',
      '<span class="tok-keyword">const</span> <span class="tok-definition">n</span> = <span class="tok-number">6</span>;',
    ],
    ['a string', "show('hi')", 'show(<span class="tok-string">\'hi\'</span>)'],
    ['a property', 'tf.conv2d', 'tf.<span class="tok-propertyName">conv2d</span>'],
    ['a line comment', '// ok\nx', '<span class="tok-comment">// ok</span>\nx'],
    [
      'true and null',
      'f(true, null)',
      'f(<span class="tok-bool">true</span>, <span class="tok-keyword">null</span>)',
    ],
    [
      'a template string',
      '`a${b}`',
      '<span class="tok-string2">`a</span>${b}<span class="tok-string2">`</span>',
    ],
    [
      'markup in a string is escaped',
      'show("<b>&")',
      'show(<span class="tok-string">"&lt;b&gt;&amp;"</span>)',
    ],
    ['an operator is plain text', 'a < b && c', 'a &lt; b &amp;&amp; c'],
    ['empty code', '', ''],
  ])('%s', (_, code, html) => {
    expect(highlightJs(code)).toBe(html);
  });

  it.each([
    ['ordinary cells', 'const x = tf.tensor([1, 2, 3]);\n/* note */\nshow(x.sum()); // 6\n'],
    ['code that does not parse', 'const = = (;\n}}} "unterminated\n`tpl ${x'],
    ['non-ASCII and tabs', "\tconst 이름 = '합성곱 ✓';\r\n"],
    ['markup', '</pre><script>alert(1)</script>'],
  ])('keeps the text exactly: %s', (_, code) => {
    const html = highlightJs(code);
    expect(textOf(html)).toBe(code);
    expect(html).not.toMatch(/<(?!\/?span)/);
  });

  it('wraps only coloured classes, and merges neighbours of one class', () => {
    const html = highlightJs('const a = 1, b = 2; // one\n// two');
    const classes = [...html.matchAll(/class="([^"]+)"/g)].flatMap((m) => m[1].split(' '));
    expect(classes.length).toBeGreaterThan(0);
    for (const c of classes) expect(COLOURED_TOKEN_CLASSES).toContain(c);
    expect(html.match(/<span/g)!.length).toBeLessThan(10);
  });
});
