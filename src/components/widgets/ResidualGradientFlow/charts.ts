/**
 * ResidualGradientFlow's two charts as Plot specs (rendered by shared/plot.ts `renderChart` on the
 * server and, after a change, in the browser): the gradient norm per block on a log axis, and
 * both networks' training losses per step. Colours come from CSS classes (both themes); the
 * networks also differ by dash pattern (and marker), so
 * colour is never the only signal (the widget's legend names them).
 */
import * as Plot from '@observablehq/plot';
import { chanceLoss } from '~/lib/cnn/residual';
import { powerOfTenText } from '~/i18n/translate';
import { renderChart, type ChartSpec } from '~/components/widgets/shared/plot';
import { decadeAxis } from '~/components/widgets/shared/log-axis';
import {
  GRADIENT_WIDTH,
  LOSS_WIDTH,
  decadeRange,
  lossPoints,
  lossRange,
  netKeys,
  type GradientPoint,
  type LossSeries,
  type NetKey,
} from './residual-gradient-flow';

export interface ChartText {
  x: string;
  y: string;
  label: string;
  description: string;
}

const dash: Record<NetKey, string> = { plain: '6 4', residual: 'none' };
const symbol: Record<NetKey, 'circle' | 'square'> = { plain: 'circle', residual: 'square' };

/**
 * The frame both charts share: size, margins, and an integer x axis from 1 to `xMax` (blocks or
 * steps) whose label sits on a line of its own below the tick labels (Plot's default puts it on
 * theirs, which overlapped them at 360 px).
 */
function stepFrame(
  width: number,
  height: number,
  marginLeft: number,
  xLabel: string,
  xMax: number,
  ticks: number,
) {
  return {
    width,
    height,
    marginLeft,
    marginRight: 16,
    marginBottom: 44,
    style: { fontSize: '12px' },
    x: {
      label: xLabel,
      domain: [1, xMax],
      labelAnchor: 'right' as const,
      labelOffset: 38,
      ticks,
      tickFormat: 'd',
    },
  };
}

/** log-scale chart of ‖∂loss/∂W_ℓ‖ per block ℓ for both networks. */
export function gradientChart(
  points: GradientPoint[],
  depth: number,
  text: ChartText,
  width = GRADIENT_WIDTH,
): ChartSpec {
  const [lo, hi] = decadeRange(points.map((p) => p.norm));
  const maxLayer = Math.max(2, depth);
  const marks = netKeys.flatMap((net) => {
    const line = points.filter((p) => p.net === net);
    return [
      Plot.lineY(line, {
        x: 'layer',
        y: 'norm',
        className: `rgf-${net}`,
        strokeWidth: 2,
        strokeDasharray: dash[net],
      }),
      Plot.dot(line, {
        x: 'layer',
        y: 'norm',
        r: depth > 30 ? 2 : 3,
        symbol: symbol[net],
        className: `rgf-${net}-dot`,
      }),
    ];
  });
  return {
    label: text.label,
    description: text.description,
    options: {
      ...stepFrame(width, 280, 56, text.x, maxLayer, Math.min(maxLayer - 1, 6)),
      y: decadeAxis(text.y, lo, hi, powerOfTenText),
      marks,
    },
  };
}

export interface LossChartText extends ChartText {
  /** label of the chance-level line */
  chance: string;
}

/** Both networks' minibatch losses per step, with the chance level ln K. */
export function lossChart(series: LossSeries, text: LossChartText, width = LOSS_WIDTH): ChartSpec {
  const points = lossPoints(series);
  const [y0, y1] = lossRange(series);
  const marks = netKeys.flatMap((net) => {
    const line = points.filter((p) => p.net === net);
    return [
      Plot.lineY(line, {
        x: 'step',
        y: 'loss',
        className: `rgf-${net}`,
        strokeWidth: 1.75,
        strokeDasharray: dash[net],
        clip: true,
      }),
    ];
  });
  return {
    label: text.label,
    description: text.description,
    options: {
      ...stepFrame(width, 240, 44, text.x, Math.max(2, series.total), 6),
      y: { label: text.y, domain: [y0, y1], grid: true, ticks: 5 },
      marks: [
        Plot.ruleY([chanceLoss()], { className: 'rgf-chance', strokeDasharray: '2 3' }),
        Plot.text([{ y: chanceLoss() }], {
          y: 'y',
          frameAnchor: 'right',
          text: () => text.chance,
          dy: -7,
          textAnchor: 'end',
          className: 'rgf-chance-label',
        }),
        ...marks,
      ],
    },
  };
}

/** Renders a spec with `doc` (the page's document, or the server's). */
export const draw = (spec: ChartSpec, doc: Document): string => renderChart(spec, doc);
