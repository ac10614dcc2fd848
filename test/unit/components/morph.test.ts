import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { morphInto } from '~/components/widgets/shared/morph';
import { importOnce } from '~/components/widgets/shared/lazy-module';

/** A <div> holding `html` in a fresh linkedom document. */
function host(html: string): Element {
  const { document } = parseHTML('<!doctype html><html><body><div id="host"></div></body></html>');
  const div = document.getElementById('host')!;
  div.innerHTML = html;
  return div;
}

const formula = (n: string, extra = '') =>
  `<span class="katex"><math><semantics><mrow><mi>w</mi><mo>=</mo><mn>${n}</mn>${extra}</mrow></semantics></math></span>`;

describe('morphInto', () => {
  it('ends with exactly the new markup', () => {
    const cases: [string, string][] = [
      [formula('64'), formula('128')],
      [formula('64'), formula('64', '<mo>+</mo><mn>1</mn>')],
      [formula('64', '<mo>+</mo><mn>1</mn>'), formula('64')],
      [
        '<svg viewBox="0 0 10 10"><g class="a"><rect x="1"></rect></g></svg>',
        '<svg viewBox="0 0 20 10"><g><circle r="2"></circle><rect x="2"></rect></g></svg>',
      ],
      ['<p>text</p>', ''],
      ['', '<p>new</p>text'],
      ['<svg><text>a</text></svg>', '<math><mn>1</mn></math>'],
    ];
    for (const [before, after] of cases) {
      const div = host(before);
      morphInto(div, after);
      expect(div.innerHTML).toBe(host(after).innerHTML);
    }
  });

  it('keeps the nodes that did not change and changes only the text that did', () => {
    const div = host(formula('64'));
    const mi = div.querySelector('mi')!;
    const mn = div.querySelector('mn')!;
    const number = mn.firstChild!;
    morphInto(div, formula('128'));
    expect(div.querySelector('mi')).toBe(mi);
    expect(div.querySelector('mn')).toBe(mn);
    expect(mn.firstChild).toBe(number);
    expect(number.nodeValue).toBe('128');
  });

  it('adds, changes and removes attributes in place', () => {
    const div = host('<svg viewBox="0 0 10 10" class="old"><rect x="1" y="2"></rect></svg>');
    const svg = div.firstElementChild!;
    const rect = svg.firstElementChild!;
    morphInto(div, '<svg viewBox="0 0 20 10" role="img"><rect x="1"></rect></svg>');
    expect(div.firstElementChild).toBe(svg);
    expect(svg.getAttribute('viewBox')).toBe('0 0 20 10');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.hasAttribute('class')).toBe(false);
    expect(svg.firstElementChild).toBe(rect);
    expect(rect.hasAttribute('y')).toBe(false);
  });

  it('replaces a node whose tag changed', () => {
    const div = host('<svg><rect></rect><text>a</text></svg>');
    const text = div.querySelector('text')!;
    morphInto(div, '<svg><circle></circle><text>a</text></svg>');
    expect(div.querySelector('rect')).toBeNull();
    expect(div.querySelector('circle')).not.toBeNull();
    expect(div.querySelector('text')).toBe(text);
  });
});

describe('morphInto with a detached element (a chart drawn in the browser)', () => {
  it('ends equal to the element, keeping the nodes that match', () => {
    const before =
      '<svg viewBox="0 0 10 10"><g class="bars"><rect y="1"></rect><rect y="2"></rect></g></svg>';
    const after = '<svg viewBox="0 0 10 10"><g class="bars"><rect y="3"></rect></g><text>5</text></svg>';
    const div = host(before);
    const kept = div.querySelector('g')!;
    const drawn = host(after).firstElementChild!;
    morphInto(div, drawn);
    expect(div.innerHTML).toBe(host(after).innerHTML);
    expect(div.querySelector('g')).toBe(kept);
    expect(div.querySelectorAll('rect')).toHaveLength(1);
  });
  it('takes the element itself when nothing was shown', () => {
    const div = host('');
    const drawn = host('<svg><rect x="1"></rect></svg>').firstElementChild!;
    morphInto(div, drawn);
    expect(div.firstElementChild).toBe(drawn);
  });
});

describe('importOnce', () => {
  it('imports once and hands every caller the same module', async () => {
    let calls = 0;
    const load = importOnce(async () => ({ n: ++calls }));
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).toBe(b);
    expect(await load()).toBe(a);
    expect(calls).toBe(1);
  });

  it('tries again after a failed import', async () => {
    let calls = 0;
    const load = importOnce(async () => {
      calls += 1;
      if (calls === 1) throw new Error('offline');
      return 'module';
    });
    await expect(load()).rejects.toThrow('offline');
    expect(await load()).toBe('module');
    expect(calls).toBe(2);
  });
});
