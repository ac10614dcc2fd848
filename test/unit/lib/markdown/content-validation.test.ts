import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempTree } from '../../temp-tree';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMath from 'remark-math';
import remarkRehype from 'remark-rehype';
import rehypeKatex from 'rehype-katex';
import { VFile } from 'vfile';
import { twinProblems, missingTwins } from '~/lib/markdown/check-twins.mjs';
import {
  brokenLinks,
  contentFileFor,
  idsIn,
  isAnchor,
  lineOf,
  linksIn,
  pagePathOf,
  resolveInternal,
  targetFile,
} from '~/lib/markdown/check-links.mjs';
import rehypeCheckKatex, { katexErrors } from '~/lib/markdown/rehype-check-katex.mjs';
import { checkedNum, citeNumber } from '~/components/lesson/lesson-context';

const fixture = (files: Record<string, string>) => tempTree(files, 'content-validation-');

const SITE = 'https://convnet-notebook.example';

describe('twins in both locales', () => {
  it.each([
    [['01-a.mdx'], ['01-a.mdx'], []],
    [[], [], []],
    [['01-a.mdx', '02-b.mdx'], ['01-a.mdx'], ['src/content/docs/lessons/02-b.mdx has no Korean twin']],
    [['01-a.mdx'], ['01-a.mdx', '03-c.mdx'], ['src/content/docs/ko/lessons/03-c.mdx has no English twin']],
    [['01-a.mdx'], ['01-A.mdx'], ['01-a.mdx has no Korean twin', 'ko/lessons/01-A.mdx has no English twin']],
  ])('en %j, ko %j → %j', (en, ko, expected) => {
    const problems = twinProblems('lessons', en, ko);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((text, i) => expect(problems[i]).toContain(text));
  });
  it('looks at lessons/ and tools/ of a docs folder, Markdown and MDX only', () => {
    const root = fixture({
      'lessons/01-a.mdx': '',
      'ko/lessons/01-a.mdx': '',
      'tools/lab.mdx': '',
      'ko/tools/notes.txt': '',
      'ko/tools/other.md': '',
    });
    expect(missingTwins(root)).toEqual([
      'src/content/docs/tools/lab.mdx has no Korean twin src/content/docs/ko/tools/lab.mdx',
      'src/content/docs/ko/tools/other.md has no English twin src/content/docs/tools/other.md',
    ]);
  });
  it('finds every page of the course paired', () => expect(missingTwins('src/content/docs')).toEqual([]));
});

describe('link helpers', () => {
  it('reads hrefs of <a> only and ids with entities decoded', () => {
    const html =
      '<link href="/x.css"><a class="c" href="/a/?q=1&amp;r=2#s">A</a><a href="#t">T</a>' +
      '<h2 id="caf%C3%A9">x</h2><h3 id="합성곱">y</h3><a name="old">';
    expect(linksIn(html)).toEqual(['/a/?q=1&r=2#s', '#t']);
    expect([...idsIn(html)]).toEqual(['café', '합성곱', 'old']);
  });
  it.each([
    ['/lessons/x/#k', '/ko/', { path: '/lessons/x/', fragment: 'k' }],
    ['#%ED%95%A9', '/ko/lessons/y/', { path: '/ko/lessons/y/', fragment: '합' }],
    ['../z/', '/lessons/y/', { path: '/lessons/z/', fragment: '' }],
    [`${SITE}/tools/lab/`, '/', { path: '/tools/lab/', fragment: '' }],
    ['https://arxiv.org/abs/1512.03385', '/', null],
    ['mailto:a@b.c', '/', null],
    ['', '/', null],
  ])('resolveInternal(%j on %j)', (href, page, expected) =>
    expect(resolveInternal(href, page, SITE)).toEqual(expected),
  );
  it('treats key=value fragments as page state, not anchors', () => {
    expect(isAnchor('preset=fcn8s')).toBe(false);
    expect(isAnchor('')).toBe(false);
    expect(isAnchor('receptive-field')).toBe(true);
  });
  it('finds the line a link is written on, as Markdown or as an attribute', () => {
    const source = 'intro\n[see](/lessons/b/#k) and\n<a href="/tools/lab/">lab</a>\n';
    expect(lineOf(source, '/lessons/b/#k')).toBe(2);
    expect(lineOf(source, '/tools/lab/')).toBe(3);
    expect(lineOf(source, '/nowhere/')).toBeNull();
  });
  it('maps built files to URL paths, targets and content files', () => {
    const root = fixture({
      'dist/index.html': '',
      'dist/ko/lessons/a/index.html': '',
      'dist/favicon.svg': '',
      'src/content/docs/index.mdx': '',
      'src/content/docs/ko/lessons/a.mdx': '',
    });
    const dist = join(root, 'dist');
    expect(pagePathOf(dist, join(dist, 'index.html'))).toBe('/');
    expect(pagePathOf(dist, join(dist, 'ko/lessons/a/index.html'))).toBe('/ko/lessons/a/');
    expect(pagePathOf(dist, join(dist, '404.html'))).toBe('/404.html');
    expect(targetFile(dist, '/ko/lessons/a/')).toBe(join(dist, 'ko/lessons/a/index.html'));
    expect(targetFile(dist, '/ko/lessons/a')).toBe(join(dist, 'ko/lessons/a/index.html'));
    expect(targetFile(dist, '/favicon.svg')).toBe(join(dist, 'favicon.svg'));
    expect(targetFile(dist, '/lessons/a/')).toBeNull();
    expect(contentFileFor(root, '/')).toBe(join(root, 'src/content/docs/index.mdx'));
    expect(contentFileFor(root, '/ko/lessons/a/')).toBe(join(root, 'src/content/docs/ko/lessons/a.mdx'));
    expect(contentFileFor(root, '/404.html')).toBeNull();
  });
});

