/**
 * Build-time cells: the fence meta, and the plugin on small MDX pages compiled by MDX itself —
 * good cells become <Cell> elements with their real outputs (and the import is added); a cell
 * that throws, does not parse, loops past its time limit or shows NaN fails with file:line.
 */
import { compile } from '@mdx-js/mdx';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CELL_TIMEOUT_MS as protocolDefault } from '~/lib/tf/kernel/protocol';
import remarkCells, { DEFAULT_CELL_TIMEOUT_MS, parseCellMeta } from '~/lib/markdown/remark-cells.mjs';

const PATH = `${process.cwd()}/src/content/docs/lessons/05-fixture.mdx`;
const WHERE = 'src/content/docs/lessons/05-fixture.mdx';

/** Compiles `mdx` with the plugin; returns the JS and the tree's Cell elements (seen by a spy plugin). */
async function build(mdx: string, path = PATH) {
  const seen: { attributes: { name: string; value: unknown }[] }[] = [];
  const spy = () => (tree: { children: unknown[] }) => {
    const visit = (n: { type?: string; name?: string; children?: unknown[] }) => {
      if (n.type === 'mdxJsxFlowElement' && n.name === 'Cell') seen.push(n as never);
      for (const c of n.children ?? []) visit(c as never);
    };
    visit(tree);
  };
  const js = String(await compile(new VFile({ path, value: mdx }), { remarkPlugins: [remarkCells, spy] }));
  const props = seen.map((el) =>
    Object.fromEntries(
      el.attributes.map((a) => [
        a.name,
        a.value === null
          ? true
          : typeof a.value === 'object'
            ? Number((a.value as { value: string }).value)
            : a.value,
      ]),
    ),
  );
  return { js, props };
}

describe('parseCellMeta', () => {
  it.each([
    ['cell', {}],
    ['cell setup', { setup: true }],
    ['cell caption="Two \\"convs\\" agree" timeout=5000', { caption: 'Two "convs" agree', timeout: 5000 }],
    ['  cell   timeout=500 setup ', { timeout: 500, setup: true }],
    ['cell caption="한국어 캡션"', { caption: '한국어 캡션' }],
  ])('%s', (meta, options) => expect(parseCellMeta(meta)).toEqual(options));

  it('ignores fences that are not cells', () => {
    expect(parseCellMeta(null)).toBeNull();
    expect(parseCellMeta('title="x.js"')).toBeNull();
    expect(parseCellMeta('cellular')).toBeNull();
  });

  it.each([
    ['cell hidden', /unknown cell option "hidden"/],
    ['cell timeout=fast', /timeout must be a whole number/],
    ['cell timeout=10', /timeout must be a whole number/],
    ['cell caption=plain', /double quotes/],
    ['cell caption="open', /double quotes/],
    ['cell timeout=500=', /timeout must be a whole number/],
    ['cell "quoted"', /cannot read the cell options/],
  ])('%s is refused', (meta, message) => expect(() => parseCellMeta(meta)).toThrow(message));

  it('uses the same default time limit as the browser', () =>
    expect(DEFAULT_CELL_TIMEOUT_MS).toBe(protocolDefault));
});

