import { describe, expect, it } from 'vitest';
import {
  computeCost,
  costRows,
  defaultFields,
  logDomain,
  shortCitation,
  speeds,
} from '~/components/widgets/DetectionCost/detection-cost-view';

describe('DetectionCost view', () => {
  it('counts the defaults (VGG-16, 600 × 1000, 2000 and 300 proposals)', () => {
    const c = computeCost(defaultFields);
    if (!c.ok) throw new Error('defaults must work');
    expect(costRows(c.value).map((r) => r.key)).toEqual(['rcnn', 'fast-rcnn', 'faster-rcnn', 'yolo']);
    expect(c.value.featureMap).toEqual({ h: 37, w: 62, c: 512 });
  });

  it.each([
    [{ proposals: '' }, 'missing', 'proposals'],
    [{ proposals: '0' }, 'notPositive', 'proposals'],
    [{ imageW: '12.5' }, 'notInteger', 'imageW'],
    [{ rpnProposals: 999_999 }, 'tooLarge', 'rpnProposals'],
  ])('%j → %s', (change, code, what) => {
    const c = computeCost({ ...defaultFields, ...change });
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.problems.map((p) => [p.code, p.values.what])).toEqual([[code, what]]);
  });

  it.each<[number[], [number, number]]>([
    [
      [2.03e10, 2.2e11, 4.2e11, 3.09e13],
      [1e10, 1e14],
    ],
    [
      [1e10, 1e12],
      [1e10, 1e12],
    ],
    [
      [5e9, 5e9],
      [1e9, 1e10],
    ],
  ])('log axis for %j spans %j', (macs, domain) => {
    expect(logDomain(macs.map((m) => ({ key: 'rcnn' as const, macs: m })))).toEqual(domain);
  });

  it('names each published speed’s source', () => {
    expect(shortCitation('girshick-2015').text).toBe('Girshick 2015');
    expect(shortCitation('girshick-2014').text).toBe('Girshick et al. 2014');
    expect(speeds.map((s) => s.source.text)).toEqual([
      'Girshick et al. 2014',
      'Girshick 2015',
      'Girshick 2015',
      'Ren et al. 2015',
      'Redmon et al. 2016',
    ]);
  });
});
