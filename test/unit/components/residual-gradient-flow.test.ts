import { decadeTicks } from '~/components/widgets/shared/log-axis';
import { describe, expect, it } from 'vitest';
import { stringsFor } from '~/i18n/ui';
import type { Locale } from '~/i18n/translate';
import { createTranslator } from '~/components/widgets/shared/translator';
import { MAX_BLOCKS, defaultResidualConfig, type GradientNorms } from '~/lib/cnn/residual';
import {
  appendLosses,
  decadeRange,
  defaultSettings,
  emptyLosses,
  formatMagnitude,
  gradientPoints,
  gradientSentence,
  lossPoints,
  lossRange,
  readConfig,
  trainConfigOf,
  trainingSentence,
} from '~/components/widgets/ResidualGradientFlow/residual-gradient-flow';

const tr = (locale: Locale) => createTranslator(stringsFor(locale, 'residualGradientFlow.'), locale).t;
const norms = (blocks: number[], loss = 1.39): GradientNorms => ({ stem: blocks[0]!, blocks, loss });

describe('readConfig', () => {
  it('turns the default settings into the default experiment', () => {
    expect(readConfig(defaultSettings)).toEqual({ ok: true, config: defaultResidualConfig });
    expect(trainConfigOf({ ...defaultSettings, learningRate: 0.03 }).learningRate).toBe(0.03);
  });
  it.each([
    [{ depth: '0' }, 'depth', 'notPositive'],
    [{ depth: '' }, 'depth', 'missing'],
    [{ depth: String(MAX_BLOCKS + 1) }, 'depth', 'tooLarge'],
    [{ width: '2.5' }, 'width', 'notInteger'],
  ])('%o → a problem with %s', (over, what, code) => {
    const r = readConfig({ ...defaultSettings, ...over });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual([
        expect.objectContaining({ code, values: expect.objectContaining({ what }) }),
      ]);
  });
  it('carries the kinds and flags', () => {
    const r = readConfig({
      ...defaultSettings,
      activation: 'relu',
      init: 'he',
      batchNorm: true,
      skips: false,
      depth: 5,
    });
    expect(r.ok && r.config).toMatchObject({
      activation: 'relu',
      init: 'he',
      batchNorm: true,
      skips: false,
      depth: 5,
    });
  });
});

describe('chart data', () => {
  it('gradient points leave out zeros and non-finite norms (a log axis cannot show them)', () => {
    const pts = gradientPoints({ plain: norms([0, 1e-20, Number.NaN]), residual: norms([0.1, 0.2, 0.3]) });
    expect(pts).toEqual([
      { net: 'plain', layer: 2, norm: 1e-20 },
      { net: 'residual', layer: 1, norm: 0.1 },
      { net: 'residual', layer: 2, norm: 0.2 },
      { net: 'residual', layer: 3, norm: 0.3 },
    ]);
  });
  it('decades cover the values, at least two', () => {
    expect(decadeRange([3e-12, 0.4])).toEqual([-12, 0]);
    expect(decadeRange([0.2, 0.3])).toEqual([-2, 0]);
    expect(decadeRange([2, 300])).toEqual([0, 3]);
    expect(decadeRange([3e-45, 0, Number.NaN])).toEqual([-46, -44]);
    expect(decadeRange([])).toEqual([-2, 0]);
    expect(decadeTicks(-12, 0)).toEqual([0, -3, -6, -9, -12]);
    expect(decadeTicks(-2, 0)).toEqual([0, -1, -2]);
  });
  it('losses stream in chunks; a restarted chunk replaces what followed it', () => {
    let s = emptyLosses(6);
    s = appendLosses(s, { from: 0, plain: [1.4, 1.3], residual: [1.4, 1.1] });
    s = appendLosses(s, {
      from: 2,
      plain: Float32Array.from([1.2]),
      residual: Float32Array.from([Number.NaN]),
    });
    expect(s).toEqual({
      total: 6,
      plain: [1.4, 1.3, expect.closeTo(1.2, 6)],
      residual: [1.4, 1.1, Number.NaN],
    });
    expect(lossPoints(s)).toHaveLength(5);
    // a long run is averaged in buckets; a bucket with a diverged step is left out
    const long = {
      total: 9,
      plain: [1, 2, 3, 4, 5, 6, 7, 8, 9],
      residual: [1, 1, 1, 1, Number.NaN, 1, 1, 1, 1],
    };
    expect(lossPoints(long, 3).map((p) => [p.net, p.step, p.loss])).toEqual([
      ['plain', 3, 2],
      ['plain', 6, 5],
      ['plain', 9, 8],
      ['residual', 3, 1],
      ['residual', 9, 1],
    ]);
    expect(lossRange(s)).toEqual([0, expect.closeTo(Math.log(4) * 1.15, 9)]);
    expect(lossRange({ ...s, plain: [100] })[1]).toBeCloseTo(4 * Math.log(4), 9);
  });
});

