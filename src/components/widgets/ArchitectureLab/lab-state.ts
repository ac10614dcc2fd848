/**
 * The Architecture Lab's pure state: text → parsed network → analysis, which text line each
 * problem belongs to, and a preset's text. The URL fragment that reproduces a network is in
 * lab-link.ts.
 */
import { analyze, type Analysis } from '~/lib/cnn/analyze';
import { formatShape } from '~/lib/cnn/network';
import { formatNetwork, parseNetwork, type TextPosition } from '~/lib/cnn/text-format';
import { presets, type PresetKey } from '~/lib/cnn/presets';
import { problem, type Problem } from '~/lib/cnn/problems';

/** A preset's network in the text form the editor holds: formatNetwork(network, input). */
export function presetText(key: PresetKey): string {
  return formatNetwork(presets[key].network, presets[key].input);
}

/** A problem with the 1-based text line it belongs to (null when no line can be named). */
export interface LineProblem {
  problem: Problem;
  line: number | null;
}

export type LabResult =
  | { ok: true; analysis: Analysis; layerCount: number }
  | { ok: false; issues: LineProblem[]; badLines: Set<number> };

/** The 1-based text line of a problem: its own line (parse errors) or its layer's line (analysis). */
export function problemLine(p: Problem, positions: Record<string, TextPosition>): number | null {
  if (typeof p.values.line === 'number') return p.values.line;
  if (typeof p.values.path === 'string') return positions[p.values.path]?.line ?? null;
  return null;
}

/** Each problem with its line, and the set of lines that have one. */
export function withLines(
  problems: Problem[],
  positions: Record<string, TextPosition>,
): { ok: false; issues: LineProblem[]; badLines: Set<number> } {
  const issues = problems.map((p) => ({ problem: p, line: problemLine(p, positions) }));
  return { ok: false, issues, badLines: new Set(issues.flatMap((i) => (i.line === null ? [] : [i.line]))) };
}

/** Parses and analyses a network written in the text form; a missing input line is a problem. */
export function analyzeText(text: string): LabResult {
  const parsed = parseNetwork(text);
  if (!parsed.ok) return withLines(parsed.problems, {});
  const { network, input, positions } = parsed.value;
  if (input === null) {
    const missing = problem('parseExpected', {
      line: 1,
      col: 1,
      expected: 'inputLine',
      found: 'noInputLine',
    });
    return withLines([missing], {});
  }
  const result = analyze(network, input);
  if (!result.ok) return withLines(result.problems, positions);
  const layerCount = result.value.rows.filter((r) => r.kind !== 'concat' && r.kind !== 'residual').length;
  return { ok: true, analysis: result.value, layerCount };
}

/**
 * analyzeText that remembers its last text and result: asked again for the same text, it returns
 * the same result object without analysing again. The Lab analyses in one task and shows the
 * result in the next, so a keystroke can slip in between two shorter tasks.
 */
export function rememberingAnalyzer(): (text: string) => LabResult {
  let last: { text: string; result: LabResult } | null = null;
  return (text) => {
    if (last === null || last.text !== text) last = { text, result: analyzeText(text) };
    return last.result;
  };
}

/**
 * What the Lab's one-line status says about a result: the layer count, total parameters, total
 * multiply–adds (sums over the analysis, see `analyze`) and output shape when it analyses;
 * otherwise how many problems and the first line that has one (null when no problem names a line).
 * The build computes it for the first network, so the status needs no analysis to hydrate.
 */
export type LabVerdict =
  | { ok: true; layers: number; params: number; macs: number; output: string }
  | { ok: false; count: number; line: number | null };

/** The status of `result` (see LabVerdict). */
export function verdictOf(result: LabResult): LabVerdict {
  if (!result.ok)
    return {
      ok: false,
      count: result.issues.length,
      line: result.issues.find((i) => i.line !== null)?.line ?? null,
    };
  const { totals, output } = result.analysis;
  return {
    ok: true,
    layers: result.layerCount,
    params: totals.params.total,
    macs: totals.macs,
    output: formatShape(output),
  };
}

/**
 * Whether an edit of the editor (an InputEvent's `inputType`) is typing — characters inserted or
 * deleted one keystroke at a time (an input method's composition too: Korean is typed that way),
 * or a new line — after which the Lab waits for a pause before it analyses again; a paste, a
 * drop, undo/redo or a text set by script is analysed at once.
 */
export function isTypingEdit(inputType: string): boolean {
  return (
    inputType.startsWith('insertText') ||
    inputType.startsWith('delete') ||
    inputType === 'insertLineBreak' ||
    inputType === 'insertCompositionText'
  );
}

/** Lines in the text as the editor numbers them: the count of "\n" plus one ("" has 1 line). */
export function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}

/**
 * Offset of the first character of 1-based `line` in `text` (0 for line 1 and below); past the
 * last line, the text's length.
 */
export function lineStart(text: string, line: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', at);
    if (next === -1) return text.length;
    at = next + 1;
  }
  return at;
}
