import { describe, expect, it } from 'vitest';
import type { PlotSpec } from '~/lib/tf/kernel/protocol';
import {
  DEFAULT_PLOT_HEIGHT,
  drawableMarks,
  plotFrame,
  plotSummary,
  scaleOptions,
} from '~/components/notebook/plot-spec';
import { renderCellPlot } from '~/components/notebook/cell-charts';
import { formatCellNumber } from '~/components/notebook/cell-format';
import { serverDocument } from '~/components/widgets/shared/server-document';

const spec: PlotSpec = {
  marks: [
    { mark: 'lineY', data: [1, 4, 2, 8] },
    {
      mark: 'dot',
      data: [
        { x: 1, y: 2 },
        { x: 2, y: 3 },
      ],
      options: { x: 'x', y: 'y' },
    },
  ],
  x: { label: 'layer', type: 'linear', domain: [0, 4] },
  y: { label: 'norm', type: 'log' },
};

describe('scaleOptions', () => {
  it.each([
    [undefined, {}],
    [{}, {}],
    [{ label: 'k' }, { label: 'k' }],
    [{ type: 'band' as const }, { type: 'band' }],
    [{ domain: [1, 2] as [number, number] }, { domain: [1, 2] }],
    [{ type: 'log' as const }, { type: 'log', tickFormat: formatCellNumber }],
  ])('%j → %j', (scale, options) => {
    expect(scaleOptions(scale)).toEqual(options);
  });
});

describe('plotFrame', () => {
  it('passes scales and height, adds y grid lines, a legend only when asked', () => {
    expect(plotFrame(spec, 320)).toEqual({
      width: 320,
      height: DEFAULT_PLOT_HEIGHT,
      x: { label: 'layer', type: 'linear', domain: [0, 4] },
      y: { grid: true, label: 'norm', type: 'log', tickFormat: formatCellNumber },
      color: {},
    });
    expect(plotFrame({ marks: [], height: 100, color: { legend: true } })).toMatchObject({
      height: 100,
      color: { legend: true },
    });
    expect(plotFrame({ marks: [] })).not.toHaveProperty('width');
  });
});

describe('marks and the text alternative', () => {
  it('drops marks Plot cannot draw and counts data points', () => {
    const odd = {
      marks: [...spec.marks, { mark: 'area', data: [1] }, { mark: 'dot', data: 'x' }],
    } as unknown as PlotSpec;
    expect(drawableMarks(odd)).toHaveLength(2);
    expect(plotSummary(odd)).toEqual({ marks: 'lineY, dot', points: 6 });
    expect(plotSummary({ marks: [] })).toEqual({ marks: '', points: 0 });
    expect(plotSummary({ marks: [spec.marks[0]!, spec.marks[0]!] })).toEqual({ marks: 'lineY', points: 8 });
  });

  it('renders an accessible SVG on the server', () => {
    const svg = renderCellPlot(
      spec,
      { label: 'Chart from cell 1', description: (s) => `${s.marks}: ${s.points} points` },
      serverDocument(),
      400,
    );
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="Chart from cell 1"');
    expect(svg).toContain('lineY, dot: 6 points');
    expect(svg).toContain('width="400"');
  });

  it('prefers the author’s own label', () => {
    const svg = renderCellPlot(
      { ...spec, ariaLabel: 'Gradient norms' },
      { label: 'Chart from cell 1', description: () => '' },
      serverDocument(),
    );
    expect(svg).toContain('aria-label="Gradient norms"');
  });
});
