/**
 * What detection costs per image, in CNN forward passes and multiply–accumulates (MACs), for
 * R-CNN, Fast R-CNN, Faster R-CNN and YOLO v1, counted with `analyze` on the engine's presets.
 *
 * A classification backbone is split where its classifier starts (the first top-level `flatten`
 * or `gap`):
 * - the **trunk**: the convolutional layers before it. When the trunk ends in a pooling layer, that
 *   pooling is what RoI pooling replaces (Fast R-CNN: "the last max pooling layer is replaced by a
 *   RoI pooling layer"), so the shared feature map is the trunk's output without it;
 * - the **head**: the classifier layers, run once per region on a map of the shape they were trained
 *   on (the trunk's output at the backbone's own input size, e.g. 7×7×512 for VGG-16), with the last
 *   layer replaced by C + 1 class scores and a sibling layer of 4C box offsets.
 *
 * Models (N = proposals per image):
 * - R-CNN: every proposal is warped to the backbone's input and runs through the whole network:
 *   N passes, MACs = N · (trunk + head) at the native input. (R-CNN scores fc7 features with C
 *   linear SVMs; that is one C-way layer, counted here as the C + 1 scores and 4C offsets.)
 * - Fast R-CNN: one trunk pass on the whole H × W image, then N head passes on RoI-pooled regions:
 *   MACs = trunk(H × W) + N · head. Proposals still come from selective search (on the CPU).
 * - Faster R-CNN: the same plus a region proposal network on the shared map — a 3×3 convolution
 *   to 512 channels and two sibling 1×1 convolutions with 2k objectness scores and 4k box offsets
 *   for k anchors per position — and N' (its kept proposals) head passes.
 * - YOLO v1: one pass of its own 24-convolution network on a 448×448 image, whatever the image
 *   size (it is resized), with a last layer of S·S·(B·5 + C) outputs.
 *
 * Simplifications, stated so a reader can judge them: RoI pooling, SVMs' and NMS's own work and
 * the proposal methods (selective search takes seconds on a CPU) are not MACs and are left out;
 * ResNet-style backbones are split at global pooling (the published Faster R-CNN with ResNet runs
 * the last stage per region instead).
 */
import { analyze } from './analyze';
import { checkWhole } from './conv-arithmetic';
import { fcMacs } from './formulas';
import { isFlat, shapeSize, type FcLayer, type Layer, type Network, type SpatialShape } from './network';
import { presetKeys, presets, type PresetKey } from './presets';
import { concat, conv, fc, relu } from './presets/build';
import { yolov1 } from './presets/yolo';
import { problem, type Checked, type Problem } from './problems';
import { yoloOutputSize } from './detection';

/** The four detectors the course compares, oldest first. */
export const detectorKeys = ['rcnn', 'fast-rcnn', 'faster-rcnn', 'yolo'] as const;
export type DetectorKey = (typeof detectorKeys)[number];

export interface DetectionCostSettings {
  /** classification backbone of the R-CNN family (an engine preset) */
  backbone: PresetKey;
  /** image height H and width W given to Fast/Faster R-CNN (R-CNN warps regions, YOLO resizes) */
  imageH: number;
  imageW: number;
  /** N: selective-search proposals per image (R-CNN, Fast R-CNN); about 2,000 in the papers */
  proposals: number;
  /** N': proposals the RPN keeps for the detector (Faster R-CNN); 300 in the paper */
  rpnProposals: number;
  /** object classes C (20 for PASCAL VOC) */
  classes: number;
  /** anchors per feature-map position k (9: three scales × three aspect ratios) */
  anchors: number;
}

/** The papers' defaults: VGG-16, a 600 × 1000 image, 2,000 and 300 proposals, 20 classes, 9 anchors. */
export const detectionDefaults: DetectionCostSettings = {
  backbone: 'vgg16',
  imageH: 600,
  imageW: 1000,
  proposals: 2000,
  rpnProposals: 300,
  classes: 20,
  anchors: 9,
};

/** Largest accepted value of each setting (so totals stay exact integers). */
export const detectionLimits = {
  imageH: 2000,
  imageW: 2000,
  proposals: 20_000,
  rpnProposals: 20_000,
  classes: 1000,
  anchors: 100,
} as const;

