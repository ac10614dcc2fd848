/**
 * Cell code → one async function body, so that a page's cells share one scope like a notebook:
 *
 *   - names a cell declares at its top level (`const`, `let`, `var`, `function`, `class`, and `var`s
 *     inside top-level blocks) stay visible to every later cell;
 *   - a later cell may declare a name again (the new binding replaces the old one);
 *   - top-level `await` works (the body runs in an async function);
 *   - the value of the last top-level expression statement is returned;
 *   - the code runs in strict mode (assigning an undeclared name is an error, not a new global).
 *
 * How: the cell's own declarations are left untouched in the body. Before them, one line declares
 * every name the earlier cells defined (and the kernel's globals) that this cell does not declare
 * itself, initialised from the kernel's scope (`const` names stay `const`). An object of getters over
 * all those names is handed to the kernel, which reads the final values after the run (a name still
 * in its temporal dead zone — the cell threw before declaring it — keeps its previous value).
 *
 * Line numbers are kept: the header is one extra line before the cell's first line, and the only
 * edit inside the cell's code (`return (` … `)` around the last expression) is recorded so a
 * column on that line maps back to the reader's column. Pure: acorn only, no tfjs, no DOM.
 */
import { parse, type Node as AcornNode, type Options } from 'acorn';
import type { Pattern, Program, Statement } from 'estree';

/** How a name was declared: `const` names stay constant in later cells. */
export type BindingKind = 'const' | 'let' | 'var' | 'function' | 'class';

/** The kernel's scope: every name the cells (and the kernel) defined, with its value. */
export type Scope = Map<string, { kind: BindingKind; value: unknown }>;

/** Internal names used by the generated header (chosen so no reader's code collides with them). */
export const SCOPE_PARAM = '__cellScope$';
export const CAPTURE_PARAM = '__cellCapture$';

export interface CellProgram {
  /** the async function body: one header line, then the cell's lines */
  body: string;
  /** names the cell declares at its top level, with their kinds */
  declared: Map<string, BindingKind>;
  /** whether the last top-level statement is an expression whose value is returned */
  returnsValue: boolean;
  /** lines of the body before the cell's line 1 */
  headerLines: number;
  /** text inserted into the cell's own lines: 1-based line, 0-based column, length (for column mapping) */
  insertions: { line: number; column: number; length: number }[];
}

/** A syntax error in the reader's code, at a 1-based line and column. */
export class CellSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'SyntaxError';
  }
}

const parseOptions: Options = {
  ecmaVersion: 'latest',
  sourceType: 'script',
  allowAwaitOutsideFunction: true,
  locations: true,
};

/** The names a binding pattern introduces (`{ a, b: [c, ...d] }` → a, c, d). */
export function patternNames(pattern: Pattern, out: string[] = []): string[] {
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties) patternNames(p.type === 'RestElement' ? p.argument : p.value, out);
      break;
    case 'ArrayPattern':
      for (const p of pattern.elements) if (p) patternNames(p, out);
      break;
    case 'RestElement':
      patternNames(pattern.argument, out);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left, out);
      break;
    default:
      break; // MemberExpression targets declare nothing
  }
  return out;
}

/** `var` declarations inside a top-level statement's blocks (they belong to the cell's scope). */
function nestedVars(node: unknown, out: string[]): void {
  if (typeof node !== 'object' || node === null) return;
  const n = node as { type?: string };
  if (
    n.type === 'FunctionDeclaration' ||
    n.type === 'FunctionExpression' ||
    n.type === 'ArrowFunctionExpression' ||
    n.type === 'ClassDeclaration' ||
    n.type === 'ClassExpression'
  )
    return;
  if (n.type === 'VariableDeclaration') {
    const decl = node as { kind: string; declarations: { id: Pattern }[] };
    if (decl.kind === 'var') for (const d of decl.declarations) patternNames(d.id, out);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'start' || key === 'end') continue;
    if (Array.isArray(value)) for (const v of value) nestedVars(v, out);
    else if (typeof value === 'object' && value !== null && 'type' in value) nestedVars(value, out);
  }
}

