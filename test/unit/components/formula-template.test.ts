import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { widgetFormula } from '~/components/widgets/shared/formula';
import {
  escapeMarkup,
  fillTemplate,
  formulaShape,
  templatedRenderer,
  templateOf,
} from '~/components/widgets/shared/formula-template';
import * as padding from '~/components/widgets/PaddingFormula/padding-formula';
import * as layer from '~/components/widgets/LayerParams/layer-params';
import * as tradeoff from '~/components/widgets/KernelTradeoff/kernel-tradeoff';
import * as transposed from '~/components/widgets/TransposedConv/transposed-conv';

const katexOf = (tex: string) => katex.renderToString(tex, { ...widgetFormula, throwOnError: false });

/** A templated renderer over KaTeX that counts KaTeX's renders and the shapes it was given. */
function counted() {
  let renders = 0;
  const shapes = new Set<string>();
  const templated = templatedRenderer((tex) => {
    renders++;
    return katexOf(tex);
  });
  const render = (tex: string) => {
    shapes.add(formulaShape(tex).shape);
    return templated(tex);
  };
  return { render, renders: () => renders, shapes: () => shapes.size };
}

describe('formulaShape', () => {
  it.each([
    ['o = 7', 'o = \u0000', ['7']],
    [
      '\\frac{12 + 2 \\cdot 1}{3} = 4.5',
      '\\frac{\u0000 + \u0000 \\cdot \u0000}{\u0000} = \u0000',
      ['12', '2', '1', '3', '4.5'],
    ],
    ['k_{i} = x', 'k_{i} = x', []],
    // thousands as the widgets write them: one number each, as KaTeX's <mn> shows it
    ['3{,}072 + 12{,}345{,}678.5', '\u0000 + \u0000', ['3,072', '12,345,678.5']],
    // a length belongs to the shape
    ['a \\[0.6em] b = 2 \hspace{12 em} 1.5', 'a \\[0.6em] b = \u0000 \hspace{12 em} \u0000', ['2', '1.5']],
    // digits that are not a number of their own: a malformed group, a power's base and exponent
    ['1{,}23 + 1234', '1{,}23 + \u0000', ['1234']],
    ['64^2 + C^2 + x_1 + 7', '64^2 + C^2 + x_1 + \u0000', ['7']],
  ])('%s', (tex, shape, numbers) => {
    expect(formulaShape(tex)).toEqual({ shape, numbers });
  });
});

describe('escapeMarkup', () => {
  it('escapes as KaTeX does in its annotation', () => {
    expect(escapeMarkup(`a & b < c > d "e" 'f'`)).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; &#x27;f&#x27;');
    const tex = String.raw`\begin{aligned} a &= 1 < 2 \end{aligned}`;
    expect(katexOf(tex)).toContain(
      `<annotation encoding="application/x-tex">${escapeMarkup(tex)}</annotation>`,
    );
  });
});

describe('templateOf and fillTemplate', () => {
  it('puts each number where its probe was, also when MathML reorders them (root index after radicand)', () => {
    const probeTex = String.raw`\sqrt[9000001]{9000002} = 9000003`;
    const t = templateOf(katexOf(probeTex), probeTex, 3);
    expect(t).not.toBeNull();
    const tex = String.raw`\sqrt[3]{8} = 2`;
    expect(fillTemplate(t!, ['3', '8', '2'], tex)).toBe(katexOf(tex));
  });
  it('refuses markup where a probe is missing (two numbers KaTeX joins into one <mn>)', () => {
    const probeTex = '9000001 9000002';
    expect(templateOf(katexOf(probeTex), probeTex, 2)).toBeNull();
  });
  it('refuses markup where a probe is not an <mn> (a length)', () => {
    const probeTex = String.raw`a \hspace{9000001em} 9000002`;
    expect(templateOf(katexOf(probeTex), probeTex, 2)).toBeNull();
  });
});