export interface BackboneSplit {
  /** convolutional trunk shared by all regions (without a trailing pooling layer) */
  trunk: Network;
  /** the trailing pooling layer that RoI pooling replaces, if any */
  roiPool: Layer | null;
  /** the classifier layers with the detection outputs (C + 1 scores; 4C box offsets counted apart) */
  head: Network;
  /** the shape each region is pooled to: the head's input at the backbone's own input size */
  roiShape: SpatialShape;
  /** MACs of one head pass on roiShape, box offsets included: head layers + in·4C */
  headMacs: number;
}

/**
 * Splits a classification network into trunk, trailing pool and detection head (see the module
 * comment) and counts one head pass: MACs(head on roiShape) + n_in · 4C, where n_in is the input
 * size of the last fully connected layer. A network with no classifier to split (no flatten/gap, or
 * no fully connected layer after it) is reported as `emptyNetwork`.
 */
export function splitBackbone(
  network: Network,
  input: SpatialShape,
  classes: number,
): Checked<BackboneSplit> {
  const cut = network.findIndex((l) => l.kind === 'flatten' || l.kind === 'gap');
  if (cut <= 0) return { ok: false, problems: [problem('emptyNetwork')] };
  const before = network.slice(0, cut);
  const last = before[before.length - 1]!;
  const roiPool = last.kind === 'maxpool' || last.kind === 'avgpool' ? last : null;
  const trunk = roiPool ? before.slice(0, -1) : before;
  const lastFc = network.map((l) => l.kind).lastIndexOf('fc');
  if (lastFc < cut) return { ok: false, problems: [problem('emptyNetwork')] };
  const clsLayer: FcLayer = { kind: 'fc', out: classes + 1, name: 'cls_score' };
  const head = [...network.slice(cut, lastFc), clsLayer, ...network.slice(lastFc + 1)];
  const features = analyze(before, input);
  if (!features.ok) return features;
  const roiShape = features.value.output;
  if (isFlat(roiShape))
    return { ok: false, problems: [problem('needsSpatialInput', { size: roiShape.size })] };
  const h = analyze(head, roiShape);
  if (!h.ok) return h;
  const cls = h.value.rows.find((r) => r.name === 'cls_score')!;
  const headMacs = h.value.totals.macs + fcMacs(shapeSize(cls.input), 4 * classes);
  return { ok: true, value: { trunk, roiPool, head, roiShape, headMacs } };
}

/** The region proposal network on a C_f-channel map: 3×3 conv to 512, then 1×1 to 2k and to 4k. */
export function rpnLayers(anchors: number): Network {
  return [
    conv(512, 3, { p: 1, name: 'rpn_conv' }),
    relu(),
    concat('rpn_out', [
      [conv(2 * anchors, 1, { name: 'rpn_cls' })],
      [conv(4 * anchors, 1, { name: 'rpn_bbox' })],
    ]),
  ];
}

/** YOLO v1 with C classes: the preset with its last layer sized S·S·(B·5 + C) for S = 7, B = 2. */
export function yoloNetwork(classes: number): Network {
  const out = yoloOutputSize({ S: 7, B: 2, C: classes });
  const size = out.ok ? out.value.values : 1470;
  return [...yolov1.network.slice(0, -1), fc(size, 'detections')];
}

export interface DetectorCost {
  key: DetectorKey;
  /** forward passes per image: of the whole CNN (R-CNN, YOLO) or of the trunk; of the RPN; of the head */
  passes: { network: number; trunk: number; rpn: number; head: number };
  macs: {
    /** work done once per image: the trunk (or YOLO's whole network) */
    once: number;
    /** the region proposal network (Faster R-CNN) */
    rpn: number;
    /** work per region: the whole network (R-CNN) or the head */
    perRegion: number;
    /** regions processed: N, N' or 0 */
    regions: number;
    /** once + rpn + regions · perRegion */
    total: number;
  };
}

