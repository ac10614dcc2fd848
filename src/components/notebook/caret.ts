/**
 * Where the reader clicked in a cell's highlighted code, as a line and column, so the editor that
 * replaces it opens with the caret at the same place. Works on Expressive Code's markup (one
 * `.ec-line` element per line) and on a plain `<pre>` (lines separated by newlines).
 */

/** Splits the text before the caret into the caret's line (0-based) and column. */
export function lineAndColumn(textBefore: string): { line: number; col: number } {
  const lines = textBefore.split('\n');
  return { line: lines.length - 1, col: lines.at(-1)!.length };
}

type CaretDocument = Document & {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
};

/** The caret position under the point (x, y) inside `root`, or null when the point is elsewhere. */
export function caretAt(root: HTMLElement, x: number, y: number): { line: number; col: number } | null {
  const doc = root.ownerDocument as CaretDocument;
  const position = doc.caretPositionFromPoint?.(x, y);
  if (!position || !root.contains(position.offsetNode)) return null;
  const { offsetNode: node, offset } = position;
  const lineEl = (node instanceof Element ? node : node.parentElement)?.closest('.ec-line');
  const before = doc.createRange();
  before.setEnd(node, offset);
  if (lineEl && root.contains(lineEl)) {
    const lines = Array.from(root.querySelectorAll('.ec-line'));
    before.setStart(lineEl, 0);
    return { line: lines.indexOf(lineEl), col: before.toString().length };
  }
  const pre = root.querySelector('pre') ?? root;
  before.setStart(pre, 0);
  return lineAndColumn(before.toString());
}