describe('templatedRenderer', () => {
  it('gives KaTeX markup; one shape costs two renders, then none', () => {
    const { render, renders } = counted();
    const tex = (n: number) => String.raw`o = \left\lfloor \frac{${n} + 2 - 3}{1} \right\rfloor + 1`;
    expect(render(tex(7))).toBe(katexOf(tex(7)));
    expect(renders()).toBe(2);
    for (const n of [8, 9, 10, 123, 7]) expect(render(tex(n))).toBe(katexOf(tex(n)));
    expect(renders()).toBe(2);
  });
  it('renders a shape without a template with KaTeX every time, correctly', () => {
    const { render, renders } = counted();
    // a number in \text is no <mn>
    for (const n of [1, 2, 3]) {
      const tex = String.raw`a = \text{${n}} + ${n}`;
      expect(render(tex)).toBe(katexOf(tex));
    }
    expect(renders()).toBe(2 + 1 + 1);
  });
  it('keeps a length in the shape: each length is a shape of its own', () => {
    const { render, renders } = counted();
    for (const n of [1, 2, 1, 2]) {
      const tex = String.raw`a \hspace{${n}em} b = ${n}`;
      expect(render(tex)).toBe(katexOf(tex));
    }
    expect(renders()).toBe(2 + 2);
  });
  it('renders a formula without numbers with KaTeX', () => {
    const { render, renders } = counted();
    expect(render('x + y')).toBe(katexOf('x + y'));
    expect(renders()).toBe(1);
  });
  it('keeps an error (throwOnError false) as KaTeX shows it', () => {
    const { render } = counted();
    for (const tex of [String.raw`\frac{1}{`, String.raw`\frac{2}{`]) expect(render(tex)).toBe(katexOf(tex));
  });
});

// Every widget formula, over sweeps of its settings: exactly KaTeX's markup, and no KaTeX render
// after each shape's first two (KernelTradeoff and LayerParams write thousands as `3{,}072`, one
// <mn> in KaTeX's markup; LayerParams' lines are spaced by a length, `\\[0.6em]`).
describe('widget formulas equal KaTeX', () => {
  it('PaddingFormula', () => {
    const { render, renders, shapes } = counted();
    let formulas = 0;
    for (const n of [1, 5, 7, 8, 31, 227])
      for (const k of [1, 3, 5])
        for (const p of [0, 1, 2])
          for (const s of [1, 2, 3])
            for (const d of [1, 2]) {
              const f = padding.computeFigure({
                n: String(n),
                k: String(k),
                p: String(p),
                s: String(s),
                d: String(d),
                same: false,
              });
              if (!f.ok) continue;
              const tex = padding.formulaTex(f);
              expect(render(tex)).toBe(katexOf(tex));
              formulas++;
            }
    expect(formulas).toBeGreaterThan(200);
    // shapes: k or k', a whole or a fractional quotient; two renders each
    expect(shapes()).toBe(4);
    expect(renders()).toBe(8);
  });
  it('TransposedConv', () => {
    const { render, renders, shapes } = counted();
    for (const i of [1, 3, 5])
      for (const s of [1, 2, 3])
        for (const p of [0, 4]) {
          const settings = { ...transposed.defaults, i, s, p };
          const tex = transposed.formulaTex(settings, s * (i - 1) + settings.k - 2 * p);
          expect(render(tex)).toBe(katexOf(tex));
        }
    // a negative o (−3) is a second shape
    expect(shapes()).toBe(2);
    expect(renders()).toBe(4);
  });
  it('KernelTradeoff', () => {
    const { render, renders, shapes } = counted();
    for (const c of ['1', '64', '4096'])
      for (const h of ['1', '56', '1024'])
        for (const target of [5, 7] as const) {
          const f = tradeoff.computeFigure({ ...tradeoff.defaultSettings, c, h, w: h, target });
          if (!f.ok) continue;
          const tex = tradeoff.formulaTex(f);
          expect(render(tex)).toBe(katexOf(tex));
        }
    expect(renders()).toBe(2 * shapes());
  });
  it('LayerParams', () => {
    const { render, renders, shapes } = counted();
    for (const cIn of ['1', '3', '4096'])
      for (const k of ['1', '5'])
        for (const bias of [true, false]) {
          const r = layer.computeLayer({ ...layer.defaultSettings, cIn, k, bias });
          if (!r.ok) continue;
          const tex = layer.formulaTex(r);
          expect(render(tex)).toBe(katexOf(tex));
        }
    // at most four shapes: with or without the bias term, with or without the fully connected layer
    expect(shapes()).toBeLessThanOrEqual(4);
    expect(renders()).toBe(2 * shapes());
  });
});