describe('brokenLinks on a small built site', () => {
  const page = (body: string) => `<html><head></head><body>${body}</body></html>`;
  const site = (pages: Record<string, string>, sources: Record<string, string> = {}) => {
    const files: Record<string, string> = {};
    for (const [path, body] of Object.entries(pages)) files[`dist/${path}`] = page(body);
    for (const [path, text] of Object.entries(sources)) files[`src/content/docs/${path}`] = text;
    const root = fixture(files);
    return brokenLinks(join(root, 'dist'), { root, site: SITE });
  };

  it('passes pages whose links and anchors all exist, in both locales', () =>
    expect(
      site({
        'index.html':
          '<a href="/lessons/a/#k">a</a><a href="/ko/">ko</a><a href="https://example.org/x">out</a>',
        'ko/index.html': '<a href="/ko/lessons/a/#%ED%95%A9">a</a><a href="/favicon.svg">i</a>',
        'lessons/a/index.html':
          '<h2 id="k">k</h2><a href="#_top">top</a><a href="/tools/lab/#preset=x">lab</a><span id="_top">',
        'ko/lessons/a/index.html': '<h2 id="합">합</h2>',
        'tools/lab/index.html': '',
        'favicon.svg': '',
      }),
    ).toEqual([]));

  it('reports a missing page with the content file and line, and a missing anchor', () =>
    expect(
      site(
        {
          'lessons/a/index.html':
            '<a href="/lessons/b/">b</a><a href="/lessons/c/#nope">c</a><a href="#%EC%97%86%EC%9D%8C">x</a>',
          'lessons/c/index.html': '<h2 id="yes">',
        },
        {
          'lessons/a.mdx':
            '---\ntitle: A\n---\nSee [b](/lessons/b/).\n\nAnd [c](/lessons/c/#nope).\n\n[x](#없음)\n',
        },
      ),
    ).toEqual([
      'src/content/docs/lessons/a.mdx:4: link to /lessons/b/ — no such page or file',
      'src/content/docs/lessons/a.mdx:6: link to /lessons/c/#nope — no element with id "nope" on /lessons/c/',
      'src/content/docs/lessons/a.mdx:8: link to #없음 — no element with id "없음" on /lessons/a/',
    ]));

  it('reports a link that every page carries (the sidebar) once, with the number of pages', () => {
    const problems = site(
      { 'index.html': '<a href="/gone/">x</a>', 'ko/index.html': '<a href="/gone/">x</a>' },
      { 'index.mdx': '', 'ko/index.mdx': '' },
    );
    expect(problems).toEqual([
      'src/content/docs/index.mdx: link to /gone/ — no such page or file (and on 1 more pages)',
    ]);
  });

  it('names the built page when no content file makes it (404)', () =>
    expect(site({ '404.html': '<a href="/missing/">home</a>' })[0]).toMatch(
      /dist\/404\.html \(built page\): link to \/missing\/ — no such page/,
    ));
});