export interface DetectionCost {
  settings: DetectionCostSettings;
  /** the backbone's own input (R-CNN warps each region to it) */
  nativeInput: SpatialShape;
  /** one pass of the whole backbone on its own input, with the detection outputs */
  fullPassMacs: number;
  /** the shared feature map of Fast/Faster R-CNN on the H × W image */
  featureMap: SpatialShape;
  /** anchors scored by the RPN: H_f · W_f · k */
  anchorCount: number;
  roiShape: SpatialShape;
  /** YOLO v1's input */
  yoloInput: SpatialShape;
  detectors: DetectorCost[];
}

/** Checks each setting (whole numbers within `detectionLimits`, a known backbone). */
export function checkDetectionSettings(s: DetectionCostSettings): Problem[] {
  const found = [
    checkWhole('imageH', s.imageH, 1, detectionLimits.imageH),
    checkWhole('imageW', s.imageW, 1, detectionLimits.imageW),
    checkWhole('proposals', s.proposals, 1, detectionLimits.proposals),
    checkWhole('rpnProposals', s.rpnProposals, 1, detectionLimits.rpnProposals),
    checkWhole('classes', s.classes, 1, detectionLimits.classes),
    checkWhole('anchors', s.anchors, 1, detectionLimits.anchors),
  ].filter((p): p is Problem => p !== null);
  // an unknown backbone has no network to count
  if (!presetKeys.includes(s.backbone)) found.push(problem('emptyNetwork'));
  return found;
}

/**
 * `compute()` once per key: the last few answers are kept (a reader toggles between a handful of
 * settings), and the map is emptied when it grows past 32 keys so it cannot grow without bound.
 */
function remember<K, V>(answers: Map<K, V>, key: K, compute: () => V): V {
  const known = answers.get(key);
  if (known !== undefined) return known;
  if (answers.size >= 32) answers.clear();
  const value = compute();
  answers.set(key, value);
  return value;
}

/** YOLO v1's analysis per class count C. */
const yoloCosts = new Map<number, ReturnType<typeof analyze>>();
/** The backbone's split and its full pass at its own input, per backbone and C. */
const backboneCosts = new Map<string, Checked<{ split: BackboneSplit; fullPassMacs: number }>>();

/**
 * What depends only on the backbone and C (its split into trunk and head, and one full pass at its
 * own input: trunk(native) + head), counted once per pair, so changing N, N' or the image size
 * recounts only the trunk on H × W and the RPN (DetectionCost's change task: 5.3 → 5.0 ms, traced).
 */
function backboneCost(
  backbone: PresetKey,
  classes: number,
): Checked<{ split: BackboneSplit; fullPassMacs: number }> {
  return remember(backboneCosts, `${backbone} ${classes}`, () => {
    const preset = presets[backbone];
    const native = preset.input as SpatialShape;
    const split = splitBackbone(preset.network, native, classes);
    if (!split.ok) return split;
    const trunkNative = analyze(split.value.trunk, native);
    if (!trunkNative.ok) return trunkNative;
    return {
      ok: true,
      value: { split: split.value, fullPassMacs: trunkNative.value.totals.macs + split.value.headMacs },
    };
  });
}

/**
 * Forward passes and MACs per image for R-CNN, Fast R-CNN, Faster R-CNN and YOLO v1 (formulas in
 * the module comment): R-CNN N·(trunk + head); Fast R-CNN trunk(H×W) + N·head; Faster R-CNN
 * trunk(H×W) + RPN(H_f×W_f) + N'·head; YOLO one pass at 448×448. Problems: a bad setting, an image
 * too small for the backbone (the trunk does not fit), or more RPN proposals than anchors.
 */
