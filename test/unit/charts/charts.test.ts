/**
 * Golden-file tests for every chart builder: each chart is drawn from a fixed input on the server
 * (`serverDocument()`, the same path the .astro tags take at build time) and compared, byte for
 * byte, with the SVG checked in under `test/unit/charts/golden/`. Any change to a chart (a mark,
 * a margin, a label, a colour, Plot's own output) shows up as a diff of that file.
 *
 * After an intended change, rewrite the golden files and review the diff before committing:
 *
 *     UPDATE_GOLDEN=1 npx vitest run test/unit/charts
 *
 * Without UPDATE_GOLDEN a missing golden file is a failure, never created silently. The output is
 * made deterministic before comparing: Plot numbers clip-path ids with a counter shared by every
 * chart drawn in the process, so they are renumbered per chart; widths are always given.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringsFor } from '~/i18n/ui';
import type { Locale } from '~/i18n/translate';
import { analyze } from '~/lib/cnn/analyze';
import type { Network, Shape } from '~/lib/cnn/network';
import { presets } from '~/lib/cnn/presets';
import { serverDocument } from '~/components/widgets/shared/server-document';
import { renderChart } from '~/components/widgets/shared/plot';
import { renderParamsChart } from '~/components/widgets/shared/architecture/architecture-chart';
import {
  chartRows as tradeoffRows,
  tradeoffChart,
  TRADEOFF_CHART,
} from '~/components/widgets/KernelTradeoff/charts';
import {
  computeFigure as tradeoffFigure,
  defaultSettings as tradeoffDefaults,
} from '~/components/widgets/KernelTradeoff/kernel-tradeoff';
import {
  drawActivationChart,
  drawGradientChart,
  decadeDomain,
} from '~/components/widgets/ActivationGradient/charts';
import { activationCurve } from '~/components/widgets/ActivationGradient/activation-gradient';
import {
  computeFigure as gradientFigure,
  defaultSettings as gradientDefaults,
} from '~/components/widgets/ActivationGradient/activation-gradient';
import { growthChart, sweepChart } from '~/components/widgets/ReceptiveField/rf-charts';
import { conv, growthLabels, stackPresets } from '~/components/widgets/ReceptiveField/receptive-field-view';
import { costChart, COST_CHART } from '~/components/widgets/DetectionCost/charts';
import { render } from 'svelte/server';
import { channelChart, CHANNEL_CHART } from '~/components/widgets/DenseBlock/charts';
import SvgChart from '~/components/widgets/shared/SvgChart.svelte';
import type { SvgChartModel } from '~/components/widgets/shared/svg-chart';
import {
  computeFigure as denseFigure,
  defaultSettings as denseDefaults,
} from '~/components/widgets/DenseBlock/dense-block';
import {
  computeCost,
  costRows,
  defaultFields as costDefaults,
  detectorNames,
  logDomain,
} from '~/components/widgets/DetectionCost/detection-cost-view';
import { renderGradient, renderLoss } from '~/components/widgets/ResidualGradientFlow/render';
import {
  gradientSentence,
  trainingSentence,
  type LossSeries,
} from '~/components/widgets/ResidualGradientFlow/residual-gradient-flow';
import { createTranslator } from '~/components/widgets/shared/translator';

const GOLDEN = join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

/** Clip-path ids renumbered from 1 in order of appearance (Plot's counter is process-wide). */
function reindexClipIds(svg: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/id="(plot-clip-\d+)"/g))
    if (!ids.has(m[1]!)) ids.set(m[1]!, `plot-clip-${ids.size + 1}`);
  return svg.replace(/plot-clip-\d+/g, (id) => ids.get(id) ?? id);
}

/** One element per line, so a change reads as a small diff of the golden file. */
const lines = (svg: string) => svg.replace(/></g, '>\n<') + '\n';

