/**
 * A cell's code as highlighted HTML, made at build time with the same parser (Lezer's JavaScript
 * grammar, through @codemirror/lang-javascript) and the same token classes (`tok-*`, from
 * `classHighlighter`) as the editor that replaces it on focus, so the code looks the same before
 * and after the reader starts editing.
 *
 * Why not Expressive Code: its markup costs about 17 elements per line and its script watches
 * every code block with a ResizeObserver, which forced a whole-page layout on load (issue 12).
 * Here only tokens that get a colour become a `<span>`; everything else is plain text in one
 * `<pre>`, lines separated by newlines — about 2–4 elements per line.
 */
import { javascriptLanguage } from '@codemirror/lang-javascript';
import { classHighlighter, highlightCode } from '@lezer/highlight';

/**
 * The `tok-*` classes that have a colour in the cell stylesheet (CellCode.svelte); a token with
 * none of them is written as plain text.
 */
export const COLOURED_TOKEN_CLASSES = [
  'tok-keyword',
  'tok-operatorKeyword',
  'tok-string',
  'tok-string2',
  'tok-number',
  'tok-bool',
  'tok-comment',
  'tok-definition',
  'tok-propertyName',
] as const;

const coloured = new Set<string>(COLOURED_TOKEN_CLASSES);

/** `text` with &, < and > escaped for an HTML text node. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The highlighted HTML of JavaScript `code`: escaped text, with each token that has a coloured
 * class wrapped in `<span class="tok-…">` (only its coloured classes kept), and neighbouring
 * tokens of the same classes merged into one span. Line breaks stay `\n`. Code that does not
 * parse is still highlighted as far as Lezer's error recovery goes; the text is never altered.
 */
export function highlightJs(code: string): string {
  const tree = javascriptLanguage.parser.parse(code);
  const pieces: { text: string; classes: string }[] = [];
  const put = (text: string, classes: string) => {
    const last = pieces.at(-1);
    if (last && last.classes === classes) last.text += text;
    else pieces.push({ text, classes });
  };
  highlightCode(
    code,
    tree,
    classHighlighter,
    (text, classes) =>
      put(
        text,
        classes
          .split(' ')
          .filter((c) => coloured.has(c))
          .join(' '),
      ),
    () => put('\n', ''),
  );
  return pieces
    .map(({ text, classes }) =>
      classes === '' || text.trim() === ''
        ? escapeHtml(text)
        : `<span class="${classes}">${escapeHtml(text)}</span>`,
    )
    .join('');
}
