/**
 * The text form of a network: one layer per line, `#` starts a comment, indentation is cosmetic.
 *
 *     input 227x227x3              # H×W×C image (or `input 784` for a flat vector)
 *     conv1: conv 96 k11 s4        # optional "name:" prefix; C_out, then settings
 *     relu
 *     maxpool k3 s2 ceil           # ceil = Caffe rounding
 *     conv 256 k5 p2 g2 nobias     # p<n> | p=same | p=valid, d<n> dilation, g<n> groups
 *     conv 64 k1x7 p=same          # rectangular kernel k_h x k_w
 *     convt 64 k4 s2 p1 op0        # transposed conv, op = output padding
 *     flatten
 *     fc 4096
 *     dropout 0.5
 *     inception: concat {          # parallel branches joined on channels
 *       branch {
 *         conv 64 k1
 *       }
 *       branch { maxpool k3 s1 p1 }
 *     }
 *     residual {                   # y = body(x) + shortcut(x)
 *       conv 64 k3 p1
 *     } shortcut {                 # optional; left out = identity
 *       conv 64 k1
 *     }
 *
 * Settings are a letter (or `op`) glued to a value (`k3`) or joined by `=` (`k=3`, `p=same`).
 * Layer types: conv, convt, maxpool, avgpool, fc, flatten, gap, bn, relu, sigmoid, tanh,
 * dropout [rate], lrn [size], identity, concat, residual. Flags: bias / nobias, ceil.
 * `formatNetwork` prints every setting that is present (and nothing else), so
 * `parseNetwork(formatNetwork(n))` gives back exactly `n`.
 */
import {
  formatShape,
  layerKinds,
  type Kernel,
  type Layer,
  type LayerKind,
  type Network,
  type Padding,
  type Shape,
} from './network';
import { problem, type Checked, type OptionKey, type ParsePhrase, type Problem } from './problems';

/** Line and column (1-based) of a layer's first token. */
export interface TextPosition {
  line: number;
  col: number;
}

export interface ParsedNetwork {
  network: Network;
  /** From the `input` line, or null when the text has none. */
  input: Shape | null;
  /**
   * Where each layer starts, keyed by the layer's path as `analyze` reports it ("3", "3.1.0",
   * "5.body.2" ...), so an analysis problem (values.path) can be shown at its line.
   */
  positions: Record<string, TextPosition>;
}

type TokenType = 'word' | '{' | '}' | ':' | 'newline' | 'eof';

interface Token extends TextPosition {
  type: TokenType;
  text: string;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let col = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') {
      tokens.push({ type: 'newline', text: '\n', line, col });
      line += 1;
      col = 1;
      i += 1;
    } else if (ch === '#') {
      while (i < text.length && text[i] !== '\n') {
        i += 1;
        col += 1;
      }
    } else if (/\s/.test(ch)) {
      i += 1;
      col += 1;
    } else if (ch === '{' || ch === '}' || ch === ':') {
      tokens.push({ type: ch, text: ch, line, col });
      i += 1;
      col += 1;
    } else {
      const start = i;
      const startCol = col;
      while (i < text.length && !/[\s{}:#]/.test(text[i]!)) {
        i += 1;
        col += 1;
      }
      tokens.push({ type: 'word', text: text.slice(start, i), line, col: startCol });
    }
  }
  tokens.push({ type: 'eof', text: '', line, col });
  return tokens;
}

/** Thrown only inside this module, and always caught by parseNetwork. */
class ParseFailure {
  constructor(readonly problem: Problem) {}
}

/** What a parse error found: a phrase code, with the token's text for a word or bracket. */
function foundToken(t: Token): { found: ParsePhrase; token?: string } {
  if (t.type === 'eof') return { found: 'endOfText' };
  if (t.type === 'newline') return { found: 'endOfLine' };
  return { found: 'token', token: t.text };
}

/** What a parse error expected: a phrase code and the values its phrase names. */
type Expected = ParsePhrase | { phrase: ParsePhrase; values: Record<string, string> };

const NUMBER = /^-?\d+(\.\d+)?$/;

interface KindSpec {
  /** the leading number: C_out, units, dropout rate or LRN size; required when `expected` is given */
  positional?: { key: 'out' | 'rate' | 'size'; expected?: Expected };
  options: OptionKey[];
  required: OptionKey[];
  flags: ('bias' | 'nobias' | 'ceil')[];
}