describe('numbers and sentences', () => {
  it('formatMagnitude', () => {
    expect(formatMagnitude(0.2134, 'en')).toBe('0.21');
    expect(formatMagnitude(1234, 'en')).toBe('1,200');
    expect(formatMagnitude(3.14e-13, 'en')).toBe('3.1 × 10⁻¹³');
    expect(formatMagnitude(9.96e-5, 'en')).toBe('1 × 10⁻⁴');
    expect(formatMagnitude(2.5e8, 'ko')).toBe('2.5 × 10⁸');
    expect(formatMagnitude(0, 'en')).toBe('0');
    expect(formatMagnitude(Number.NaN, 'en')).toBe('—');
  });
  it('gradientSentence states the ratio at block 1, in both languages', () => {
    const result = { plain: norms([2e-10, 1e-3]), residual: norms([0.02, 0.03]) };
    expect(gradientSentence(tr('en'), 'en', result, { depth: 2, skips: true })).toBe(
      "At block 1 the plain network's gradient is 2 × 10⁻¹⁰ and the residual network's 0.02: 1 × 10⁸ times smaller without shortcuts, 2 blocks from the loss.",
    );
    expect(gradientSentence(tr('ko'), 'ko', result, { depth: 2, skips: true })).toContain(
      '1 × 10⁸배 작아집니다',
    );
    expect(
      gradientSentence(
        tr('en'),
        'en',
        { plain: norms([0.5]), residual: norms([0.25]) },
        { depth: 1, skips: true },
      ),
    ).toContain('plain one is 2 times larger');
    expect(
      gradientSentence(
        tr('en'),
        'en',
        { plain: norms([0]), residual: norms([0.25]) },
        { depth: 1, skips: true },
      ),
    ).toContain('rounds to 0');
    expect(
      gradientSentence(
        tr('en'),
        'en',
        { plain: norms([0.3]), residual: norms([0.3]) },
        { depth: 1, skips: false },
      ),
    ).toContain('shortcuts are off');
    expect(
      gradientSentence(
        tr('en'),
        'en',
        { plain: norms([0.3], Number.NaN), residual: norms([0.3]) },
        { depth: 1, skips: true },
      ),
    ).toContain('overflowed');
  });
  it('trainingSentence: idle, running, done, diverged', () => {
    const t = tr('en');
    expect(trainingSentence(t, 'en', emptyLosses(300))).toContain('300 steps');
    const running = { total: 300, plain: new Array(40).fill(1.386), residual: new Array(40).fill(0.5) };
    expect(trainingSentence(t, 'en', running)).toBe(
      'Step 40 of 300. Loss over the last 20 steps: plain 1.39, residual 0.50 (a network that guesses gets ln 4 = 1.39).',
    );
    const done = { total: 2, plain: [1, 1], residual: [1, Number.NaN] };
    expect(trainingSentence(t, 'en', done)).toBe(
      'After 2 steps, mean loss over all of them: plain 1.00, residual diverged at step 2 (a network that guesses gets ln 4 = 1.39).',
    );
    // fewer steps than the window: the mean of all of them, not "the last 20"
    const early = { total: 300, plain: [1.5, 1.4, 1.3, 1.2, 1.1], residual: [1, 1, 1, 1, 1] };
    expect(trainingSentence(t, 'en', early)).toBe(
      'Step 5 of 300. Mean loss so far: plain 1.30, residual 1.00 (a network that guesses gets ln 4 = 1.39).',
    );
    expect(trainingSentence(tr('ko'), 'ko', early)).toBe(
      '300단계 중 5단계. 지금까지의 평균 손실: 일반 1.30, 잔차 1.00 (찍기만 하는 신경망의 손실은 ln 4 = 1.39).',
    );
  });
});
