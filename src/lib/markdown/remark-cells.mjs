/**
 * Runnable notebook cells, executed at build time. A fenced block whose language is `js` and
 * whose meta starts with `cell` is a cell:
 *
 *   ```js cell caption="Two convolutions agree" timeout=5000
 *   ```js cell setup            (hidden setup code: runs, but is not shown)
 *
 * All cells of one page run in page order in one kernel (the browser's kernel, on the tfjs CPU
 * backend in a Node worker thread — see cell-runner.mjs), and each fence becomes
 * `<Cell code="…" outputs="<JSON of CellOutput[]>" index={n} … />`, so the page shows the real
 * output with JavaScript off. `import Cell from '~/components/notebook/Cell.astro'` is added to
 * pages that have cells.
 *
 * The build fails, naming the file and line, when a cell throws (or does not parse), runs over its
 * time limit, or shows NaN or an infinite value.
 */
import { relative } from 'node:path';
import { parse } from 'acorn';
import { runCells } from './cell-runner.mjs';

export const CELL_COMPONENT = 'Cell';
export const CELL_IMPORT = `import ${CELL_COMPONENT} from '~/components/notebook/Cell.astro'`;
/** The default per-cell time limit (ms); the same as the browser's (kernel/protocol.ts). */
export const DEFAULT_CELL_TIMEOUT_MS = 10_000;

/**
 * The options in a fence's meta string after `cell`: `setup`, `caption="…"` (JSON string
 * escapes allowed), `timeout=<ms>`. Returns null when the meta does not start with `cell`;
 * throws an Error naming the problem for an unknown or malformed option.
 */
export function parseCellMeta(meta) {
  const text = (meta ?? '').trim();
  if (!/^cell(\s|$)/.test(text)) return null;
  const options = {};
  const re = /\s*(?:([A-Za-z]+)=("(?:[^"\\]|\\.)*"|\S+)|([A-Za-z]+))(?=\s|$)/y;
  let rest = text.slice(4);
  re.lastIndex = 0;
  while (rest.trim() !== '') {
    const m = re.exec(rest);
    if (!m) throw new Error(`cannot read the cell options "${rest.trim()}"`);
    rest = rest.slice(re.lastIndex);
    re.lastIndex = 0;
    const [, key, value, flag] = m;
    if (flag === 'setup') options.setup = true;
    else if (flag) throw new Error(`unknown cell option "${flag}" (use setup, caption="…", timeout=<ms>)`);
    else if (key === 'caption') {
      if (!/^"(?:[^"\\]|\\.)*"$/.test(value))
        throw new Error('the caption must be in double quotes: caption="…"');
      options.caption = JSON.parse(value);
    } else if (key === 'timeout') {
      const ms = Number(value);
      if (!Number.isInteger(ms) || ms < 100 || ms > 600_000)
        throw new Error(`timeout must be a whole number of milliseconds from 100 to 600000 (got ${value})`);
      options.timeout = ms;
    } else throw new Error(`unknown cell option "${key}" (use setup, caption="…", timeout=<ms>)`);
  }
  return options;
}

/** The cells of a tree, in page order: { node, parent, index, options }. */
export function findCells(tree) {
  const found = [];
  const visit = (node) => {
    for (const [i, child] of (node.children ?? []).entries()) {
      if (child.type === 'code' && child.lang === 'js') {
        const options = parseCellMeta(child.meta);
        if (options) found.push({ node: child, parent: node, index: i, options });
      } else visit(child);
    }
  };
  visit(tree);
  return found;
}

/** Whether an output holds NaN or ±Infinity (the kernel flags them). */
const nonFinite = (output) => output.nonFinite === true;

const stringAttribute = (name, value) => ({ type: 'mdxJsxAttribute', name, value });
/** A `name={n}` attribute with the estree MDX needs to compile the expression. */
const numberAttribute = (name, n) => ({
  type: 'mdxJsxAttribute',
  name,
  value: {
    type: 'mdxJsxAttributeValueExpression',
    value: String(n),
    data: {
      estree: {
        type: 'Program',
        sourceType: 'module',
        comments: [],
        body: [{ type: 'ExpressionStatement', expression: { type: 'Literal', value: n, raw: String(n) } }],
      },
    },
  },
});