/** The names a cell declares at its top level, with their kinds. */
export function declaredNames(program: Program): Map<string, BindingKind> {
  const declared = new Map<string, BindingKind>();
  for (const statement of program.body as Statement[]) {
    if (statement.type === 'VariableDeclaration') {
      // `using` declarations (explicit resource management) are constant bindings.
      const kind: BindingKind =
        statement.kind === 'var' || statement.kind === 'let' ? statement.kind : 'const';
      for (const d of statement.declarations) for (const name of patternNames(d.id)) declared.set(name, kind);
    } else if (statement.type === 'FunctionDeclaration' && statement.id) {
      declared.set(statement.id.name, 'function');
    } else if (statement.type === 'ClassDeclaration' && statement.id) {
      declared.set(statement.id.name, 'class');
    } else {
      for (const name of nestedVarsOf(statement)) if (!declared.has(name)) declared.set(name, 'var');
    }
  }
  return declared;
}

function nestedVarsOf(node: unknown): string[] {
  const out: string[] = [];
  nestedVars(node, out);
  return out;
}

/** Parses a cell; a syntax error becomes a `CellSyntaxError` at the reader's 1-based line/column. */
export function parseCell(code: string): Program {
  try {
    return parse(code, parseOptions) as unknown as Program;
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = (error instanceof Error ? error.message : String(error)).replace(/ \(\d+:\d+\)$/, '');
    if (loc) throw new CellSyntaxError(message, loc.line, loc.column + 1);
    throw error;
  }
}

/**
 * Builds the function body for `code`, given the names already in the kernel's scope. Throws
 * `CellSyntaxError` when the code does not parse.
 */
export function transformCell(code: string, scope: ReadonlyMap<string, { kind: BindingKind }>): CellProgram {
  const program = parseCell(code);
  const declared = declaredNames(program);

  // The header: earlier names this cell does not redeclare, then the getters for the kernel.
  const inherited = [...scope.entries()].filter(([name]) => !declared.has(name));
  const read = (name: string) => `${SCOPE_PARAM}.get(${JSON.stringify(name)}).value`;
  const constants = inherited.filter(([, b]) => b.kind === 'const').map(([n]) => `${n} = ${read(n)}`);
  const variables = inherited.filter(([, b]) => b.kind !== 'const').map(([n]) => `${n} = ${read(n)}`);
  const all = [...inherited.map(([n]) => n), ...declared.keys()];
  const getters = all.map((n) => `get ${n}() { return ${n}; }`).join(', ');
  const header =
    `'use strict'; ` +
    (constants.length ? `const ${constants.join(', ')}; ` : '') +
    (variables.length ? `let ${variables.join(', ')}; ` : '') +
    `${CAPTURE_PARAM}({ ${getters} });`;

  // The last expression statement becomes the return value.
  let cellCode = code;
  const insertions: CellProgram['insertions'] = [];
  const last = program.body.at(-1) as (Statement & AcornNode) | undefined;
  const returnsValue = last?.type === 'ExpressionStatement' && !('directive' in last && last.directive);
  if (returnsValue && last) {
    const expr = (last as unknown as { expression: AcornNode }).expression;
    const open = ';return (';
    const start = expr.loc!.start;
    cellCode =
      code.slice(0, expr.start) + open + code.slice(expr.start, expr.end) + ')' + code.slice(expr.end);
    insertions.push({ line: start.line, column: start.column, length: open.length });
  }
  return {
    body: `${header}\n${cellCode}\n`,
    declared,
    returnsValue,
    headerLines: 1,
    insertions,
  };
}

/**
 * Maps a 1-based line/column in the generated body back to the reader's code (undefined when it
 * falls in the header).
 */
export function toCellPosition(
  program: Pick<CellProgram, 'headerLines' | 'insertions'>,
  bodyLine: number,
  bodyColumn: number,
): { line: number; column: number } | undefined {
  const line = bodyLine - program.headerLines;
  if (line < 1) return undefined;
  let column = bodyColumn;
  for (const ins of program.insertions)
    if (ins.line === line && column - 1 >= ins.column + ins.length) column -= ins.length;
    else if (ins.line === line && column - 1 >= ins.column) column = ins.column + 1;
  return { line, column };
}
