import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/cnn/analyze';
import { presets, presetKeys } from '../../../src/lib/cnn/presets';
import {
  chartData,
  chartLabels,
  fieldText,
  paramGroup,
  paramShares,
  visibleRows,
} from '../../../src/components/widgets/ArchitectureTable/architecture';
import { paramsChart } from '../../../src/components/widgets/ArchitectureTable/architecture-chart';
import { renderChart } from '../../../src/components/widgets/shared/plot';
import { serverDocument } from '../../../src/components/widgets/shared/server-document';
import { stringsFor } from '../../../src/i18n/ui';
import { english } from '../english';

const analysed = (key: (typeof presetKeys)[number]) => {
  const r = analyze(presets[key].network, presets[key].input);
  if (!r.ok) throw new Error(english(r.problems[0]!));
  return r.value;
};
const alex = analysed('alexnet-2012');

describe('paramShares', () => {
  it('AlexNet: the three FC layers hold 58,631,144 of 60,965,224 parameters (DESIGN.md figures)', () => {
    const s = paramShares(alex);
    expect(s.fc).toBe(37_752_832 + 16_781_312 + 4_097_000);
    expect(s.conv).toBe(34_944 + 307_456 + 885_120 + 663_936 + 442_624);
    expect(s.total).toBe(60_965_224);
    expect(s.share.fc).toBeCloseTo(58_631_144 / 60_965_224, 12);
    expect(s.norm).toBe(0);
  });
  it.each(presetKeys)('%s: groups add up to the total', (key) => {
    const s = paramShares(analysed(key));
    expect(s.conv + s.fc + s.norm).toBe(s.total);
  });
  it('ResNet-50 has batch-norm parameters (2 per channel)', () => {
    expect(paramShares(analysed('resnet50')).norm).toBeGreaterThan(0);
  });
});

describe('rows and text', () => {
  it('top-level rows hide block children; all rows keep them', () => {
    const g = analysed('googlenet');
    expect(visibleRows(g, 'top').every((r) => r.depth === 0)).toBe(true);
    expect(visibleRows(g, 'all').length).toBeGreaterThan(visibleRows(g, 'top').length);
    expect(visibleRows(alex, 'top')).toHaveLength(visibleRows(alex, 'all').length);
  });
  it.each([
    ['conv1', '11×11'],
    ['pool5', '195×195'],
    ['fc6', null],
  ])('receptive field of AlexNet %s = %s', (name, want) => {
    expect(fieldText(alex.rows.find((r) => r.name === name)!)).toBe(want);
  });
  it.each([
    ['conv', 'conv'],
    ['convt', 'conv'],
    ['fc', 'fc'],
    ['bn', 'norm'],
    ['relu', 'none'],
    ['maxpool', 'none'],
  ] as const)('paramGroup(%s) = %s', (kind, group) => expect(paramGroup(kind)).toBe(group));
});

describe('params chart', () => {
  const labels = chartLabels(stringsFor('en', 'arch.'), 'AlexNet', alex, 'en');
  it('has one bar per layer with parameters and names the largest', () => {
    expect(chartData(alex, labels).map((d) => d.name)).toEqual([
      'conv1',
      'conv2',
      'conv3',
      'conv4',
      'conv5',
      'fc6',
      'fc7',
      'fc8',
    ]);
    expect(labels.description).toContain('fc6');
    expect(labels.description).toContain('37,752,832');
  });
  it('renders an accessible SVG on the server: role=img, label, no aria-label on inner groups', () => {
    const html = renderChart(paramsChart(alex, labels), serverDocument());
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain('aria-label="Parameters per layer of AlexNet, log scale"');
    expect(html.match(/aria-label=/g)).toHaveLength(1);
    expect(html).toContain('fully connected');
    expect(html).not.toContain('batch norm'); // legend lists only groups present
  });
});