describe('remark-cells', () => {
  it('runs the cells of a page in order in one kernel and renders <Cell> with their outputs', async () => {
    const { js, props } = await build(
      [
        '# Page',
        '',
        '```js cell setup',
        'const k = 3;',
        '```',
        '',
        'Text between.',
        '',
        '```js cell caption="A 3×3 convolution" timeout=20000',
        'const y = tf.conv2d(tf.ones([1, 5, 5, 1]), tf.ones([k, k, 1, 1]), 1, "valid");',
        'console.log(y.shape.join("×"), cnn.outputSize(5, k));',
        'y',
        '```',
        '',
        '```js',
        'not a cell',
        '```',
      ].join('\n'),
    );
    expect(js).toContain("import Cell from '~/components/notebook/Cell.astro'");
    expect(props).toHaveLength(2);
    expect(props[0]).toMatchObject({
      code: 'const k = 3;',
      outputs: '[]',
      index: 0,
      setup: true,
      backend: 'cpu',
      locale: 'en',
    });
    const second = props[1]!;
    expect(second).toMatchObject({ index: 1, caption: 'A 3×3 convolution', timeout: 20000, backend: 'cpu' });
    expect(second.ms).toBeGreaterThan(0);
    const outputs = JSON.parse(second.outputs as string);
    expect(outputs[0]).toEqual({ kind: 'text', text: '1×3×3×1 3', stream: 'log' });
    expect(outputs[1]).toMatchObject({
      kind: 'tensor',
      shape: [1, 3, 3, 1],
      values: [
        [
          [[9], [9], [9]],
          [[9], [9], [9]],
          [[9], [9], [9]],
        ],
      ],
    });
    expect(js).toContain('"not a cell"'.slice(1, -1)); // an ordinary fence stays code
  });

  it('leaves pages without cells alone (no import)', async () => {
    const { js, props } = await build('# Plain\n\n```js\nconst a = 1;\n```\n');
    expect(props).toHaveLength(0);
    expect(js).not.toContain('Cell.astro');
  });

  it('marks Korean pages with their locale', async () => {
    const { props } = await build(
      '```js cell\n1 + 1\n```\n',
      `${process.cwd()}/src/content/docs/ko/lessons/05-fixture.mdx`,
    );
    expect(props[0]).toMatchObject({ locale: 'ko', outputs: JSON.stringify([{ kind: 'value', text: '2' }]) });
  });

  it('a cell that throws fails the build with the file, the line in the file and the line in the cell', async () => {
    const mdx =
      '# Page\n\n```js cell\nconst a = 1;\n```\n\n```js cell\nconst b = 2;\nconst c = null;\nc.foo();\n```\n';
    await expect(build(mdx)).rejects.toThrow(
      `${WHERE}:10: cell 2 threw TypeError: Cannot read properties of null (reading 'foo') (line 3 of the cell)`,
    );
  });

  it('a syntax error fails the build at its line', async () => {
    await expect(build('Intro\n\n```js cell\nconst a = ;\n```\n')).rejects.toThrow(
      `${WHERE}:4: cell 1 has SyntaxError: Unexpected token (line 1 of the cell)`,
    );
  });

  it('an error inside a function an earlier cell defined points at that cell', async () => {
    const mdx = '```js cell\nfunction f() {\n  return undefinedName;\n}\n```\n\n```js cell\nf()\n```\n';
    await expect(build(mdx)).rejects.toThrow(
      `${WHERE}:3: cell 2 threw ReferenceError: undefinedName is not defined (line 2 of cell 1, called from cell 2)`,
    );
  });

  it('an endless loop is stopped by its time limit and fails the build naming file:line', async () => {
    const started = performance.now();
    await expect(build('# Loop\n\n```js cell timeout=500\nwhile (true) {}\n```\n')).rejects.toThrow(
      `${WHERE}:3: cell 1 did not finish within 0.5 s`,
    );
    // kernel start-up is not counted in the limit; the loop itself is stopped after 0.5 s
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it.each([
    ['a NaN tensor', 'tf.tensor1d([0]).div(tf.tensor1d([0]))'],
    ['a NaN number', 'Math.sqrt(-1)'],
    ['an infinite value logged', 'console.log(1 / 0)'],
    ['NaN inside a table', 'show([{ a: 1 }, { a: NaN }])'],
  ])('%s fails the build', async (_, code) => {
    await expect(build(`Text\n\n\`\`\`js cell\n${code}\n\`\`\`\n`)).rejects.toThrow(
      new RegExp(`${WHERE}:3: cell 1 shows NaN or an infinite value`),
    );
  });

  it('a bad fence meta fails the build', async () => {
    await expect(build('```js cell hidden\n1\n```\n')).rejects.toThrow(/unknown cell option "hidden"/);
  });
});
