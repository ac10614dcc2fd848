/**
 * DetectionCost's pure side: the reader's fields → the engine's detection cost (or its problems),
 * the rows of the chart and table, and the published speeds with their sources.
 */
import {
  detectionCost,
  detectionDefaults,
  detectionLimits,
  presetKeys,
  publishedSpeeds,
  type Checked,
  type DetectionCost,
  type DetectorKey,
  type PresetKey,
} from '~/lib/cnn';
import { references } from '~/data/references';
import { readWholeFields, type Field } from '~/components/widgets/shared/fields';

/** What the reader controls: the backbone and four whole numbers (as typed). */
export interface CostFields {
  backbone: PresetKey;
  proposals: Field;
  rpnProposals: Field;
  imageH: Field;
  imageW: Field;
}

export const defaultFields: CostFields = {
  backbone: detectionDefaults.backbone,
  proposals: detectionDefaults.proposals,
  rpnProposals: detectionDefaults.rpnProposals,
  imageH: detectionDefaults.imageH,
  imageW: detectionDefaults.imageW,
};

/** The backbones offered: every preset of the engine. */
export const backbones: readonly PresetKey[] = presetKeys;

/** Chart width drawn at build time (px). */
export const CHART_WIDTH = 640;

/**
 * Reads the fields (whole numbers within the engine's limits) and counts the four detectors
 * with `detectionCost`; the other settings (C = 20 classes, k = 9 anchors) keep the papers' values.
 */
export function computeCost(fields: CostFields): Checked<DetectionCost> {
  const read = readWholeFields(fields, {
    proposals: [1, detectionLimits.proposals],
    rpnProposals: [1, detectionLimits.rpnProposals],
    imageH: [1, detectionLimits.imageH],
    imageW: [1, detectionLimits.imageW],
  });
  if (!read.ok) return read;
  return detectionCost({ ...detectionDefaults, backbone: fields.backbone, ...read.values });
}

/** The detectors' names: proper names, the same in every language. */
export const detectorNames: Record<DetectorKey, string> = {
  rcnn: 'R-CNN',
  'fast-rcnn': 'Fast R-CNN',
  'faster-rcnn': 'Faster R-CNN',
  yolo: 'YOLO v1',
};

/** One chart bar: a detector and its MACs per image (log axis). */
export interface CostRow {
  key: DetectorKey;
  macs: number;
}

export function costRows(cost: DetectionCost): CostRow[] {
  return cost.detectors.map((d) => ({ key: d.key, macs: d.macs.total }));
}

/** The log axis: from the power of ten at or below the smallest bar to the one at or above the largest. */
export function logDomain(rows: readonly CostRow[]): [number, number] {
  const values = rows.map((r) => r.macs).filter((v) => v > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...values)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values)));
  return [lo, hi > lo ? hi : lo * 10];
}

/** "Girshick et al. 2014" / "Girshick 2015": first author's surname, "et al." when there are more. */
export function shortCitation(key: keyof typeof references): { text: string; url: string; title: string } {
  const ref = references[key];
  const names = ref.authors.split(',').map((s) => s.trim());
  const surname = names[0]!.split(' ').at(-1)!;
  return {
    text: `${surname}${names.length > 1 ? ' et al.' : ''} ${ref.year}`,
    url: ref.url,
    title: ref.title,
  };
}

/** The published speeds with their sources, in the order of the detectors. */
export const speeds = publishedSpeeds.map((s) => ({ ...s, source: shortCitation(s.cite) }));
