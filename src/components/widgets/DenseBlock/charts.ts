/**
 * DenseBlock's channel chart, computed here and drawn by shared/SvgChart.svelte as plain SVG (no
 * Observable Plot: it cost 4–5 ms per change, issue 12): one bar per map, x₀ (the block input)
 * and the stack after each layer ℓ, split into the k₀ input channels (grey) and the ℓ·k channels
 * the layers added (accent), plus an outlined bar for the transition's ⌊θ·C⌋; each bar is
 * labelled with its total (so the parts differ by more than colour, and the numbers are readable
 * without the colours). The bars of each part are one <path> (three elements rather than one per
 * bar: fewer attribute writes and style recalculations per change, issue 12).
 */
import type { Translator } from '~/components/widgets/shared/translator';
import {
  bandScale,
  linearScale,
  linearTicks,
  polyline,
  px,
  rectsPath,
  type SvgChartModel,
} from '~/components/widgets/shared/svg-chart';
import type { DenseBlockFigure } from '~/lib/cnn/dense-blocks';
import { channelSeries, CHART_WIDTH } from './dense-block';

/** The parts of a bar, in drawing order. */
const PARTS = ['input', 'added', 'transition'] as const;

export interface ChannelBar {
  /** band label: "x₀", "1" … "L", or the transition's */
  name: string;
  part: (typeof PARTS)[number];
  y1: number;
  y2: number;
}

/** Bars of the chart: input and added parts per map, then the transition (if any). */
export function channelBars(f: DenseBlockFigure, inputName: string, transitionName: string): ChannelBar[] {
  const k0 = f.input.c;
  const bars: ChannelBar[] = channelSeries(f).flatMap((p) => {
    const name = p.layer === 0 ? inputName : String(p.layer);
    const input: ChannelBar = { name, part: 'input', y1: 0, y2: k0 };
    return p.channels > k0 ? [input, { name, part: 'added' as const, y1: k0, y2: p.channels }] : [input];
  });
  if (f.transition) bars.push({ name: transitionName, part: 'transition', y1: 0, y2: f.transition.output.c });
  return bars;
}

/** Height (px) of the chart and its margins. */
export const CHANNEL_CHART = { height: 256, left: 48, right: 8, top: 22, bottom: 46 } as const;

/**
 * The chart `width` px wide (default CHART_WIDTH): bands of 85 % of a step, the y axis from 0 to
 * 1.12 × the tallest bar with about one tick per 35 px; every bar's total is labelled while the
 * bands are at least 34 px apart, otherwise every n-th (and always the last layer and the transition).
 */
export function channelChart(
  f: DenseBlockFigure,
  t: Translator['t'],
  num: Translator['num'],
  width: number = CHART_WIDTH,
): SvgChartModel {
  const { height, left, right, top, bottom } = CHANNEL_CHART;
  const inputName = t('denseBlock.chartInput');
  const transitionName = t('denseBlock.chartTransition');
  const bars = channelBars(f, inputName, transitionName);
  const names = [...new Set(bars.map((b) => b.name))];
  const tops = names.map((name) => ({
    name,
    y: Math.max(...bars.filter((b) => b.name === name).map((b) => b.y2)),
  }));
  const room = Math.max(1, Math.floor((width - 60) / 34));
  const every = Math.ceil(names.length / room);
  const lastLayer = String(f.layers.length);
  const labelled = tops.filter(
    (p, i) => i % every === 0 || p.name === lastLayer || p.name === transitionName,
  );
  const shown = new Set(labelled.map((p) => p.name));

  const band = bandScale(names, [left, width - right], 0.15);
  const yMax = Math.max(...tops.map((p) => p.y)) * 1.12;
  const y = linearScale([0, yMax], [height - bottom, top]);
  const mid = (name: string) => band.x(name) + band.bandwidth / 2;
  const out = f.block.output.c;
  const rects = bars.map((b) => {
    // the transition's outline sits 1 px inside its band, so its 1.5 px stroke is not clipped
    const inset = b.part === 'transition' ? 1 : 0;
    return {
      part: b.part,
      x: px(band.x(b.name) + inset),
      y: px(y(b.y2)),
      width: px(band.bandwidth - 2 * inset),
      height: px(y(b.y1) - y(b.y2)),
    };
  });

  return {
    width,
    height,
    label: t('denseBlock.chartLabel'),
    description: t(f.transition ? 'denseBlock.chartDescriptionTransition' : 'denseBlock.chartDescription', {
      k0: num(f.input.c),
      k: num(f.k),
      layers: f.layers.length,
      out: num(out),
      theta: num(f.transition?.theta ?? 1, 2),
      after: num(f.transition?.output.c ?? out),
    }),
    left,
    right: width - right,
    top,
    bottom: height - bottom,
    xTicks: names.map((name) => ({
      x: px(mid(name)),
      text: names.length > room && !shown.has(name) ? '' : name,
    })),
    yTicks: linearTicks(0, yMax, Math.round((height - top - bottom) / 35)).map((v) => ({
      y: px(y(v)),
      text: num(v),
    })),
    xLabel: {
      x: px((left + width - right) / 2),
      y: height - 6,
      text: t('denseBlock.chartX'),
      anchor: 'middle',
    },
    yLabel: { x: 4, y: 12, text: t('denseBlock.chartY') },
    rects: [],
    paths: [
      ...PARTS.filter((part) => rects.some((r) => r.part === part)).map((part) => ({
        d: rectsPath(rects.filter((r) => r.part === part)),
        class: `db-${part}`,
      })),
      {
        d: polyline([
          [left, y(0)],
          [width - right, y(0)],
        ]),
        class: 'db-axis',
      },
    ],
    dots: [],
    labels: labelled.map((p) => ({
      x: px(mid(p.name)),
      y: px(y(p.y) - 7),
      text: num(p.y),
      class: 'db-label',
    })),
  };
}
