/**
 * DenseBlock's channel chart as a Plot spec: one bar per map, x₀ (the block input) and the stack
 * after each layer ℓ, split into the k₀ input channels (grey) and the ℓ·k channels the layers added
 * (accent), plus an outlined bar for the transition's ⌊θ·C⌋; each bar is labelled with its total
 * (so the parts differ by more than colour, and the numbers are readable without the colours).
 */
import * as Plot from '@observablehq/plot';
import { asMarkup, drawChart } from '~/components/widgets/shared/plot';
import type { Locale, Strings } from '~/i18n/translate';
import { createTranslator } from '~/components/widgets/shared/translator';
import type { DenseBlockFigure } from '~/lib/cnn/dense-blocks';
import { channelSeries, CHART_WIDTH } from './dense-block';

export interface ChannelBar {
  /** band label: "x₀", "1" … "L", or the transition's */
  name: string;
  part: 'input' | 'added' | 'transition';
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

/** The chart as SVG markup (the build's, and the goldens'). */
export const renderChannelChart = asMarkup(channelChart);

/** The chart as a detached element of `doc` (the island's redraws, see plot.ts `drawChart`). */
export function channelChart(
  f: DenseBlockFigure,
  strings: Strings,
  locale: Locale,
  doc: Document,
  width = CHART_WIDTH,
): Element {
  const { t, num } = createTranslator(strings, locale);
  const inputName = t('denseBlock.chartInput');
  const transitionName = t('denseBlock.chartTransition');
  const bars = channelBars(f, inputName, transitionName);
  const names = [...new Set(bars.map((b) => b.name))];
  const tops = names.map((name) => {
    const mine = bars.filter((b) => b.name === name);
    return { name, y: Math.max(...mine.map((b) => b.y2)) };
  });
  // label every bar while they fit, otherwise every n-th (and always the last layer and the transition)
  const room = Math.max(1, Math.floor((width - 60) / 34));
  const every = Math.ceil(names.length / room);
  const lastLayer = String(f.layers.length);
  const labelled = tops.filter(
    (p, i) => i % every === 0 || p.name === lastLayer || p.name === transitionName,
  );
  const out = f.block.output.c;
  return drawChart(
    {
      label: t('denseBlock.chartLabel'),
      description: t(f.transition ? 'denseBlock.chartDescriptionTransition' : 'denseBlock.chartDescription', {
        k0: num(f.input.c),
        k: num(f.k),
        layers: f.layers.length,
        out: num(out),
        theta: num(f.transition?.theta ?? 1, 2),
        after: num(f.transition?.output.c ?? out),
      }),
      options: {
        width,
        height: 256,
        marginLeft: 48,
        marginRight: 8,
        marginTop: 22,
        marginBottom: 46,
        style: { fontSize: '12px' },
        x: {
          label: t('denseBlock.chartX'),
          labelOffset: 40,
          domain: names,
          padding: 0.15,
          tickFormat: (name: string) =>
            names.length > room && !labelled.some((p) => p.name === name) ? '' : name,
        },
        y: {
          label: t('denseBlock.chartY'),
          grid: true,
          domain: [0, Math.max(...tops.map((p) => p.y)) * 1.12],
        },
        marks: [
          Plot.barY(
            bars.filter((b) => b.part === 'input'),
            { x: 'name', y1: 'y1', y2: 'y2', className: 'db-input' },
          ),
          Plot.barY(
            bars.filter((b) => b.part === 'added'),
            { x: 'name', y1: 'y1', y2: 'y2', className: 'db-added' },
          ),
          Plot.barY(
            bars.filter((b) => b.part === 'transition'),
            { x: 'name', y1: 'y1', y2: 'y2', className: 'db-transition', strokeWidth: 1.5, inset: 1 },
          ),
          Plot.text(labelled, {
            x: 'name',
            y: 'y',
            text: (p: { y: number }) => num(p.y),
            dy: -7,
            className: 'db-label',
          }),
          Plot.ruleY([0], { className: 'db-axis' }),
        ],
      },
    },
    doc,
  );
}
