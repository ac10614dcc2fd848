import { describe, expect, it } from 'vitest';
import {
  builtCharts,
  drawWidth,
  fitsNarrow,
  isNarrower,
  loadThen,
  NARROW_CHART_WIDTH,
  warmOnIntent,
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

describe('warmOnIntent', () => {
  // a widget root and an element inside it, as EventTargets (no DOM in unit tests)
  const widget = () => {
    const root = new EventTarget();
    const inner = Object.assign(new EventTarget(), { closest: () => root }) as unknown as Element;
    return { root, inner };
  };
  const loader = (result: () => Promise<unknown> = () => Promise.resolve('module')) => {
    const calls = { count: 0 };
    return { calls, load: () => (calls.count++, result()) };
  };

  it('loads nothing until the reader reaches for the widget', () => {
    const { inner } = widget();
    const { calls, load } = loader();
    warmOnIntent(load)(inner);
    expect(calls.count).toBe(0);
  });

  it.each(['pointerover', 'focusin', 'touchstart'])(
    'loads once on %s in the widget, however many events follow',
    (type) => {
      const { root, inner } = widget();
      const { calls, load } = loader();
      warmOnIntent(load)(inner);
      root.dispatchEvent(new Event(type));
      root.dispatchEvent(new Event(type));
      root.dispatchEvent(new Event('focusin'));
      expect(calls.count).toBe(1);
    },
  );

  it('ignores other events', () => {
    const { root, inner } = widget();
    const { calls, load } = loader();
    warmOnIntent(load)(inner);
    root.dispatchEvent(new Event('scroll'));
    root.dispatchEvent(new Event('pointerout'));
    expect(calls.count).toBe(0);
  });

  it('stops listening once the element is removed (the cleanup ran)', () => {
    const { root, inner } = widget();
    const { calls, load } = loader();
    const cleanup = warmOnIntent(load)(inner);
    cleanup();
    root.dispatchEvent(new Event('pointerover'));
    expect(calls.count).toBe(0);
  });

  it('leaves a failed load for the change to retry, without an unhandled rejection', async () => {
    const { root, inner } = widget();
    const { calls, load } = loader(() => Promise.reject(new Error('offline')));
    warmOnIntent(load)(inner);
    root.dispatchEvent(new Event('focusin'));
    await Promise.resolve();
    await Promise.resolve();
    expect(calls.count).toBe(1);
  });

  it('listens on the element itself outside a widget', () => {
    const inner = Object.assign(new EventTarget(), { closest: () => null }) as unknown as Element;
    const { calls, load } = loader();
    warmOnIntent(load)(inner);
    inner.dispatchEvent(new Event('touchstart'));
    expect(calls.count).toBe(1);
  });
});
