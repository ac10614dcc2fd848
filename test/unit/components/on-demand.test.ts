import { describe, expect, it } from 'vitest';
import {
  builtCharts,
  drawWidth,
  fitsNarrow,
  isNarrower,
  loadThen,
  NARROW_CHART_WIDTH,
} from '~/components/widgets/shared/on-demand';

describe('loadThen', () => {
  it('hands the loaded module to use', async () => {
    const seen: string[] = [];
    loadThen(
      () => Promise.resolve('module'),
      (m) => seen.push(m),
    );
    await Promise.resolve();
    await Promise.resolve();
    expect(seen).toEqual(['module']);
  });

  it('drops the module when the cleanup ran first (the settings changed again)', async () => {
    const seen: string[] = [];
    let resolve!: (m: string) => void;
    const cleanup = loadThen(
      () => new Promise<string>((r) => (resolve = r)),
      (m) => seen.push(m),
    );
    cleanup();
    resolve('late');
    await Promise.resolve();
    await Promise.resolve();
    expect(seen).toEqual([]);
  });
});

describe('chart widths', () => {
  it.each([
    [0, false],
    [300, true],
    [511, true],
    [512, false],
    [800, false],
  ])('a %d px container is narrower than a 520 px chart: %s', (measured, narrow) =>
    expect(isNarrower(measured, 520)).toBe(narrow),
  );

  it.each([
    [0, undefined],
    [300.7, 300],
    [800, 520],
  ])('a %d px container draws at %s px', (measured, width) => expect(drawWidth(measured, 520)).toBe(width));

  it.each([
    [0, false],
    [249, false], // below a 320 px phone's column: redrawn
    [250, true], // 320 px phone: the 294 px chart scaled to 85 %
    [294, true], // 360 px phone
    [346, true], // 412 px phone
    [367, true],
    [368, false], // wider: redrawn at its width
    [686, false],
  ])('a %d px container shows the narrow built chart: %s', (measured, fits) =>
    expect(fitsNarrow(measured)).toBe(fits),
  );
});

describe('builtCharts', () => {
  it('draws at the chart’s own width and at the narrow width', () => {
    const widths: (number | undefined)[] = [];
    const charts = builtCharts((width) => {
      widths.push(width);
      return `<svg width="${width ?? 'own'}"></svg>`;
    });
    expect(widths).toEqual([undefined, NARROW_CHART_WIDTH]);
    expect(charts).toEqual({
      initialChart: '<svg width="own"></svg>',
      initialNarrowChart: `<svg width="${NARROW_CHART_WIDTH}"></svg>`,
    });
  });
});
