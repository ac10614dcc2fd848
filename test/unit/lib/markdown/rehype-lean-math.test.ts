import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import rehypeLeanMath from '~/lib/markdown/rehype-lean-math.mjs';

const lean = (html: string) => {
  const tree = fromHtml(html, { fragment: true });
  rehypeLeanMath()(tree);
  return toHtml(tree);
};
const mathml = (tex: string, displayMode = false) =>
  katex.renderToString(tex, { output: 'mathml', displayMode });

describe('rehypeLeanMath', () => {
  it.each([
    ['inline', 'k^2 C_{\\text{in}} C_{\\text{out}}', false],
    ['display', '\\left\\lfloor \\frac{n + 2p - k}{s} \\right\\rfloor + 1', true],
  ])('drops the TeX annotation of %s math and keeps the formula', (_, tex, display) => {
    const before = mathml(tex, display);
    expect(before).toContain('<annotation');
    const after = lean(`<p>a ${before} b</p>`);
    expect(after).not.toMatch(/<semantics|<annotation/);
    // the MathML the reader sees is unchanged
    const shown = (html: string) => html.replace(/<annotation[\s\S]*?<\/annotation>|<\/?semantics>/g, '');
    expect(after).toBe(lean(`<p>a ${shown(before)} b</p>`));
    expect(after).toBe(`<p>a ${shown(before)} b</p>`);
  });

  it('leaves everything else alone', () => {
    const html = '<p>no <em>math</em> here</p><svg><text>semantics</text></svg>';
    expect(lean(html)).toBe(html);
  });
});
