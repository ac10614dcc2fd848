import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkMath from 'remark-math';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import remarkCheckCitations, { citationProblems, citedIds } from '~/lib/markdown/remark-check-citations.mjs';

const parse = (mdx: string) => unified().use(remarkParse).use(remarkMath).use(remarkMdx).parse(mdx);

/** Runs the plugin on `mdx` with `cites` as frontmatter, as the MDX pipeline does. */
const check = (mdx: string, cites: string[] | undefined, path = 'src/content/docs/lessons/09-x.mdx') => {
  const transform = remarkCheckCitations();
  transform(parse(mdx), { path, data: { astro: { frontmatter: cites === undefined ? {} : { cites } } } });
};

describe('citedIds', () => {
  it('finds inline and block <Cite> tags in order, and flags computed ids', () => {
    const tree = parse(
      'Text <Cite id="b-2" /> and <Cite id="a-1" />.\n\n<Cite id="c-3" />\n\nMore <Cite id={key} />.',
    );
    expect(citedIds(tree)).toEqual(['b-2', 'a-1', 'c-3', null]);
  });
  it('ignores other components', () =>
    expect(citedIds(parse('<Num value={3} /> <Quiz id="q" />'))).toEqual([]));
});

describe('citationProblems', () => {
  it.each([
    [['a'], ['a', 'a'], []],
    [[], [], []],
    [['a', 'b'], ['a'], ['"b" is listed in the frontmatter "cites" but never cited']],
    [['a'], ['a', 'z'], ['<Cite id="z" /> names a work not listed']],
    [['a'], ['a', null], ['not a plain string']],
  ])('cites %j, cited %j → %j', (cites, cited, expected) => {
    const problems = citationProblems(cites, cited);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((text, i) => expect(problems[i]).toContain(text));
  });
});

describe('remarkCheckCitations', () => {
  it('passes a lesson whose list and text agree, and a page with neither', () => {
    expect(() => check('See <Cite id="he-2016" />.', ['he-2016'])).not.toThrow();
    expect(() => check('No citations here.', undefined)).not.toThrow();
  });
  it('fails naming the file when a listed work is never cited', () =>
    expect(() => check('See <Cite id="he-2016" />.', ['he-2016', 'krizhevsky-2012'])).toThrow(
      /^src\/content\/docs\/lessons\/09-x\.mdx: "krizhevsky-2012" is listed/,
    ));
  it('fails naming the file when a <Cite> is not listed', () =>
    expect(() => check('See <Cite id="he-2016" />.', [])).toThrow(
      /09-x\.mdx: <Cite id="he-2016" \/> names a work/,
    ));

  it('accepts every lesson of the course as written', () => {
    for (const dir of ['src/content/docs/lessons', 'src/content/docs/ko/lessons'])
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.mdx'))) {
        const text = readFileSync(join(dir, name), 'utf8');
        const fm = /^---\n([\s\S]*?)\n---\n/.exec(text)!;
        const cites = /cites:\n((?: {2}- .+\n?)+)/
          .exec(fm[1]! + '\n')?.[1]!
          .match(/- (.+)/g)!
          .map((l) => l.slice(2).trim());
        expect(() => check(text.slice(fm[0].length), cites ?? [], join(dir, name))).not.toThrow();
      }
  });
});
