/**
 * Lesson formulas without KaTeX's TeX annotation: `<math><semantics><mrow>…</mrow><annotation
 * encoding="application/x-tex">…</annotation></semantics></math>` becomes `<math><mrow>…</mrow>
 * </math>`. The annotation is never shown or read aloud, yet it cost two elements per formula
 * (270 of a lesson's 2,900) and put raw TeX into the search index (issue 12). Runs after rehype-katex.
 */
export default function rehypeLeanMath() {
  const visit = (node) => {
    if (!node.children) return;
    node.children = node.children.flatMap((child) =>
      child.type === 'element' && child.tagName === 'semantics'
        ? child.children.filter((c) => !(c.type === 'element' && c.tagName === 'annotation'))
        : [child],
    );
    for (const child of node.children) visit(child);
  };
  return (tree) => visit(tree);
}
