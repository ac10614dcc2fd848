/**
 * The Architecture Lab's pure state: text → parsed network → analysis, which text line each
 * problem belongs to, and the URL fragment that reproduces a network (#preset=… or #net=…).
 */
import { analyze, type Analysis } from '~/lib/cnn/analyze';
import { formatShape } from '~/lib/cnn/network';
import { parseNetwork, type TextPosition } from '~/lib/cnn/text-format';
import { presetKeys, type PresetKey } from '~/lib/cnn/presets';
import { problem, type Problem } from '~/lib/cnn/problems';

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

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** Network text → compact URL-safe string (deflate-raw, then base64url). */
export async function encodeNetwork(text: string): Promise<string> {
  return toBase64Url(await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw')));
}

/**
 * Largest network text a link may unpack to (UTF-8 bytes): far above the 5,000-line networks the
 * Lab is built for, far below what a tiny "zip bomb" link could inflate to.
 */
export const MAX_LINK_TEXT_BYTES = 2_000_000;

/** Inflates `bytes`, giving up (null) as soon as the output passes `limit` bytes. */
async function inflateAtMost(bytes: Uint8Array, limit: number): Promise<Uint8Array | null> {
  const reader = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * The inverse of encodeNetwork; null when the string is damaged or would unpack to more than
 * `limit` bytes of text.
 */
export async function decodeNetwork(encoded: string, limit = MAX_LINK_TEXT_BYTES): Promise<string | null> {
  try {
    const bytes = await inflateAtMost(fromBase64Url(encoded), limit);
    return bytes === null ? null : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export type HashState = { preset: PresetKey } | { net: string } | { invalid: true } | null;

/** Reads "#preset=vgg16" or "#net=…" (anything else: null; a bad preset name: invalid). */
export function readHash(hash: string): HashState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const preset = params.get('preset');
  if (preset !== null)
    return (presetKeys as readonly string[]).includes(preset)
      ? { preset: preset as PresetKey }
      : { invalid: true };
  const net = params.get('net');
  if (net !== null) return net === '' ? { invalid: true } : { net };
  return null;
}

/** The fragment for a state: an unmodified preset by name, anything else as encoded text. */
export function hashFor(state: { preset: PresetKey } | { net: string }): string {
  return 'preset' in state ? `#preset=${state.preset}` : `#net=${state.net}`;
}