export function detectionCost(s: DetectionCostSettings): Checked<DetectionCost> {
  const bad = checkDetectionSettings(s);
  if (bad.length > 0) return { ok: false, problems: bad };
  const preset = presets[s.backbone];
  const native = preset.input as SpatialShape;
  const fixed = backboneCost(s.backbone, s.classes);
  if (!fixed.ok) return fixed;
  const { trunk, headMacs, roiShape } = fixed.value.split;
  const fullPassMacs = fixed.value.fullPassMacs;
  const shared = analyze(trunk, { h: s.imageH, w: s.imageW, c: 3 });
  if (!shared.ok) return shared;
  const featureMap = shared.value.output;
  if (isFlat(featureMap))
    return { ok: false, problems: [problem('needsSpatialInput', { size: featureMap.size })] };
  const rpn = analyze(rpnLayers(s.anchors), featureMap);
  if (!rpn.ok) return rpn;
  const anchorCount = featureMap.h * featureMap.w * s.anchors;
  if (s.rpnProposals > anchorCount)
    return { ok: false, problems: [problem('tooLarge', { what: 'rpnProposals', max: anchorCount })] };
  const yolo = remember(yoloCosts, s.classes, () => analyze(yoloNetwork(s.classes), yolov1.input));
  if (!yolo.ok) return yolo;
  const cost = (
    key: DetectorKey,
    passes: DetectorCost['passes'],
    once: number,
    rpnMacs: number,
    perRegion: number,
    regions: number,
  ): DetectorCost => ({
    key,
    passes,
    macs: { once, rpn: rpnMacs, perRegion, regions, total: once + rpnMacs + regions * perRegion },
  });
  const trunkMacs = shared.value.totals.macs;
  const detectors = [
    cost('rcnn', { network: s.proposals, trunk: 0, rpn: 0, head: 0 }, 0, 0, fullPassMacs, s.proposals),
    cost(
      'fast-rcnn',
      { network: 0, trunk: 1, rpn: 0, head: s.proposals },
      trunkMacs,
      0,
      headMacs,
      s.proposals,
    ),
    cost(
      'faster-rcnn',
      { network: 0, trunk: 1, rpn: 1, head: s.rpnProposals },
      trunkMacs,
      rpn.value.totals.macs,
      headMacs,
      s.rpnProposals,
    ),
    cost('yolo', { network: 1, trunk: 0, rpn: 0, head: 0 }, yolo.value.totals.macs, 0, 0, 0),
  ];
  if (detectors.some((d) => !(d.macs.total <= Number.MAX_SAFE_INTEGER)))
    return { ok: false, problems: [problem('networkTooLarge')] };
  return {
    ok: true,
    value: {
      settings: s,
      nativeInput: native,
      fullPassMacs,
      featureMap,
      anchorCount,
      roiShape,
      yoloInput: yolov1.input as SpatialShape,
      detectors,
    },
  };
}

/** What a published timing includes: every step, proposals and features only, or the network without the proposal method. */
export type SpeedScope = 'all' | 'proposalsAndFeatures' | 'withoutProposals';

/**
 * Speeds the papers report, per image, for the lesson and the widget to cite beside the counts:
 * test time in seconds on the paper's GPU, the backbone, the reference key and where in the paper.
 * R-CNN (AlexNet) 13 s for proposals and features; R-CNN and Fast R-CNN with VGG-16 47 s and
 * 0.32 s without proposals; Faster R-CNN (VGG-16) 198 ms for all steps (5 frames/s); YOLO 45
 * frames/s.
 */
export const publishedSpeeds = [
  {
    key: 'rcnn',
    backbone: 'AlexNet',
    seconds: 13,
    cite: 'girshick-2014',
    where: '§2.2',
    scope: 'proposalsAndFeatures',
  },
  {
    key: 'rcnn',
    backbone: 'VGG-16',
    seconds: 47,
    cite: 'girshick-2015',
    where: 'Table 4',
    scope: 'withoutProposals',
  },
  {
    key: 'fast-rcnn',
    backbone: 'VGG-16',
    seconds: 0.32,
    cite: 'girshick-2015',
    where: 'Table 4',
    scope: 'withoutProposals',
  },
  {
    key: 'faster-rcnn',
    backbone: 'VGG-16',
    seconds: 0.198,
    cite: 'ren-2015',
    where: 'Table 5',
    scope: 'all',
  },
  { key: 'yolo', backbone: 'YOLO v1', seconds: 1 / 45, cite: 'redmon-2016', where: 'Table 1', scope: 'all' },
] as const satisfies readonly {
  key: DetectorKey;
  backbone: string;
  seconds: number;
  cite: string;
  where: string;
  scope: SpeedScope;
}[];
