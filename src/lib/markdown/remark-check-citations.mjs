/**
 * Build-time check that a lesson's bibliography and its text agree: every key in the frontmatter
 * `cites` must be cited with <Cite id="…" /> somewhere in the text, and every <Cite> must name a
 * key listed in `cites`. A mismatch fails `astro build` with the file named. (Cite.astro checks the
 * second rule again while rendering; this plugin adds the first, which no component can see.)
 */

/**
 * The ids of every `<Cite id="…" />` in an MDX tree, in order of appearance. An id written as an
 * expression (`id={x}`) cannot be checked statically and is reported as `null`.
 */
export function citedIds(tree) {
  const ids = [];
  const visit = (node) => {
    if ((node.type === 'mdxJsxTextElement' || node.type === 'mdxJsxFlowElement') && node.name === 'Cite') {
      const id = node.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'id');
      ids.push(typeof id?.value === 'string' ? id.value : null);
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return ids;
}

/**
 * Problems between the listed works (`cites`) and the cited ones (`cited`), as sentences:
 * listed but never cited, cited but not listed, and a <Cite> whose id is not a plain string.
 */
export function citationProblems(cites, cited) {
  const problems = [];
  const citedSet = new Set(cited.filter((id) => id !== null));
  for (const key of cites)
    if (!citedSet.has(key))
      problems.push(
        `"${key}" is listed in the frontmatter "cites" but never cited with <Cite id="${key}" />`,
      );
  for (const key of citedSet)
    if (!cites.includes(key))
      problems.push(`<Cite id="${key}" /> names a work not listed in the frontmatter "cites"`);
  if (cited.includes(null))
    problems.push('a <Cite> has an id that is not a plain string, so it cannot be checked');
  return problems;
}

/** The remark plugin: pages without `cites` and without <Cite> are left alone. */
export default function remarkCheckCitations() {
  return (tree, file) => {
    const frontmatter = file.data?.astro?.frontmatter ?? {};
    const cites = Array.isArray(frontmatter.cites) ? frontmatter.cites : [];
    const problems = citationProblems(cites, citedIds(tree));
    if (problems.length > 0) throw new Error(`${file.path ?? 'unknown file'}: ${problems.join('; ')}`);
  };
}
