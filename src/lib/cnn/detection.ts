/**
 * Object detection arithmetic: boxes, intersection over union, non-maximum suppression and the
 * YOLO v1 output tensor. Pure and total: bad settings come back as Problems, never NaN.
 *
 * Boxes are axis-aligned, in image pixels, written by their top-left corner and size:
 * { x, y, w, h } covers [x, x + w] × [y, y + h] (y grows downwards, as on a screen).
 */
import { checkRange } from './activations';
import { clamp } from './clamp';
import { checkWhole } from './conv-arithmetic';
import { problem, type Checked, type Problem } from './problems';

export interface Box {
  /** left edge */
  x: number;
  /** top edge */
  y: number;
  /** width, ≥ 0 */
  w: number;
  /** height, ≥ 0 */
  h: number;
}

/** Area of a box: w·h (0 for a degenerate box). */
export function boxArea(b: Box): number {
  return Math.max(0, b.w) * Math.max(0, b.h);
}

/**
 * Problems with a box (key `what` prefixed by `name`, e.g. "a.w"): every coordinate finite, and
 * width and height not negative (0 is allowed: a degenerate box has area 0 and IoU 0).
 */
export function checkBox(b: Box, name = 'box'): Problem[] {
  const out: Problem[] = [];
  for (const key of ['x', 'y', 'w', 'h'] as const) {
    const v = b[key];
    if (Number.isNaN(v)) out.push(problem('missing', { what: `${name}.${key}` }));
    else if (!Number.isFinite(v))
      out.push(problem('notInteger', { what: `${name}.${key}`, value: String(v) }));
    else if ((key === 'w' || key === 'h') && v < 0)
      out.push(problem('negative', { what: `${name}.${key}`, value: v }));
  }
  return out;
}

export interface Overlap {
  /** |A ∩ B| = max(0, min(x₂) − max(x₁)) · max(0, min(y₂) − max(y₁)) */
  intersection: number;
  /** |A ∪ B| = |A| + |B| − |A ∩ B| */
  union: number;
  /** |A ∩ B| / |A ∪ B|, and 0 when the union is empty (two degenerate boxes) */
  iou: number;
}

/**
 * Intersection over union of two boxes: IoU = |A ∩ B| / |A ∪ B| with
 * |A ∩ B| = max(0, min(x_A + w_A, x_B + w_B) − max(x_A, x_B)) · (the same along y) and
 * |A ∪ B| = |A| + |B| − |A ∩ B|. 0 for disjoint or merely touching boxes, 1 for identical boxes
 * with positive area, |small| / |large| for a box inside another; 0 when both have zero area.
 */
export function overlap(a: Box, b: Box): Overlap {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const intersection = ix * iy;
  const union = boxArea(a) + boxArea(b) - intersection;
  return { intersection, union, iou: union > 0 ? intersection / union : 0 };
}

/** IoU = |A ∩ B| / |A ∪ B| (see `overlap`). */
export function iou(a: Box, b: Box): number {
  return overlap(a, b).iou;
}

/** A scored box: what a detector outputs before suppression. */
export interface Detection {
  box: Box;
  /** confidence score; higher is kept first */
  score: number;
  /** class index; NMS only compares boxes of the same class */
  label: number;
}

/** One round of greedy NMS. */
export interface NmsStep {
  /** index (into the input list) of the highest-scoring box still in play: kept */
  kept: number;
  /** boxes of the same class removed in this round, with their IoU against the kept one (> threshold) */
  suppressed: { index: number; iou: number }[];
  /** boxes of the same class compared and left in play (IoU ≤ threshold) */
  survived: { index: number; iou: number }[];
  /** indices still in play after this round, best score first */
  remaining: number[];
}

export interface NmsResult {
  steps: NmsStep[];
  /** indices kept, in the order they were picked (best score first) */
  kept: number[];
  /** indices suppressed, in the order they were removed */
  suppressed: number[];
}

/**
 * Greedy non-maximum suppression: sort the detections by score (ties: lower index first); repeat
 * — keep the best box still in play, and remove every other box of the same class whose IoU with
 * it is greater than `threshold` — until none is left. Each round is one step of the trace.
 * Threshold 1 keeps every box (an IoU never exceeds 1); threshold 0 removes every box of the same
 * class that overlaps the kept one at all. Problems: threshold outside [0, 1], a bad box.
 */