/** The `<Cell … />` element for one executed cell. */
export function cellElement({ code, outputs, index, options, ms, backend, locale, position }) {
  const attributes = [
    stringAttribute('code', code),
    stringAttribute('outputs', JSON.stringify(outputs)),
    numberAttribute('index', index),
  ];
  if (options.caption !== undefined) attributes.push(stringAttribute('caption', options.caption));
  if (options.setup) attributes.push({ type: 'mdxJsxAttribute', name: 'setup', value: null });
  if (options.timeout !== undefined) attributes.push(numberAttribute('timeout', options.timeout));
  attributes.push(stringAttribute('backend', backend));
  attributes.push(numberAttribute('ms', Math.round(ms * 10) / 10));
  if (locale) attributes.push(stringAttribute('locale', locale));
  return { type: 'mdxJsxFlowElement', name: CELL_COMPONENT, attributes, children: [], position };
}

/** Whether the page's own ESM already declares `Cell` (an author importing it by hand). */
function importsCell(tree) {
  return tree.children.some(
    (n) =>
      n.type === 'mdxjsEsm' &&
      n.data?.estree?.body?.some(
        (s) => s.type === 'ImportDeclaration' && s.specifiers.some((sp) => sp.local.name === CELL_COMPONENT),
      ),
  );
}

/** The `mdxjsEsm` node importing Cell.astro (MDX compiles ESM from `data.estree`). */
export function cellImportNode() {
  return {
    type: 'mdxjsEsm',
    value: CELL_IMPORT,
    data: { estree: parse(CELL_IMPORT, { ecmaVersion: 'latest', sourceType: 'module' }) },
  };
}

/**
 * Why a cell fails the build, or null when it is fine: `cell` is the cell, `result` what the
 * runner returned for it, `cells` all cells (an error may point into an earlier cell's function).
 */
export function cellProblem({ where, cell, number, result, cells }) {
  const start = cell.node.position?.start.line ?? 0;
  if (result.timedOut)
    return {
      line: start,
      message: `${where}:${start}: cell ${number} did not finish within ${cell.timeout / 1000} s (its time limit; raise it with timeout=<ms> in the fence if the work is real)`,
    };
  const { response } = result;
  const error = response.outputs.find((o) => o.kind === 'error');
  if (!response.ok || error) {
    const name = error ? `${error.name}: ${error.message}` : 'an error';
    const verb =
      error?.name === 'SyntaxError' && error.line !== undefined && error.cell === undefined ? 'has' : 'threw';
    if (error?.line !== undefined) {
      const owner = error.cell !== undefined ? cells[error.cell] : cell;
      const ownerStart = owner?.node.position?.start.line ?? start;
      const line = ownerStart + error.line;
      const inCell =
        error.cell !== undefined
          ? `line ${error.line} of cell ${error.cell + 1}, called from cell ${number}`
          : `line ${error.line} of the cell`;
      return { line, message: `${where}:${line}: cell ${number} ${verb} ${name} (${inCell})` };
    }
    return { line: start, message: `${where}:${start}: cell ${number} threw ${name}` };
  }
  const bad = response.outputs.findIndex(nonFinite);
  if (bad >= 0)
    return {
      line: start,
      message: `${where}:${start}: cell ${number} shows NaN or an infinite value (output ${bad + 1}); the build refuses non-finite results`,
    };
  return null;
}

/** The remark plugin. */
export default function remarkCells() {
  return async (tree, file) => {
    const found = findCells(tree);
    if (found.length === 0) return;
    const path = file.path ?? 'unknown file';
    const where = relative(process.cwd(), path) || path;
    const locale = /[\\/]ko[\\/]/.test(path) ? 'ko' : 'en';
    const cells = found.map((c) => ({
      ...c,
      code: c.node.value,
      timeout: c.options.timeout ?? DEFAULT_CELL_TIMEOUT_MS,
    }));
    let results;
    try {
      results = await runCells(cells.map(({ code, timeout }) => ({ code, timeout })));
    } catch (error) {
      file.fail(
        `${where}: the notebook kernel could not run this page's cells: ${error instanceof Error ? error.message : error}`,
      );
    }
    for (const [i, cell] of cells.entries()) {
      const result = results[i];
      if (!result) break; // not reached: an earlier cell failed (reported below)
      const problem = cellProblem({ where, cell, number: i + 1, result, cells });
      if (problem) file.fail(problem.message, { line: problem.line, column: 1 });
    }
    // Replace from the end so earlier indices stay valid when several cells share a parent.
    for (const [i, cell] of [...cells.entries()].reverse()) {
      const { response } = results[i];
      cell.parent.children[cell.index] = cellElement({
        code: cell.code,
        outputs: response.outputs,
        index: i,
        options: cell.options,
        ms: response.ms,
        backend: response.backend.name,
        locale,
        position: cell.node.position,
      });
    }
    if (!importsCell(tree)) tree.children.unshift(cellImportNode());
  };
}