const none: KindSpec = { options: [], required: [], flags: [] };
const pool: KindSpec = { options: ['k', 's', 'p'], required: ['k'], flags: ['ceil'] };
const specs: Record<Exclude<LayerKind, 'concat' | 'residual'>, KindSpec> = {
  conv: {
    positional: {
      key: 'out',
      expected: { phrase: 'outChannels', values: { example: 'conv 64 k3' } },
    },
    options: ['k', 's', 'p', 'd', 'g'],
    required: ['k'],
    flags: ['bias', 'nobias'],
  },
  convt: {
    positional: {
      key: 'out',
      expected: { phrase: 'outChannels', values: { example: 'convt 64 k4 s2' } },
    },
    options: ['k', 's', 'p', 'op', 'd'],
    required: ['k'],
    flags: ['bias', 'nobias'],
  },
  maxpool: pool,
  avgpool: pool,
  fc: {
    positional: { key: 'out', expected: { phrase: 'units', values: { example: 'fc 4096' } } },
    options: [],
    required: [],
    flags: ['bias', 'nobias'],
  },
  dropout: {
    positional: { key: 'rate' },
    options: [],
    required: [],
    flags: [],
  },
  lrn: {
    positional: { key: 'size' },
    options: [],
    required: [],
    flags: [],
  },
  flatten: none,
  gap: none,
  bn: none,
  relu: none,
  sigmoid: none,
  tanh: none,
  identity: none,
};

/**
 * Deepest nesting of blocks (concat branches, residual bodies) the text may have: far beyond any
 * real network (GoogLeNet and ResNet nest two deep), and shallow enough that parsing, analysing
 * and drawing a hostile text never exhaust the call stack.
 */
export const MAX_NESTING = 64;

