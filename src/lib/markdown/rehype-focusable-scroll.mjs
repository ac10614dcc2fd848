/**
 * Display equations and tables scroll sideways when they are wider than the screen (phones;
 * Starlight makes lesson tables scroll inside themselves). A scrolling region must be reachable
 * by keyboard (WCAG 2.1.1), so each gets tabindex="0" — Markdown tables and display math as hast
 * elements, tables written as JSX in MDX as JSX attributes. Runs after rehype-katex.
 */
export default function rehypeFocusableScroll() {
  const visit = (node) => {
    if (node.type === 'element') {
      const classes = node.properties?.className;
      // KaTeX's MathML-only output has no .katex-display wrapper: mark the display formula's own
      // span.katex (its <math display="block">) as the scrolling block instead.
      if (
        Array.isArray(classes) &&
        classes.includes('katex') &&
        node.children?.some((c) => c.tagName === 'math' && c.properties?.display === 'block')
      )
        classes.push('katex-display');
      if (node.tagName === 'table' || (Array.isArray(classes) && classes.includes('katex-display')))
        node.properties.tabIndex = 0;
    } else if (
      (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') &&
      node.name === 'table'
    ) {
      if (!node.attributes.some((a) => a.name === 'tabindex' || a.name === 'tabIndex'))
        node.attributes.push({ type: 'mdxJsxAttribute', name: 'tabindex', value: '0' });
    }
    for (const child of node.children ?? []) visit(child);
  };
  return (tree) => visit(tree);
}
