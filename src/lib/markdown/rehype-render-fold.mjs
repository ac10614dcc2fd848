/**
 * Marks where a lesson's first screens end on a phone: an empty, hidden `<div class="render-fold">`
 * after the first top-level blocks whose estimated height reaches FOLD_PX. The blocks after it may
 * skip rendering while off-screen (`.render-fold ~ …` in src/styles/course.css); the ones before it
 * are in the first paint.
 *
 * Why estimate (issue 12): a fixed count of always-rendered blocks (eight until 2026-12-01) was
 * 1.7 phone screens on lesson 11 but 5.4 on lesson 6, and the first style and layout of everything
 * rendered is the one long task that Lighthouse's simulation counts partly after the first paint.
 * The fold must not come before the end of the first screen (a skipped block on screen is painted
 * at its placeholder height and then at its own, a layout shift), so the estimate errs long:
 * FOLD_PX of lesson text is about two phone screens with the title and objectives above it.
 */

/** Estimated lesson text (px, 412 px wide phone) before the fold. */
export const FOLD_PX = 900;
/** Body text: line height (px) and characters per line at 412 px (Hangul is about twice as wide). */
const LINE = 28;
const CHARS_LATIN = 48;
const CHARS_HANGUL = 24;
/** Components by the height they take on a phone (px); a widget not listed takes WIDGET_PX. */
const WIDGET_PX = 900;
const COMPONENT_PX = { KeyIdea: 0, Quiz: 1200, Cell: 300 };

/** The text of a hast/mdast subtree (text and inline code), without markup. */
function textOf(node) {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

/** Elements (hast) or JSX elements named `tag` in a subtree. */
function countTag(node, tag) {
  const self = node.tagName === tag || node.name === tag ? 1 : 0;
  return self + (node.children ?? []).reduce((sum, child) => sum + countTag(child, tag), 0);
}

/**
 * Lines of `text` at 412 px: ⌈Σ char widths / line width⌉, a Hangul syllable counting as two Latin
 * characters (CHARS_LATIN per line); at least one line for a non-empty text.
 */
export function textLines(text) {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t) return 0;
  const hangul = (t.match(/[\u3131-\u318e\uac00-\ud7a3]/g) ?? []).length;
  const width = t.length - hangul + hangul * (CHARS_LATIN / CHARS_HANGUL);
  return Math.ceil(width / CHARS_LATIN);
}

/**
 * Estimated height (px) of one top-level lesson block on a phone: text blocks by their lines
 * (LINE px each, plus margins), headings two lines, lists by their items, tables by their rows,
 * display formulas 90 px, code by its lines, components by COMPONENT_PX (text components such as
 * KeyIdea by their text), other widgets WIDGET_PX; whitespace-only text 0.
 */
export function blockHeight(node) {
  if (node.type === 'text') return 0;
  if (node.type === 'mdxJsxFlowElement') {
    const known = COMPONENT_PX[node.name];
    if (known === 0) return textLines(textOf(node)) * LINE + 60;
    if (known !== undefined) return known;
    if (node.name === 'table') return 45 * countTag(node, 'tr') + 24;
    return /^[A-Z]/.test(node.name ?? '') ? WIDGET_PX : textLines(textOf(node)) * LINE + 24;
  }
  if (node.type !== 'element') return 0;
  const classes = node.properties?.className ?? [];
  if (Array.isArray(classes) && classes.includes('katex-display')) return 90;
  switch (node.tagName) {
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
      return 2 * LINE + 32;
    case 'ul':
    case 'ol':
      return (node.children ?? []).reduce((sum, li) => sum + textLines(textOf(li)) * LINE + 8, 16);
    case 'table':
      return 45 * countTag(node, 'tr') + 24;
    case 'pre':
      return textOf(node).split('\n').length * 22 + 32;
    default:
      return textLines(textOf(node)) * LINE + 24;
  }
}

/**
 * Index (into `blocks`) after which the fold goes: the first block where the running sum of
 * `blockHeight` reaches `fold`; -1 when the whole lesson is shorter (nothing then skips).
 */
export function foldIndex(blocks, fold = FOLD_PX) {
  let sum = 0;
  for (let i = 0; i < blocks.length; i++) {
    sum += blockHeight(blocks[i]);
    if (sum >= fold) return i;
  }
  return -1;
}

export default function rehypeRenderFold() {
  return (tree) => {
    const at = foldIndex(tree.children ?? []);
    if (at < 0) return;
    tree.children.splice(at + 1, 0, {
      type: 'element',
      tagName: 'div',
      properties: { className: ['render-fold'], hidden: true },
      children: [],
    });
  };
}
