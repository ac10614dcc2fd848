/**
 * Fails the build on a formula KaTeX cannot render. rehype-katex only records a message on the
 * file (with the formula's position) and leaves a red `.katex-error` span, or, for input that
 * breaks KaTeX's `strict` rules, silently renders it leniently. This step, placed after
 * rehype-katex, turns each such message or span into an error naming the file, the line and the
 * offending TeX.
 */

const textOf = (node) => (node.type === 'text' ? node.value : (node.children ?? []).map(textOf).join(''));

/** The `.katex-error` elements of a hast tree, as `{ tex, error }` in document order. */
export function katexErrors(tree) {
  const out = [];
  const visit = (node) => {
    const classes = node.properties?.className;
    if (node.type === 'element' && Array.isArray(classes) && classes.includes('katex-error')) {
      out.push({ tex: textOf(node), error: String(node.properties.title ?? '') });
      return;
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return out;
}

/**
 * One sentence per failed formula: from rehype-katex's messages (position, TeX, KaTeX's reason),
 * or, if none were recorded, from the `.katex-error` spans left in the tree.
 */
export function katexProblems(tree, file) {
  const path = file.path ?? 'unknown file';
  const messages = (file.messages ?? []).filter((m) => m.source === 'rehype-katex');
  if (messages.length > 0)
    return messages.map((m) => {
      // display math carries its position on the enclosing <pre>, not on the formula itself
      const start = m.line
        ? { line: m.line, column: m.column }
        : [...(m.ancestors ?? [])].reverse().find((a) => a.position)?.position.start;
      const at = start ? `${path}:${start.line}:${start.column ?? 1}` : path;
      const formula = m.ancestors?.at(-1);
      const tex = formula ? textOf(formula).trim() : '';
      const why = m.cause instanceof Error ? m.cause.message : m.reason;
      return `${at}: KaTeX cannot render ${tex ? `"${tex}"` : 'a formula'}: ${why}`;
    });
  return katexErrors(tree).map(({ tex, error }) => `${path}: KaTeX cannot render "${tex}": ${error}`);
}

/** The rehype plugin (after rehype-katex): throws all problems of the file together. */
export default function rehypeCheckKatex() {
  return (tree, file) => {
    const problems = katexProblems(tree, file);
    if (problems.length > 0) throw new Error(problems.join('\n'));
  };
}