function expectGolden(name: string, svg: string) {
  const actual = lines(reindexClipIds(svg));
  const file = join(GOLDEN, `${name}.svg`);
  if (update) {
    writeFileSync(file, actual);
    return;
  }
  expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run test/unit/charts`).toBe(
    true,
  );
  expect(actual, `${name}.svg differs from its golden file`).toBe(readFileSync(file, 'utf8'));
}

/** What every chart must be, whatever it draws: one labelled image, no unfilled text. */
function expectSound(svg: string) {
  expect(svg).toMatch(/^<(svg|figure)\b/);
  expect(svg.match(/<svg[^>]*\brole="img"/g)).toHaveLength(1);
  expect(svg.match(/aria-label=/g)).toHaveLength(1);
  expect(svg).toMatch(/aria-description="[^"]{20,}"/);
  expect(svg).not.toMatch(/NaN|undefined|Infinity|\[missing|\{\w+\}/);
}

/** A Svelte chart's markup as the server renders it, without Svelte's hydration comments. */
const svelteMarkup = (body: string) => body.replace(/<!--[^>]*-->/g, '');

/** What every Svelte SVG chart must be: one image named by its <title>, described by its <desc>. */
function expectSvelteSound(svg: string, label: string) {
  expect(svg).toMatch(/^<svg\b/);
  expect(svg.match(/role="img"/g)).toHaveLength(1);
  expect(svg).toMatch(/aria-labelledby="([^"]+)"[^>]*>\s*<title id="\1">/);
  expect(svg).toContain(`>${label}</title>`);
  expect(svg).toMatch(/<desc id="[^"]+">[^<]{20,}<\/desc>/);
  expect(svg).not.toMatch(/NaN|undefined|Infinity|\[missing|\{\w+\}/);
}

/**
 * The rectangles of a chart's path of class `cls` (svg-chart.ts rectsPath: "Mx y h w v h h −w z"
 * each), read back; each must close on the width it opened with.
 */
function barsOf(chart: SvgChartModel, cls: string) {
  const d = chart.paths.find((p) => p.class === cls)?.d ?? '';
  return [...d.matchAll(/M([\d.]+) ([\d.]+)h([\d.]+)v([\d.]+)h-([\d.]+)z/g)].map((m) => {
    expect(m[5]).toBe(m[3]);
    return { x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) };
  });
}

const doc = serverDocument();
const locales: Locale[] = ['en', 'ko'];

/** A small network that has every parameter group the chart colours: conv, norm, fc, other. */
const small: Network = [
  { kind: 'conv', out: 16, k: 3, p: 1 },
  { kind: 'bn' },
  { kind: 'relu' },
  { kind: 'maxpool', k: 2, s: 2 },
  { kind: 'residual', body: [{ kind: 'conv', out: 16, k: 3, p: 1 }] },
  { kind: 'flatten' },
  { kind: 'fc', out: 10 },
];

describe('chart golden files', () => {
  describe('ArchitectureTable: parameters per layer', () => {
    const cases: [string, Network, Shape, string, Locale, number][] = [
      ['small-en-640', small, { h: 16, w: 16, c: 3 }, 'Small', 'en', 640],
      ['small-ko-360', small, { h: 16, w: 16, c: 3 }, '작은 망', 'ko', 360],
      [
        'alexnet-en-640',
        presets['alexnet-2012'].network,
        presets['alexnet-2012'].input,
        'AlexNet',
        'en',
        640,
      ],
    ];
    it.each(cases)('%s', (name, network, input, title, locale, width) => {
      const a = analyze(network, input);
      if (!a.ok) throw new Error(a.problems.map((p) => p.code).join());
      const svg = renderParamsChart(a.value, stringsFor(locale, 'arch.', 'cnn.'), title, locale, doc, width);
      expectSound(svg);
      expectGolden(`architecture-params-${name}`, svg);
    });
  });

  describe('ActivationGradient: gradient factor and activation (Svelte SVG)', () => {
    it.each([
      [locales[0]!, gradientDefaults],
      [locales[1]!, gradientDefaults],
      [locales[0]!, { kind: 'relu' as const, depth: '8', sigma: '2', seed: 3 }],
      [locales[0]!, { kind: 'tanh' as const, depth: '30', sigma: '0.5', seed: 1 }],
    ])('%s, %o', (locale, settings) => {
      const figure = gradientFigure(settings);
      if (!figure.ok) throw new Error('settings must be valid');
      const strings = stringsFor(locale, 'activationGradient.');
      const gradient = drawGradientChart(figure, strings, locale, 440);
      const activation = drawActivationChart(figure, strings, locale, 260);
      // the median line passes through every depth's median on the decade axis: y is linear in log₁₀
      const [lo, hi] = decadeDomain(figure.curve);
      const yOf = (log10: number) =>
        gradient.bottom - ((Math.max(log10, -300) - lo) / (hi - lo)) * (gradient.bottom - gradient.top);
      const median = gradient.paths.find((p) => p.class === 'ag-median')!.d;
      const ys = [...median.matchAll(/[ML][\d.]+,([-\d.]+)/g)].map((m) => Number(m[1]));
      expect(ys).toHaveLength(figure.depth);
      figure.curve.forEach((p, i) => expect(ys[i]).toBeCloseTo(yOf(p.median), 0));
      expect(gradient.dots[0]!.y).toBeCloseTo(yOf(figure.atDepth.median), 0);
      // f′ is drawn through the derivative's values on the activation chart's linear axis
      const df = activation.paths.find((p) => p.class === 'ag-df')!.d;
      const dfYs = [...df.matchAll(/[ML][\d.]+,([-\d.]+)/g)].map((m) => Number(m[1]));
      const curve = activationCurve(figure.kind);
      expect(dfYs).toHaveLength(curve.length);
      const peak = curve.reduce((a, p) => (p.df > a.df ? p : a));
      expect(Math.min(...dfYs)).toBeCloseTo(dfYs[curve.indexOf(peak)]!, 5);
      const tag = `${settings.kind}-${settings.depth}-${locale}`;
      for (const [part, chart] of [
        ['gradient', gradient],
        ['activation', activation],
      ] as const) {
        const svg = svelteMarkup(render(SvgChart, { props: { chart, id: `ag-${part}` } }).body);
        expectSvelteSound(svg, chart.label);
        expect(svg).toContain(part === 'gradient' ? 'ag-median' : 'ag-df');
        expectGolden(`activation-${part}-${tag}`, svg);
      }
    });
  });

  describe('ReceptiveField: growth with depth and the measured effective field', () => {
    it.each([
      ['two-three-en-640', [...stackPresets.twoThree.layers], 'en', 640],
      ['dilated-ko-360', [conv(3), conv(3, 1, 0, 2), conv(3, 1, 0, 4), conv(3, 2, 1)], 'ko', 360],
    ] as const)('growth %s', (name, layers, locale, width) => {
      const svg = renderChart(
        growthChart([...layers], growthLabels(stringsFor(locale, 'receptiveField.'), locale), width),
        doc,
      );
      expectSound(svg);
      const l = growthLabels(stringsFor(locale, 'receptiveField.'), locale);
      for (const series of [l.current, l.stacked3, l.dilated]) expect(svg).toContain(`>${series}<`);
      expectGolden(`rf-growth-${name}`, svg);
    });

    it.each(locales)('sweep %s', (locale) => {
      const s = stringsFor(locale, 'receptiveField.');
      // Measured sizes as the widget reports them (4σ of the gradient); fixed numbers here.
      const points = [1, 2, 3, 4, 5, 6].map((depth) => ({
        depth,
        r: 2 * depth + 1,
        effective: Math.round(30 * Math.sqrt(depth)) / 10 + 0.25,
      }));
      const svg = renderChart(
        sweepChart(
          points,
          {
            label: s['receptiveField.erf.sweepLabel']!,
            description: s['receptiveField.erf.sweepDescription']!,
            x: s['receptiveField.chartX']!,
            y: s['receptiveField.erf.sweepY']!,
            theoretical: s['receptiveField.erf.theoretical']!,
            effective: s['receptiveField.erf.effective']!,
          },
          640,
        ),
        doc,
      );
      expectSound(svg);
      expectGolden(`rf-sweep-${locale}-640`, svg);
    });
  });
});

describe('KernelTradeoff: stack against one large kernel (Svelte SVG)', () => {
  const figure = tradeoffFigure(tradeoffDefaults);
  it.each([
    ['en', 520],
    ['ko', 320],
    ['en', 320],
  ] as const)('%s, %i px', (locale, width) => {
    if (!figure.ok) throw new Error('default settings must be valid');
    const { t, num } = createTranslator(stringsFor(locale, 'kernelTradeoff.'), locale);
    const chart = tradeoffChart(figure, t, num, width);
    const rows = tradeoffRows(figure);
    const stacked = barsOf(chart, 'kt-stacked');
    const single = barsOf(chart, 'kt-single');
    const metrics = rows.length / 2;
    expect(stacked).toHaveLength(metrics);
    expect(single).toHaveLength(metrics);
    // bar lengths are the shares on one linear scale from the frame's left: the single kernel's is
    // 100 % (its outline inset 0.75 px on each side), the dashed line stands at 100 %
    const per = single[0]!.width + 1.5;
    const hundred = chart.paths.find((p) => p.class === 'kt-hundred')!.d;
    expect(Number(hundred.match(/^M([\d.]+),/)![1])).toBeCloseTo(chart.left + per, 0);
    rows
      .filter((r) => r.option === 'stacked')
      .forEach((r, i) => {
        expect(stacked[i]!.x).toBeCloseTo(chart.left, 5);
        expect(stacked[i]!.width).toBeCloseTo((r.percent / 100) * per, 0);
        expect(stacked[i]!.x + stacked[i]!.width).toBeLessThanOrEqual(chart.right);
        // per metric, the stack's bar sits above the single kernel's, both inside the metric's row
        expect(stacked[i]!.y + stacked[i]!.height).toBeLessThan(single[i]!.y);
        expect(chart.yTicks[i]!.y).toBeGreaterThan(stacked[i]!.y);
        expect(chart.yTicks[i]!.y).toBeLessThan(single[i]!.y + single[i]!.height);
      });
    single.forEach((b) => expect(b.width).toBeCloseTo(per - 1.5, 0));
    // every bar's share printed past its end
    expect(chart.labels).toHaveLength(rows.length);
    rows.forEach((r, i) => expect(chart.labels[i]!.text).toBe(`${num(r.percent)}%`));
    expect(chart.labels.map((l) => l.text)).toContain('72%'); // two 3×3 layers have 18/25 of a 5×5 layer's weights
    // fewer ticks on a narrow chart, none past the frame, no grid
    expect(chart.grid).toBe('none');
    expect(chart.xTicks.length).toBeLessThanOrEqual(width < TRADEOFF_CHART.narrow.width ? 4 : 8);
    for (const tick of chart.xTicks) expect(tick.x).toBeLessThanOrEqual(chart.right + 0.05);
    const svg = svelteMarkup(render(SvgChart, { props: { chart, id: 'kt-chart' } }).body);
    expectSvelteSound(svg, chart.label);
    expect(svg).toContain('>72%<');
    expect(svg).not.toMatch(/<g class="grid[^"]*">\s*<line/);
    expectGolden(`kernel-tradeoff-${locale}-${width}`, svg);
  });
});

describe('DetectionCost: MACs per image of four detectors, log axis (Svelte SVG)', () => {
  it.each([
    ['en', 640, costDefaults],
    ['ko', 360, costDefaults],
    ['en', 360, { ...costDefaults, backbone: 'alexnet-2012' as const, proposals: 500 }],
  ] as const)('%s, %i px, %o', (locale, width, fields) => {
    const cost = computeCost(fields);
    if (!cost.ok) throw new Error('settings must be valid');
    const { t, compact } = createTranslator(stringsFor(locale, 'detectionCost.'), locale);
    const chart = costChart(cost.value, t, compact, width);
    const rows = costRows(cost.value);
    const [lo, hi] = logDomain(rows);
    // the bars are one path of rectangles "Mx y h w v h h −w z", one per detector, in order
    expect(chart.paths).toHaveLength(1);
    expect(chart.paths[0]!.class).toBe('dc-bar');
    const bars = barsOf(chart, 'dc-bar');
    expect(bars).toHaveLength(rows.length);
    // each bar starts at the frame's left and is as long as log₁₀(MACs / lo) on the frame's log scale
    const perDecade = (chart.right - chart.left) / Math.log10(hi / lo);
    rows.forEach((r, i) => {
      expect(bars[i]!.x).toBeCloseTo(chart.left, 5);
      expect(bars[i]!.width).toBeCloseTo(Math.log10(r.macs / lo) * perDecade, 0);
      expect(bars[i]!.x + bars[i]!.width).toBeLessThanOrEqual(chart.right + 0.05);
      // its count printed just past its end, on its middle
      expect(chart.labels[i]!.x).toBeCloseTo(bars[i]!.x + bars[i]!.width + 4, 0);
      expect(chart.labels[i]!.y).toBeCloseTo(bars[i]!.y + bars[i]!.height / 2, 0);
      expect(chart.labels[i]!.text).toBe(compact(r.macs));
      expect(chart.yTicks[i]).toEqual({ y: chart.labels[i]!.y, text: detectorNames[r.key] });
    });
    // bars in rows top to bottom, inside the frame
    bars.forEach((b, i) => i && expect(b.y).toBeGreaterThan(bars[i - 1]!.y + bars[i - 1]!.height));
    expect(bars[0]!.y).toBeGreaterThan(chart.top);
    expect(bars.at(-1)!.y + bars.at(-1)!.height).toBeLessThan(chart.bottom);
    // a grid line per tick, at each power of ten (every other one on a narrow chart), the first at the frame's left
    expect(chart.grid).toBe('x');
    const step = width < COST_CHART.narrow.width ? 2 : 1;
    const decades = Math.round(Math.log10(hi / lo));
    expect(chart.xTicks).toHaveLength(Math.floor(decades / step) + 1);
    chart.xTicks.forEach((tick, i) => {
      expect(tick.x).toBeCloseTo(chart.left + i * step * perDecade, 0);
      expect(tick.text).toBe(compact(lo * 10 ** (i * step)));
    });
    expect(chart.right).toBeLessThanOrEqual(width);
    const svg = svelteMarkup(render(SvgChart, { props: { chart, id: 'dc-chart' } }).body);
    expectSvelteSound(svg, chart.label);
    for (const r of rows) expect(svg).toContain(`>${detectorNames[r.key]}<`);
    // the grid runs across the frame at the x ticks, not along the rows
    expect(svg.match(/<line x1="([\d.]+)" x2="\1" y1="[\d.]+" y2="[\d.]+"/g)?.length).toBe(
      2 * chart.xTicks.length,
    );
    expectGolden(`detection-cost-${fields.backbone}-${fields.proposals}-${locale}-${width}`, svg);
  });
});

describe('DenseBlock: channels after each layer (Svelte SVG)', () => {
  it.each([
    ['block1-en-520', {}, 'en', 520],
    ['block1-ko-320', {}, 'ko', 320],
    [
      'plain-no-transition-en-320',
      { k0: '24', k: '12', layers: '40', bottleneck: false, transition: false },
      'en',
      320,
    ],
  ] as const)('%s', (name, over, locale, width) => {
    const figure = denseFigure({ ...denseDefaults, ...over });
    if (!figure.ok) throw new Error('settings must be valid');
    const f = figure.result;
    const { t, num } = createTranslator(stringsFor(locale, 'denseBlock.'), locale);
    const chart = channelChart(f, t, num, width);
    // each part's bars are one path of rectangles "Mx y h w v h h −w z": read them back
    expect(chart.rects).toEqual([]);
    const bars = (part: string) => barsOf(chart, `db-${part}`).map((b) => ({ ...b, class: `db-${part}` }));
    const all = [...bars('input'), ...bars('added'), ...bars('transition')];
    // nothing else in those paths
    for (const part of ['input', 'added', 'transition'])
      expect(chart.paths.find((p) => p.class === `db-${part}`)?.d.split('M').length ?? 1).toBe(
        bars(part).length + 1,
      );
    // bar heights are the channel counts on one linear scale: k₀ grey in every bar, ℓ·k accent on top
    const unit = bars('input')[0]!.height / f.input.c;
    const added = bars('added');
    expect(added).toHaveLength(f.layers.length);
    added.forEach((b, i) => expect(b.height).toBeCloseTo((i + 1) * f.k * unit, 0));
    expect(bars('input')).toHaveLength(f.layers.length + 1);
    const trans = bars('transition');
    expect(trans).toHaveLength(f.transition ? 1 : 0);
    if (f.transition) expect(trans[0]!.height).toBeCloseTo(f.transition.output.c * unit, 0);
    // grey and transition bars stand on the zero line (the frame's bottom), accent ones on the k₀ grey; all fit
    for (const b of all) {
      const foot = chart.bottom - (b.class === 'db-added' ? f.input.c * unit : 0);
      expect(b.y + b.height).toBeCloseTo(foot, 0);
      expect(b.y).toBeGreaterThanOrEqual(CHANNEL_CHART.top);
      expect(b.x + b.width).toBeLessThanOrEqual(width);
    }
    const svg = svelteMarkup(render(SvgChart, { props: { chart, id: 'db-chart' } }).body);
    expectSvelteSound(svg, chart.label);
    // the last layer's total is always labelled
    expect(svg).toContain(
      `>${new Intl.NumberFormat(locale === 'ko' ? 'ko-KR' : 'en-US').format(f.block.output.c)}<`,
    );
    expectGolden(`dense-block-${name}`, svg);
  });
});

describe('ResidualGradientFlow: gradient norm per block and training losses', () => {
  // Fixed numbers shaped like the widget's (the measured ones come from TensorFlow.js): the plain
  // network's gradient falls a decade every 2.5 blocks back from the head, the residual one's
  // stays within a factor of two; losses fall from ln 4 at rates of their own.
  const gradients = (depth: number, underflow = false) => {
    const plain = Array.from({ length: depth }, (_, i) =>
      underflow && i === 0 ? 0 : 10 ** (-0.4 * (depth - i)),
    );
    const residual = Array.from({ length: depth }, (_, i) => 0.02 * (1 + 0.5 * Math.cos(i)));
    return {
      plain: { stem: plain[0]!, blocks: plain, loss: 1.39 },
      residual: { stem: residual[0]!, blocks: residual, loss: 1.42 },
    };
  };
  it.each([
    [30, 'en', 560, false],
    [30, 'ko', 360, false],
    [8, 'en', 360, true],
  ] as const)('gradients at %i blocks, %s, %i px (underflow %s)', (depth, locale, width, underflow) => {
    const strings = stringsFor(locale, 'residualGradientFlow.');
    const result = gradients(depth, underflow);
    const sentence = gradientSentence(createTranslator(strings, locale).t, locale, result, {
      depth,
      skips: true,
    });
    const svg = renderGradient(result, depth, sentence, strings, locale, doc, width);
    expectSound(svg);
    expect(svg).not.toContain('<style'); // left out (render.ts): the widget's CSS carries its rules
    const dots = (net: string) =>
      svg
        .split(`class="rgf-${net}-dot"`)[1]!
        .split('</g>')[0]!
        .match(/<(path|circle|rect)\b/g);
    expect(dots('residual')).toHaveLength(depth);
    expect(dots('plain')).toHaveLength(underflow ? depth - 1 : depth); // a 0 has no place on a log axis
    expectGolden(`rgf-gradient-${depth}${underflow ? '-underflow' : ''}-${locale}-${width}`, svg);
  });

  const losses = (steps: number, total: number, divergeAt: number | null = null): LossSeries => ({
    total,
    plain: Array.from({ length: steps }, (_, i) =>
      divergeAt !== null && i >= divergeAt
        ? Number.NaN
        : 1.386 - 0.2 * (1 - Math.exp(-i / 150)) + 0.05 * Math.sin(i),
    ),
    residual: Array.from({ length: steps }, (_, i) => 1.386 * Math.exp(-i / 60) + 0.05 + 0.05 * Math.cos(i)),
  });
  it.each([
    ['done', losses(300, 300), 'en', 560],
    ['running', losses(120, 300), 'ko', 360],
    ['diverged', losses(300, 300, 40), 'en', 560],
  ] as const)('losses %s, %s, %i px', (name, series, locale, width) => {
    const strings = stringsFor(locale, 'residualGradientFlow.');
    const sentence = trainingSentence(createTranslator(strings, locale).t, locale, series);
    const svg = renderLoss(series, sentence, strings, locale, doc, width);
    expectSound(svg);
    expect(svg).not.toContain('<style');
    expect(svg).toContain('rgf-chance');
    expectGolden(`rgf-loss-${name}-${locale}-${width}`, svg);
  });
});
