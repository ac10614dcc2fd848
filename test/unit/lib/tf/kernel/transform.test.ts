/**
 * The cell transformation on its own: which names a cell declares, what the generated body looks
 * like, and how positions map back to the reader's code (the kernel tests run the result).
 */
import { describe, expect, it } from 'vitest';
import {
  CellSyntaxError,
  declaredNames,
  parseCell,
  toCellPosition,
  transformCell,
  type BindingKind,
} from '~/lib/tf/kernel/transform';

const names = (code: string) => Object.fromEntries(declaredNames(parseCell(code)));

describe('declaredNames', () => {
  it('collects top-level declarations with their kinds, including patterns', () => {
    expect(
      names(
        'const a = 1, { b, c: [d, ...e] = [] } = o;\nlet f;\nvar g = 2;\nfunction h() { var inner; }\nclass K {}',
      ),
    ).toEqual({
      a: 'const',
      b: 'const',
      d: 'const',
      e: 'const',
      f: 'let',
      g: 'var',
      h: 'function',
      K: 'class',
    });
  });

  it('vars in top-level blocks and loops belong to the cell; block lets and function bodies do not', () => {
    expect(
      names(
        'for (var i = 0; i < 2; i++) { let t = i; var acc = t; }\nif (x) { var z = 1; }\n(() => { var no = 1; })();',
      ),
    ).toEqual({
      i: 'var',
      acc: 'var',
      z: 'var',
    });
  });
});

describe('transformCell', () => {
  const scope = new Map<string, { kind: BindingKind }>([
    ['tf', { kind: 'const' }],
    ['n', { kind: 'let' }],
  ]);

  it('declares earlier names on one header line and returns the last expression', () => {
    const p = transformCell('const m = n + 1;\nm * 2', scope);
    const [header, ...lines] = p.body.split('\n');
    expect(header).toContain('const tf = __cellScope$.get("tf").value;');
    expect(header).toContain('let n = __cellScope$.get("n").value;');
    expect(header).toContain(
      '__cellCapture$({ get tf() { return tf; }, get n() { return n; }, get m() { return m; } });',
    );
    expect(header!.startsWith("'use strict';")).toBe(true);
    expect(lines.slice(0, 2)).toEqual(['const m = n + 1;', ';return (m * 2)']);
    expect(p.returnsValue).toBe(true);
    expect(p.insertions).toEqual([{ line: 2, column: 0, length: 9 }]);
  });

  it('a redeclared name is not inherited (no clash with the new declaration)', () => {
    const p = transformCell('let n = 5;', scope);
    expect(p.body.split('\n')[0]).not.toContain('let n =');
    expect(p.returnsValue).toBe(false);
  });

  it('a statement that is not an expression is not returned', () => {
    expect(transformCell('if (true) { 1 }', scope).returnsValue).toBe(false);
    expect(transformCell('', scope).returnsValue).toBe(false);
    expect(transformCell('"use strict"', scope).returnsValue).toBe(false);
  });

  it('syntax errors carry 1-based line and column; import/export are refused', () => {
    expect(() => transformCell('let a = 1;\nlet a = 2;', scope)).toThrow(CellSyntaxError);
    try {
      transformCell('x = {\n  a: 1,,\n}', scope);
    } catch (error) {
      expect(error).toMatchObject({ name: 'SyntaxError', line: 2, column: 8, message: 'Unexpected token' });
    }
    expect(() => transformCell("import x from 'y';", scope)).toThrow(/'import' and 'export' may appear only/);
  });
});

describe('toCellPosition', () => {
  const program = { headerLines: 1, insertions: [{ line: 3, column: 2, length: 9 }] };
  it.each([
    [1, 5, undefined],
    [2, 7, { line: 1, column: 7 }],
    [4, 3, { line: 3, column: 3 }],
    [4, 12, { line: 3, column: 3 }],
    [4, 20, { line: 3, column: 11 }],
    [4, 5, { line: 3, column: 3 }],
  ])('body line %i column %i → %j', (line, column, pos) =>
    expect(toCellPosition(program, line, column)).toEqual(pos),
  );
});
