/**
 * Where the reader clicked in a cell's highlighted code, as a line and column, so the editor that
 * replaces it opens with the caret at the same place. The code is one `<pre>` (highlighted or
 * plain), lines separated by newlines.
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
  const before = doc.createRange();
  before.setEnd(node, offset);
  const pre = root.querySelector('pre') ?? root;
  before.setStart(pre, 0);
  return lineAndColumn(before.toString());
}
