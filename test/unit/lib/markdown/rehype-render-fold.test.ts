import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import rehypeRenderFold, {
  blockHeight,
  foldIndex,
  FOLD_PX,
  textLines,
} from '~/lib/markdown/rehype-render-fold.mjs';

const blocks = (html: string) => fromHtml(html, { fragment: true }).children;
const jsx = (name: string, text = '') => ({
  type: 'mdxJsxFlowElement',
  name,
  attributes: [],
  children: text ? [{ type: 'text', value: text }] : [],
});

describe('textLines: lines of text on a 412 px phone (48 Latin characters, 24 Hangul syllables)', () => {
  it.each([
    ['', 0],
    ['   \n ', 0],
    ['a', 1],
    ['x'.repeat(48), 1],
    ['x'.repeat(49), 2],
    ['가'.repeat(24), 1],
    ['가'.repeat(25), 2],
    ['가'.repeat(12) + 'x'.repeat(24), 1],
    ['a    b', 1], // runs of white space count once
  ])('%j → %i', (text, lines) => expect(textLines(text)).toBe(lines));
});

describe('blockHeight: estimated px of a top-level lesson block on a phone', () => {
  it.each([
    ['a one-line paragraph', '<p>Short.</p>', 28 + 24],
    ['a three-line paragraph', `<p>${'word '.repeat(25)}</p>`, 3 * 28 + 24],
    ['a heading', '<h2>Padding</h2>', 2 * 28 + 32],
    ['a list of two one-line items', '<ul><li>a</li><li>b</li></ul>', 16 + 2 * (28 + 8)],
    [
      'a table of three rows',
      '<table><tr><td>1</td></tr><tr><td>2</td></tr><tr><td>3</td></tr></table>',
      3 * 45 + 24,
    ],
    ['a display formula', '<span class="katex katex-display"><math></math></span>', 90],
    ['code of two lines', '<pre><code>a\nb</code></pre>', 2 * 22 + 32],
  ])('%s', (_, html, px) => expect(blockHeight(blocks(html)[0])).toBe(px));

  it.each([
    ['a widget', jsx('PaddingFormula'), 900],
    ['the quiz', jsx('Quiz'), 1200],
    ['a notebook cell', jsx('Cell'), 300],
    ['a key idea, by its text', jsx('KeyIdea', 'x'.repeat(60)), 2 * 28 + 60],
    ['white space between blocks', { type: 'text', value: '\n' }, 0],
  ])('%s', (_, node, px) => expect(blockHeight(node)).toBe(px));
});

describe('foldIndex and the plugin', () => {
  const para = `<p>${'word '.repeat(40)}</p>`; // 5 lines: 164 px
  it.each([
    [0, -1],
    [1, -1],
    [Math.ceil(FOLD_PX / 164) - 1, -1],
    [Math.ceil(FOLD_PX / 164), Math.ceil(FOLD_PX / 164) - 1],
    [20, Math.ceil(FOLD_PX / 164) - 1],
  ])('%i paragraphs of 164 px → fold after block %i', (n, at) => {
    expect(foldIndex(blocks(para.repeat(n)))).toBe(at);
  });

  it('puts one hidden marker after the block that reaches the fold, and none in a short page', () => {
    const tree = fromHtml(para.repeat(12), { fragment: true });
    rehypeRenderFold()(tree);
    const html = toHtml(tree);
    expect(html.match(/<div class="render-fold" hidden><\/div>/g)).toHaveLength(1);
    const before = html.slice(0, html.indexOf('render-fold')).match(/<p>/g)?.length;
    expect(before).toBe(Math.ceil(FOLD_PX / 164));
    const short = fromHtml(para, { fragment: true });
    rehypeRenderFold()(short);
    expect(toHtml(short)).not.toContain('render-fold');
  });
});
