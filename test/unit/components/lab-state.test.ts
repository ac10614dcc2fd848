import { describe, expect, it } from 'vitest';
import {
  analyzeText,
  isTypingEdit,
  presetText,
  problemLine,
  rememberingAnalyzer,
  verdictOf,
} from '~/components/widgets/ArchitectureLab/lab-state';
import { formatNetwork, parseNetwork } from '~/lib/cnn/text-format';
import { presets, presetKeys } from '~/lib/cnn/presets';
import { problem } from '~/lib/cnn/problems';
import { english } from '../english';

describe('analyzeText', () => {
  it.each(presetKeys)('%s text analyses to its published total', (key) => {
    const r = analyzeText(formatNetwork(presets[key].network, presets[key].input));
    expect(r.ok).toBe(true);
  });

  it('AlexNet text: 60,965,224 parameters, 8 layers with weights among 23', () => {
    const r = analyzeText(formatNetwork(presets['alexnet-2012'].network, presets['alexnet-2012'].input));
    if (!r.ok) throw new Error('expected ok');
    expect(r.analysis.totals.params.total).toBe(60_965_224);
    expect(r.layerCount).toBe(23);
  });

  it.each([
    ['a parse error points at its own line', 'input 32x32x3\nconv 8 k3\nconv k3\n', 3, 'parseExpected'],
    [
      'an analysis error points at the layer line',
      'input 4x4x3\nconv 8 k3\n\n# comment\nconv 8 k5\n',
      5,
      'kernelTooLarge',
    ],
    ['fc on an image', 'input 8x8x3\nfc 10\n', 2, 'needsFlatInput'],
    ['stride 0', 'input 8x8x3\nconv 4 k3 s0\n', 2, 'notPositive'],
    ['unknown layer', 'input 8x8x3\nfrobnicate 3\n', 2, 'unknownLayer'],
    ['no input line', 'conv 4 k3\n', 1, 'parseExpected'],
  ])('%s', (_name, text, line, code) => {
    const r = analyzeText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]!.problem.code).toBe(code);
    expect(r.issues[0]!.line).toBe(line);
    expect(r.badLines.has(line)).toBe(true);
    for (const i of r.issues) expect(english(i.problem)).not.toMatch(/NaN|undefined|\[missing/);
  });

  it('a problem inside a block maps to the line of the layer in the block', () => {
    const text = 'input 8x8x16\nresidual {\n  conv 16 k3 p1\n  conv 8 k3 p1\n}\n';
    const r = analyzeText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.line).not.toBeNull();
  });
});

describe('problemLine', () => {
  it.each([
    [problem('parseExpected', { line: 4, col: 2, expected: 'x', found: 'y' }), {}, 4],
    [
      {
        ...problem('kernelTooLarge', { k: 5, padded: 4 }),
        values: { k: 5, padded: 4, layer: 'conv2', path: '1' },
      },
      { '1': { line: 7, col: 1 } },
      7,
    ],
    [problem('emptyNetwork'), {}, null],
  ])('%#', (p, positions, line) => expect(problemLine(p, positions)).toBe(line));
});

describe('presetText', () => {
  it.each(presetKeys)('%s: parsing its text gives the preset’s network and input back', (key) => {
    const parsed = parseNetwork(presetText(key));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.network).toEqual(presets[key].network);
    expect(parsed.value.input).toEqual(presets[key].input);
  });
});

describe('isTypingEdit', () => {
  it.each([
    ['insertText', true],
    ['insertCompositionText', true],
    ['insertLineBreak', true],
    ['insertParagraph', false],
    ['deleteContentBackward', true],
    ['deleteContentForward', true],
    ['deleteWordBackward', true],
    ['deleteByCut', true],
    ['insertFromPaste', false],
    ['insertFromDrop', false],
    ['insertReplacementText', false],
    ['historyUndo', false],
    ['historyRedo', false],
    ['', false],
  ])('%j → %s', (inputType, typing) => {
    expect(isTypingEdit(inputType)).toBe(typing);
  });
});

describe('verdictOf (the status sentence’s figures)', () => {
  it('AlexNet: 23 layers, 60,965,224 parameters, its multiply–adds and a 1000-wide output', () => {
    const r = analyzeText(formatNetwork(presets['alexnet-2012'].network, presets['alexnet-2012'].input));
    if (!r.ok) throw new Error('expected ok');
    expect(verdictOf(r)).toEqual({
      ok: true,
      layers: 23,
      params: 60_965_224,
      macs: r.analysis.totals.macs,
      output: '1000',
    });
  });

  it.each([
    ['one problem on line 3', 'input 32x32x3\nconv 8 k3\nconv k3\n', 1, 3],
    ['fc on an image, line 2', 'input 8x8x3\nfc 10\nfc 10\n', 1, 2],
    ['no input line: line 1', 'conv 4 k3\n', 1, 1],
  ])('%s', (_name, text, count, line) => {
    expect(verdictOf(analyzeText(text))).toEqual({ ok: false, count, line });
  });

  it('the line of the first problem that names one; null when none does', () => {
    const p = problem('notPositive', {});
    const result = (...lines: (number | null)[]) => ({
      ok: false as const,
      issues: lines.map((line) => ({ problem: p, line })),
      badLines: new Set(lines.filter((l) => l !== null)),
    });
    expect(verdictOf(result(null, 4, 2))).toEqual({ ok: false, count: 3, line: 4 });
    expect(verdictOf(result(null))).toEqual({ ok: false, count: 1, line: null });
  });
});

describe('rememberingAnalyzer', () => {
  const alexnet = formatNetwork(presets['alexnet-2012'].network, presets['alexnet-2012'].input);
  const broken = 'input 8x8x3\nfc 10\n';

  it('gives what analyzeText gives', () => {
    const analyse = rememberingAnalyzer();
    expect(analyse(alexnet)).toEqual(analyzeText(alexnet));
    expect(analyse(broken)).toEqual(analyzeText(broken));
  });

  it('the same text again: the same result object; another text in between: a new one', () => {
    const analyse = rememberingAnalyzer();
    const first = analyse(alexnet);
    expect(analyse(alexnet)).toBe(first);
    const other = analyse(broken);
    expect(other).not.toBe(first);
    expect(analyse(broken)).toBe(other);
    const again = analyse(alexnet);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('two analyzers do not share their memory', () => {
    const a = rememberingAnalyzer();
    const b = rememberingAnalyzer();
    expect(a(alexnet)).not.toBe(b(alexnet));
  });
});