export function nms(detections: readonly Detection[], threshold: number): Checked<NmsResult> {
  const bad = checkRange('iouThreshold', threshold, 0, 1);
  const problems = [...(bad ? [bad] : []), ...detections.flatMap((d, i) => checkBox(d.box, `box${i + 1}`))];
  if (problems.length > 0) return { ok: false, problems };
  let live = detections.map((_, i) => i).sort((i, j) => detections[j]!.score - detections[i]!.score || i - j);
  const steps: NmsStep[] = [];
  const kept: number[] = [];
  const suppressed: number[] = [];
  while (live.length > 0) {
    const best = live[0]!;
    const step: NmsStep = { kept: best, suppressed: [], survived: [], remaining: [] };
    for (const other of live.slice(1)) {
      if (detections[other]!.label !== detections[best]!.label) {
        step.remaining.push(other);
        continue;
      }
      const v = iou(detections[best]!.box, detections[other]!.box);
      if (v > threshold) {
        step.suppressed.push({ index: other, iou: v });
        suppressed.push(other);
      } else {
        step.survived.push({ index: other, iou: v });
        step.remaining.push(other);
      }
    }
    kept.push(best);
    steps.push(step);
    live = step.remaining;
  }
  return { ok: true, value: { steps, kept, suppressed } };
}

/** The shape of a YOLO v1 output: an S×S grid, B boxes per cell, C classes. */
export interface YoloConfig {
  /** grid size S */
  S: number;
  /** boxes per cell B */
  B: number;
  /** classes C */
  C: number;
}

/** The paper's PASCAL VOC setting: S = 7, B = 2, C = 20 → 7×7×30. */
export const yoloVoc: YoloConfig = { S: 7, B: 2, C: 20 };

/** Values per cell: B·5 + C (x, y, w, h, confidence for each box, then one set of C class probabilities). */
export function yoloDepth({ B, C }: YoloConfig): number {
  return B * 5 + C;
}

/** Checks S, B ≥ 1 and C ≥ 1 (whole numbers, at most 1000 each). */
export function checkYolo(cfg: YoloConfig): Problem[] {
  return [
    checkWhole('S', cfg.S, 1, 1000),
    checkWhole('B', cfg.B, 1, 1000),
    checkWhole('C', cfg.C, 1, 1000),
  ].filter((p): p is Problem => p !== null);
}

/** Size of the output tensor: S × S × (B·5 + C) values, e.g. 7·7·30 = 1470. */
export function yoloOutputSize(
  cfg: YoloConfig,
): Checked<{ shape: [number, number, number]; values: number }> {
  const problems = checkYolo(cfg);
  if (problems.length > 0) return { ok: false, problems };
  const depth = yoloDepth(cfg);
  return { ok: true, value: { shape: [cfg.S, cfg.S, depth], values: cfg.S * cfg.S * depth } };
}

/**
 * Index of value `k` of cell (row, col) in the flat tensor, stored row-major as
 * [row][col][k] with k < B·5 + C: index = (row·S + col)·(B·5 + C) + k.
 * Within a cell, box b occupies k = 5b … 5b + 4 as (x, y, w, h, confidence), and the C class
 * probabilities follow at k = 5B … 5B + C − 1.
 */
export function yoloIndex(cfg: YoloConfig, row: number, col: number, k: number): number {
  return (row * cfg.S + col) * yoloDepth(cfg) + k;
}

/** One predicted box of a cell, decoded to image pixels. */
export interface YoloBox {
  /** predictor index b within the cell */
  b: number;
  /** raw outputs: centre offset inside the cell (0–1), size relative to the image (0–1) */
  raw: { x: number; y: number; w: number; h: number };
  /** the box in image pixels (top-left corner and size) */
  box: Box;
  /** confidence = Pr(object) · IoU(predicted, truth) */
  confidence: number;
  /** class-specific scores Pr(class_i | object) · confidence, one per class */
  scores: number[];
}