class Parser {
  private pos = 0;
  private input: Shape | null = null;
  private sawLayer = false;
  private depth = 0;
  readonly positions: Record<string, TextPosition> = {};

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (t.type !== 'eof') this.pos += 1;
    return t;
  }

  private fail(t: Token, expected: Expected): never {
    const what =
      typeof expected === 'string' ? { expected } : { ...expected.values, expected: expected.phrase };
    throw new ParseFailure(problem('parseExpected', { line: t.line, col: t.col, ...what, ...foundToken(t) }));
  }

  private expect(type: TokenType, expected: Expected): Token {
    const t = this.peek();
    if (t.type !== type) this.fail(t, expected);
    return this.next();
  }

  private skipNewlines(): void {
    while (this.peek().type === 'newline') this.next();
  }

  parseProgram(): ParsedNetwork {
    const network = this.parseSeq('eof', '', true);
    return { network, input: this.input, positions: this.positions };
  }

  /** Layers up to (not including) `end`. */
  private parseSeq(end: 'eof' | '}', pathPrefix: string, top: boolean): Layer[] {
    if (!top && ++this.depth > MAX_NESTING) {
      const t = this.tokens[this.pos - 1]!; // the block's "{"
      throw new ParseFailure(problem('nestedTooDeep', { line: t.line, col: t.col, max: MAX_NESTING }));
    }
    try {
      return this.parseLayers(end, pathPrefix, top);
    } finally {
      if (!top) this.depth -= 1;
    }
  }

  private parseLayers(end: 'eof' | '}', pathPrefix: string, top: boolean): Layer[] {
    const layers: Layer[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.type === end) return layers;
      if (t.type === 'eof') this.fail(t, 'closeBlock');
      if (t.type !== 'word') this.fail(t, 'layer');
      const layer = this.parseItem(`${pathPrefix}${layers.length}`, top);
      if (layer) layers.push(layer);
      const after = this.peek();
      if (after.type === 'newline') this.next();
      else if (after.type !== end) this.fail(after, 'endOfLine');
    }
  }

  /** One line (or block); null for the input line. */
  private parseItem(path: string, top: boolean): Layer | null {
    const first = this.peek();
    let t = this.next();
    let name: string | undefined;
    if (this.peek().type === ':') {
      name = t.text;
      this.next();
      t = this.peek();
      if (t.type !== 'word') this.fail(t, 'layerTypeAfterName');
      this.next();
    }
    if (t.text === 'input' && name === undefined) {
      if (!top || this.sawLayer || this.input !== null) {
        throw new ParseFailure(problem('misplacedInput', { line: t.line, col: t.col }));
      }
      const shapeToken = this.peek();
      const shape = shapeToken.type === 'word' ? parseShape(shapeToken.text) : null;
      if (!shape?.ok) this.fail(shapeToken, 'inputShape');
      this.next();
      this.input = shape.value;
      return null;
    }
    this.sawLayer = true;
    const kind = t.text as LayerKind;
    if (!layerKinds.includes(kind)) {
      throw new ParseFailure(
        problem('unknownLayer', { line: t.line, col: t.col, word: t.text, known: layerKinds.join(', ') }),
      );
    }
    this.positions[path] = { line: first.line, col: first.col };
    const named = name === undefined ? {} : { name };
    if (kind === 'concat') {
      this.expect('{', { phrase: 'openBrace', values: { keyword: 'concat' } });
      const branches: Layer[][] = [];
      for (;;) {
        this.skipNewlines();
        const b = this.peek();
        if (b.type === '}') break;
        if (b.type !== 'word' || b.text !== 'branch') this.fail(b, 'branchOrClose');
        this.next();
        this.expect('{', { phrase: 'openBrace', values: { keyword: 'branch' } });
        branches.push(this.parseSeq('}', `${path}.${branches.length}.`, false));
        this.next(); // parseSeq('}') stops only at a "}"
      }
      this.next();
      return { ...named, kind, branches };
    }
    if (kind === 'residual') {
      this.expect('{', { phrase: 'openBrace', values: { keyword: 'residual' } });
      const body = this.parseSeq('}', `${path}.body.`, false);
      this.next(); // parseSeq('}') stops only at a "}"
      const mark = this.pos;
      this.skipNewlines();
      if (this.peek().type === 'word' && this.peek().text === 'shortcut' && this.peek(1).type === '{') {
        this.next();
        this.next();
        const shortcut = this.parseSeq('}', `${path}.shortcut.`, false);
        this.next(); // parseSeq('}') stops only at a "}"
        return { ...named, kind, body, shortcut };
      }
      this.pos = mark;
      return { ...named, kind, body };
    }
    return { ...named, ...this.parseSettings(kind, specs[kind]) } as Layer;
  }

  private parseSettings(kind: LayerKind, spec: KindSpec): Record<string, unknown> {
    const out: Record<string, unknown> = { kind };
    const settings = [...spec.options, ...spec.flags].join(' ');
    if (spec.positional) {
      const t = this.peek();
      if (t.type === 'word' && NUMBER.test(t.text)) {
        out[spec.positional.key] = Number(t.text);
        this.next();
      } else if (spec.positional.expected) {
        this.fail(t, spec.positional.expected);
      }
    }
    const seen = new Set<string>();
    while (this.peek().type === 'word') {
      const t = this.next();
      const m = /^([a-z]+)=(.+)$/.exec(t.text) ?? /^([a-z]+)(-?\d.*)$/.exec(t.text);
      const key = m ? m[1]! : t.text;
      const flag = spec.flags.find((f) => f === t.text);
      const option = m ? spec.options.find((o) => o === key) : undefined;
      if (!flag && !option) {
        throw new ParseFailure(
          problem('unknownOption', { line: t.line, col: t.col, option: t.text, kind, settings }),
        );
      }
      const slot = flag === 'nobias' ? 'bias' : (flag ?? option)!;
      if (seen.has(slot))
        throw new ParseFailure(problem('duplicateOption', { line: t.line, col: t.col, option: t.text }));
      seen.add(slot);
      if (flag) {
        out[flag === 'ceil' ? 'ceil' : 'bias'] = flag !== 'nobias';
        continue;
      }
      const raw = m![2]!;
      out[option!] = this.parseValue(option!, raw, t);
    }
    const missing = spec.required.find((r) => !seen.has(r));
    if (missing) this.fail(this.peek(), 'kernelSize');
    return out;
  }

  private parseValue(option: OptionKey, raw: string, t: Token): number | Kernel | Padding {
    if (option === 'p' && (raw === 'same' || raw === 'valid')) return raw;
    if (option === 'k') {
      const m = /^(-?\d+(?:\.\d+)?)x(-?\d+(?:\.\d+)?)$/.exec(raw);
      if (m) return [Number(m[1]), Number(m[2])];
    }
    if (!NUMBER.test(raw)) {
      this.fail(t, option === 'k' ? 'kernelValue' : option === 'p' ? 'paddingValue' : 'numberAfterSetting');
    }
    return Number(raw);
  }
}

