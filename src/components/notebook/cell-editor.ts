/**
 * The cell editor: CodeMirror 6 with JavaScript. Imported dynamically by the cell island only when
 * the reader clicks or focuses a cell's code, so no editor code is in a page's first download.
 *
 * Keys: Ctrl/Cmd+Enter runs the cell; Tab is not bound (CodeMirror's default), so it moves focus
 * on to the next control and never traps a keyboard user; Enter indents the new line itself.
 * Colours come from Starlight's theme variables and token classes (`tok-*`) styled in Cell.svelte,
 * so the editor follows the site's light and dark themes.
 */
import { minimalSetup } from 'codemirror';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { EditorSelection, Prec } from '@codemirror/state';
import { javascript } from '@codemirror/lang-javascript';
import { syntaxHighlighting } from '@codemirror/language';
import { classHighlighter } from '@lezer/highlight';

export interface CellEditorOptions {
  parent: HTMLElement;
  doc: string;
  /** the accessible name of the editable area */
  label: string;
  /** where the caret starts: a line (0-based) and column, clamped to the text */
  caret: { line: number; col: number } | null;
  onChange: (text: string) => void;
  onRun: () => void;
}

export interface CellEditor {
  focus(): void;
  /** replaces the whole text (Reset), keeping the editor's undo history */
  setText(text: string): void;
  destroy(): void;
}

const theme = EditorView.theme({
  '&': {
    backgroundColor: 'var(--sl-color-gray-6)',
    color: 'var(--sl-color-white)',
    fontSize: 'var(--sl-text-code, 0.875rem)',
    borderRadius: '0.25rem',
  },
  '&.cm-focused': { outline: '3px solid var(--sl-color-accent-high)', outlineOffset: '2px' },
  '.cm-scroller': { fontFamily: 'var(--__sl-font-mono)', lineHeight: '1.6' },
  '.cm-content': { caretColor: 'var(--sl-color-white)', padding: '0.75rem 0' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--sl-color-white)' },
  '.cm-gutters': {
    backgroundColor: 'var(--sl-color-gray-6)',
    color: 'var(--sl-color-gray-3)',
    border: 'none',
  },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--sl-color-accent-low)',
  },
});

/** The position of `caret` in `view`'s text, clamped to the document. */
function caretPosition(view: EditorView, caret: CellEditorOptions['caret']): number {
  if (!caret) return 0;
  const doc = view.state.doc;
  const line = doc.line(Math.min(Math.max(1, caret.line + 1), doc.lines));
  return line.from + Math.min(Math.max(0, caret.col), line.length);
}

/** Creates the editor in `parent` with the caret at `caret`. */
export function createCellEditor(options: CellEditorOptions): CellEditor {
  const view = new EditorView({
    parent: options.parent,
    doc: options.doc,
    extensions: [
      Prec.highest(
        keymap.of([
          {
            key: 'Mod-Enter',
            run: () => {
              options.onRun();
              return true;
            },
          },
        ]),
      ),
      minimalSetup,
      lineNumbers(),
      javascript(),
      syntaxHighlighting(classHighlighter),
      theme,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': options.label }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) options.onChange(update.state.doc.toString());
      }),
    ],
  });
  view.dispatch({ selection: EditorSelection.cursor(caretPosition(view, options.caret)) });
  return {
    focus: () => view.focus(),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    destroy: () => view.destroy(),
  };
}