export interface YoloCell {
  row: number;
  col: number;
  boxes: YoloBox[];
  /** Pr(class_i | object): one set per cell, shared by its B boxes */
  classProbs: number[];
}

/**
 * Decodes one cell of a YOLO v1 output for an image of imageW × imageH pixels. For box b with raw
 * (x, y, w, h, confidence): centre ((col + x)/S · W, (row + y)/S · H), size (w · W, h · H), so x, y
 * are relative to the cell and w, h to the whole image; class-specific score of class i =
 * Pr(class_i | object) · confidence. Problems: wrong tensor length, cell outside the grid.
 */
export function decodeYoloCell(
  tensor: ArrayLike<number>,
  cfg: YoloConfig,
  row: number,
  col: number,
  imageW: number,
  imageH: number,
): Checked<YoloCell> {
  const size = yoloOutputSize(cfg);
  if (!size.ok) return size;
  if (tensor.length !== size.value.values) {
    const length = size.value.values;
    return {
      ok: false,
      problems: [
        problem('outOfRange', { what: 'tensorLength', min: length, max: length, value: tensor.length }),
      ],
    };
  }
  const cellProblems = [
    checkRange('row', row, 0, cfg.S - 1),
    checkRange('col', col, 0, cfg.S - 1),
    checkWhole('row', row, 0),
    checkWhole('col', col, 0),
    checkWhole('imageW', imageW, 1),
    checkWhole('imageH', imageH, 1),
  ].filter((p): p is Problem => p !== null);
  if (cellProblems.length > 0) return { ok: false, problems: [cellProblems[0]!] };
  const at = (k: number) => tensor[yoloIndex(cfg, row, col, k)]!;
  const classProbs = Array.from({ length: cfg.C }, (_, i) => at(5 * cfg.B + i));
  const boxes = Array.from({ length: cfg.B }, (_, b): YoloBox => {
    const raw = { x: at(5 * b), y: at(5 * b + 1), w: at(5 * b + 2), h: at(5 * b + 3) };
    const confidence = at(5 * b + 4);
    const cx = ((col + raw.x) / cfg.S) * imageW;
    const cy = ((row + raw.y) / cfg.S) * imageH;
    const w = raw.w * imageW;
    const h = raw.h * imageH;
    return {
      b,
      raw,
      box: { x: cx - w / 2, y: cy - h / 2, w, h },
      confidence,
      scores: classProbs.map((p) => p * confidence),
    };
  });
  return { ok: true, value: { row, col, boxes, classProbs } };
}

/**
 * Every box of a YOLO output as a detection for NMS: each of the S·S·B boxes labelled with its
 * best class-specific score, kept when that score is at least `minScore` (the paper's evaluation
 * drops low scores before suppression). Order: row, column, box.
 */
export function yoloDetections(
  tensor: ArrayLike<number>,
  cfg: YoloConfig,
  imageW: number,
  imageH: number,
  minScore: number,
): Checked<(Detection & { row: number; col: number; b: number })[]> {
  const bad = checkRange('minScore', minScore, 0, 1);
  if (bad) return { ok: false, problems: [bad] };
  const out: (Detection & { row: number; col: number; b: number })[] = [];
  for (let row = 0; row < cfg.S; row++) {
    for (let col = 0; col < cfg.S; col++) {
      const cell = decodeYoloCell(tensor, cfg, row, col, imageW, imageH);
      if (!cell.ok) return cell;
      for (const box of cell.value.boxes) {
        const label = argmax(box.scores);
        const score = box.scores[label]!;
        if (score >= minScore) out.push({ box: box.box, score, label, row, col, b: box.b });
      }
    }
  }
  return { ok: true, value: out };
}

/** Index of the largest value (the first one on ties); 0 for an empty list. */
export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** Which cell of an S×S grid over a W × H image holds the point (px, py): ⌊py/H · S⌋, ⌊px/W · S⌋, clamped. */
export function cellOf(cfg: YoloConfig, px: number, py: number, imageW: number, imageH: number) {
  const cell = (v: number) => clamp(v, 0, cfg.S - 1);
  return { row: cell(Math.floor((py / imageH) * cfg.S)), col: cell(Math.floor((px / imageW) * cfg.S)) };
}