/**
 * Parses the text form (see the module comment). Returns the network, the input shape from an
 * `input` line (null if none) and each layer's line/column; or the first syntax problem, with
 * values.line and values.col (1-based), what was expected and what was found (phrase codes, see
 * `parsePhrases`). Values are not range-checked
 * here (stride 0 parses); `analyze` reports those, naming the layer.
 */
export function parseNetwork(text: string): Checked<ParsedNetwork> {
  try {
    return { ok: true, value: new Parser(tokenize(text)).parseProgram() };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, problems: [e.problem] };
    throw e;
  }
}

/** Parses "227x227x3" (H x W x C; "×" also accepted) or "784" (a flat vector). */
export function parseShape(text: string): Checked<Shape> {
  const parts = text.trim().split(/[x×]/);
  const nums = parts.map((s) => (/^\d+$/.test(s) ? Number(s) : Number.NaN));
  if (nums.some((n) => Number.isNaN(n)) || (nums.length !== 1 && nums.length !== 3)) {
    return {
      ok: false,
      problems: [
        problem('parseExpected', { line: 1, col: 1, expected: 'shape', found: 'token', token: text }),
      ],
    };
  }
  const [a, b, c] = nums as [number, number, number];
  return { ok: true, value: nums.length === 1 ? { size: a } : { h: a, w: b, c } };
}

/** "227x227x3" or "784": the shape as the `input` line writes it. */
export function formatShapeText(shape: Shape): string {
  return formatShape(shape, 'x');
}

function kernelText(k: Kernel): string {
  return typeof k === 'number' ? `k${k}` : `k${k[0]}x${k[1]}`;
}

/** One layer's line, without children, e.g. "conv2: conv 256 k5 p2 g2". */
export function formatLayerLine(layer: Layer): string {
  const parts: string[] = [];
  const push = (value: unknown, text: string) => {
    if (value !== undefined) parts.push(text);
  };
  switch (layer.kind) {
    case 'conv':
    case 'convt':
      parts.push(layer.kind, String(layer.out), kernelText(layer.k));
      push(layer.s, `s${layer.s}`);
      push(layer.p, typeof layer.p === 'string' ? `p=${layer.p}` : `p${layer.p}`);
      if (layer.kind === 'convt') push(layer.op, `op${layer.op}`);
      push(layer.d, `d${layer.d}`);
      if (layer.kind === 'conv') push(layer.g, `g${layer.g}`);
      push(layer.bias, layer.bias ? 'bias' : 'nobias');
      break;
    case 'maxpool':
    case 'avgpool':
      parts.push(layer.kind, kernelText(layer.k));
      push(layer.s, `s${layer.s}`);
      push(layer.p, typeof layer.p === 'string' ? `p=${layer.p}` : `p${layer.p}`);
      if (layer.ceil) parts.push('ceil');
      break;
    case 'fc':
      parts.push('fc', String(layer.out));
      push(layer.bias, layer.bias ? 'bias' : 'nobias');
      break;
    case 'dropout':
      parts.push('dropout');
      push(layer.rate, String(layer.rate));
      break;
    case 'lrn':
      parts.push('lrn');
      push(layer.size, String(layer.size));
      break;
    case 'concat':
    case 'residual':
      parts.push(layer.kind, '{');
      break;
    default:
      parts.push(layer.kind);
  }
  const line = parts.join(' ');
  return layer.name === undefined ? line : `${layer.name}: ${line}`;
}

function formatLines(layers: Layer[], depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  for (const layer of layers) {
    out.push(pad + formatLayerLine(layer));
    if (layer.kind === 'concat') {
      for (const branch of layer.branches) {
        out.push(`${pad}  branch {`);
        formatLines(branch, depth + 2, out);
        out.push(`${pad}  }`);
      }
      out.push(`${pad}}`);
    } else if (layer.kind === 'residual') {
      formatLines(layer.body, depth + 1, out);
      if (layer.shortcut !== undefined) {
        out.push(`${pad}} shortcut {`);
        formatLines(layer.shortcut, depth + 1, out);
      }
      out.push(`${pad}}`);
    }
  }
}

/**
 * Prints a network in the text form, one layer per line, blocks indented by two spaces,
 * preceded by an `input` line when `input` is given. Round-trips through `parseNetwork`.
 */
export function formatNetwork(network: Network, input?: Shape | null): string {
  const out: string[] = [];
  if (input) out.push(`input ${formatShapeText(input)}`);
  formatLines(network, 0, out);
  return out.join('\n') + '\n';
}
