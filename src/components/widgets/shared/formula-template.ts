/**
 * Widget formulas without running KaTeX on every change (issue 12). A widget's formula keeps its
 * shape while the reader changes a setting; only the numbers in it change (`\frac{7 + 2 \cdot 1 -
 * 3}{1}` becomes `\frac{8 + 2 \cdot 1 - 3}{1}`). KaTeX parses and builds the whole formula each time
 * (3–8 ms per change in PaddingFormula on this machine), so a formula is rendered once per shape
 * with a distinct probe number in each number's place, and the markup of every later formula of
 * that shape is that render with the probes swapped for the formula's numbers (and its TeX
 * annotation for the formula's TeX). A shape is used only after its template, filled with the
 * first formula's numbers, gave exactly KaTeX's own markup of that formula; a shape where it did
 * not (two numbers KaTeX joins into one <mn>, say) is always rendered by KaTeX.
 *
 * A number is digits with an optional decimal part, or a whole number grouped in thousands as the
 * widgets write them (`3{,}072`, one <mn>3,072</mn> in KaTeX's markup). Digits whose markup is not
 * one <mn> of their own, such as a length (`\\[0.6em]`) or a power's base or exponent (`64^2`),
 * belong to the shape instead.
 */

/**
 * One number of a formula (see above). Not one: digits after `^` or `_` without braces (TeX takes a
 * single digit there) or before them (the script attaches to the last digit only), digits of a
 * length, and digits right after other digits or a space after them (`1 2` is one <mn>12</mn>).
 */
const NUMBER =
  /(?<![\d.^_]\s*|\{,\})(?:\d{1,3}(?:\{,\}\d{3})+|\d+)(?:\.\d+)?(?![\d.]|\{,\}|\s*[\^_]|\s*(?:em|ex|mu|pt|px|cm|mm|in|bp|pc|dd|cc|sp)\b)/g;
/** What stands for a number in a shape (no TeX uses it). */
const HOLE = '\u0000';
/** The i-th probe number: distinct, never a number the probe TeX already contains. */
const probe = (i: number) => String(9_000_001 + i);

/** `tex` with every number replaced by a hole, and those numbers in order as KaTeX's <mn> shows them. */
export function formulaShape(tex: string): { shape: string; numbers: string[] } {
  const numbers = (tex.match(NUMBER) ?? []).map((n) => n.replace(/\{,\}/g, ','));
  return { shape: tex.replace(NUMBER, HOLE), numbers };
}

/** Text escaped as KaTeX escapes it inside markup (its annotation holds the TeX this way). */
export function escapeMarkup(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');
}

/**
 * A formula's markup split around its numbers: `parts[0] + v(slots[0]) + parts[1] + … + parts[n]`,
 * where slot i ≥ 0 is the formula's i-th number and −1 its escaped TeX (the annotation).
 */
export interface FormulaTemplate {
  parts: string[];
  slots: number[];
}

/**
 * The template of a shape from KaTeX's markup of its probe formula (`probe(i)` in hole i): every
 * `<mn>` holding a probe becomes that number's slot, the annotation's text the TeX slot; an `<mn>` of
 * fewer digits than a probe holds digits the shape keeps. Null when a probe is missing or appears
 * twice, or the markup holds the probe TeX anywhere else.
 */
export function templateOf(markup: string, probeTex: string, count: number): FormulaTemplate | null {
  const annotation = escapeMarkup(probeTex);
  const parts: string[] = [];
  const slots: number[] = [];
  const seen = new Set<number>();
  const token = /<mn>(\d+)<\/mn>|(<annotation encoding="application\/x-tex">)([^<]*)(<\/annotation>)/g;
  let last = 0;
  for (let m = token.exec(markup); m; m = token.exec(markup)) {
    if (m[1] !== undefined) {
      // digits the shape keeps (a power's exponent, say) are markup like any other
      if (m[1].length < 7) continue;
      const i = Number(m[1]) - 9_000_001;
      if (!(i >= 0 && i < count) || seen.has(i)) return null;
      seen.add(i);
      parts.push(markup.slice(last, m.index) + '<mn>');
      slots.push(i);
      last = m.index + m[0].length - '</mn>'.length;
    } else {
      if (m[3] !== annotation || slots.includes(-1)) return null;
      parts.push(markup.slice(last, m.index) + m[2]);
      slots.push(-1);
      last = m.index + m[2]!.length + m[3].length;
    }
  }
  parts.push(markup.slice(last));
  if (seen.size !== count || parts.some((p) => p.includes('9000'))) return null;
  return { parts, slots };
}

/** The markup of a formula with `numbers` and TeX `tex` from its shape's template. */
export function fillTemplate(t: FormulaTemplate, numbers: string[], tex: string): string {
  let out = t.parts[0]!;
  for (let i = 0; i < t.slots.length; i++) {
    const slot = t.slots[i]!;
    out += (slot < 0 ? escapeMarkup(tex) : numbers[slot]) + t.parts[i + 1]!;
  }
  return out;
}

/**
 * `render` (KaTeX's renderToString with the widget's options) made cheap for formulas that differ
 * only in their numbers: the first formula of a shape costs two KaTeX renders (itself and the probe,
 * checked against each other as described above), every later one a string join. Formulas whose
 * shape has no template are rendered by KaTeX each time.
 */
export function templatedRenderer(render: (tex: string) => string): (tex: string) => string {
  const templates = new Map<string, FormulaTemplate | null>();
  return (tex) => {
    const { shape, numbers } = formulaShape(tex);
    if (numbers.length === 0) return render(tex);
    const known = templates.get(shape);
    if (known) return fillTemplate(known, numbers, tex);
    const markup = render(tex);
    if (known === undefined) {
      let i = 0;
      const probeTex = shape.replace(/\u0000/g, () => probe(i++));
      const template = templateOf(render(probeTex), probeTex, numbers.length);
      const checked = template && fillTemplate(template, numbers, tex) === markup ? template : null;
      // a formula built from settings has a handful of shapes; never let the map grow without end
      if (templates.size >= 64) templates.clear();
      templates.set(shape, checked);
    }
    return markup;
  };
}