describe('rehypeCheckKatex', () => {
  const render = (markdown: string, katexOptions: object = { strict: 'error' }) => {
    const file = new VFile({ path: 'src/content/docs/lessons/09-x.mdx', value: markdown });
    const processor = unified()
      .use(remarkParse)
      .use(remarkMath)
      .use(remarkRehype)
      .use(rehypeKatex, katexOptions)
      .use(rehypeCheckKatex);
    return processor.run(processor.parse(file), file);
  };

  it('passes formulas KaTeX renders', async () =>
    await expect(
      render('A $\\frac{k-1}{2}$ and\n\n$$\nO = \\frac{n + 2p - k}{s} + 1\n$$\n'),
    ).resolves.toBeTruthy());

  it('fails on a parse error with the file, line and TeX', async () =>
    await expect(render('Fine $x$.\n\nBroken $\\frac{1}{$ here.')).rejects.toThrow(
      /^src\/content\/docs\/lessons\/09-x\.mdx:3:8: KaTeX cannot render "\\frac\{1\}\{": KaTeX parse error/,
    ));

  it('fails on an undefined command in display math', async () =>
    await expect(render('$$\n\\convolve{x}\n$$')).rejects.toThrow(
      /09-x\.mdx:1:1: .*Undefined control sequence/,
    ));

  it('fails on input KaTeX accepts only leniently (strict: error)', async () =>
    await expect(render('Text $é$')).rejects.toThrow(/09-x\.mdx:1:6: .*strict mode/));

  it('lists every failed formula of a file', async () => {
    const error = await render('$\\bad$ and $\\worse$').catch((e: Error) => e);
    expect(String(error).match(/KaTeX cannot render/g)).toHaveLength(2);
  });

  it('finds .katex-error spans left in a tree (e.g. from raw HTML)', () => {
    const tree = {
      type: 'root',
      children: [
        {
          type: 'element',
          tagName: 'span',
          properties: { className: ['katex-error'], title: 'ParseError: x' },
          children: [{ type: 'text', value: '\\oops' }],
        },
      ],
    };
    expect(katexErrors(tree)).toEqual([{ tex: '\\oops', error: 'ParseError: x' }]);
    expect(() => rehypeCheckKatex()(tree, { path: 'p.mdx', messages: [] })).toThrow(
      'p.mdx: KaTeX cannot render "\\oops": ParseError: x',
    );
  });
});

describe('<Num> and <Cite> checks', () => {
  const file = 'src/content/docs/ko/lessons/05-alexnet.mdx';
  it.each([0, -3, 1.5e9, 0.25])('checkedNum(%j) is the number', (v) => expect(checkedNum(v, file)).toBe(v));
  it.each([
    [undefined, 'got undefined'],
    [null, 'got null'],
    [Number.NaN, 'got NaN'],
    [Number.POSITIVE_INFINITY, 'got Infinity'],
    ['12', 'got the string "12"'],
  ])('checkedNum(%j) fails naming the file', (v, text) =>
    expect(() => checkedNum(v, file)).toThrow(`${file}: <Num value={…}> ${text}`),
  );
  const known = (id: string) => ['he-2016', 'simonyan-2015'].includes(id);
  it('numbers a listed work by its place in cites', () =>
    expect(citeNumber('simonyan-2015', ['he-2016', 'simonyan-2015'], file, known)).toBe(2));
  it('fails naming the file for an unknown id and for one not in cites', () => {
    expect(() => citeNumber('he-2061', ['he-2016'], file, known)).toThrow(
      `${file}: <Cite id="he-2061"> names no known reference`,
    );
    expect(() => citeNumber(undefined, ['he-2016'], file, known)).toThrow('<Cite id="undefined">');
    expect(() => citeNumber('simonyan-2015', ['he-2016'], file, known)).toThrow(
      `${file}: <Cite id="simonyan-2015"> is not listed in the frontmatter "cites"`,
    );
  });
});
