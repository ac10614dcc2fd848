/**
 * YoloGrid's synthetic scene and the YOLO v1 output tensor built from it, deterministically, as a
 * well-trained network would answer: the cell holding an object's centre predicts that object's
 * box; cells the object overlaps predict weaker, shifted copies (the duplicates NMS must remove);
 * empty cells predict small boxes with almost no confidence. Pure: no DOM.
 */
import { clamp } from '~/lib/cnn/clamp';
import {
  cellOf,
  iou,
  mulberry32,
  nms,
  overlap,
  yoloDetections,
  yoloIndex,
  yoloVoc,
  yoloDepth,
  type Box,
  type Checked,
  type Detection,
  type NmsResult,
  type YoloConfig,
} from '~/lib/cnn';

/** The image side in pixels (YOLO v1's input is 448 × 448). */
export const IMAGE = 448;

/** PASCAL VOC class names (English keys for the strings `yoloGrid.class.<name>`), in the paper's order. */
export const vocClasses = [
  'aeroplane',
  'bicycle',
  'bird',
  'boat',
  'bottle',
  'bus',
  'car',
  'cat',
  'chair',
  'cow',
  'diningtable',
  'dog',
  'horse',
  'motorbike',
  'person',
  'pottedplant',
  'sheep',
  'sofa',
  'train',
  'tvmonitor',
] as const;
export type VocClass = (typeof vocClasses)[number];

export interface SceneObject {
  cls: VocClass;
  /** true box in image pixels */
  box: Box;
}

/** A street: a car on the left, a person and a dog beside them on the right. */
export const scene: SceneObject[] = [
  { cls: 'car', box: { x: 24, y: 236, w: 232, h: 124 } },
  { cls: 'person', box: { x: 284, y: 84, w: 76, h: 260 } },
  { cls: 'dog', box: { x: 330, y: 290, w: 100, h: 76 } },
];

/** The grid cell (x, y, w, h in pixels) at row, col. */
export function cellBox(row: number, col: number, cfg: YoloConfig = yoloVoc): Box {
  const side = IMAGE / cfg.S;
  return { x: col * side, y: row * side, w: side, h: side };
}

const centre = (b: Box) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });

/**
 * The 7×7×30 tensor for `objects` (flat, layout of `yoloIndex`). Per cell, with coverage_o = the
 * share of the cell's area inside object o's box:
 * - class probabilities ∝ 0.01 + Σ_o coverage_o · [class = class_o] (normalised to sum 1);
 * - the cell holding object o's centre: box 0 = o's box moved by at most ±4 px, box 1 = the same
 *   centre with a 25 % narrower, 15 % taller shape; confidence = IoU(predicted, true);
 * - a cell that o overlaps (the object covering it most): both boxes are o's box with the centre
 *   pulled inside the cell (box 1 also reshaped); confidence = coverage · IoU(predicted, true)²;
 * - an empty cell: small boxes at the cell centre, confidence between 0.01 and 0.05.
 * Jitter comes from mulberry32(seed), so the same scene always gives the same tensor.
 */
export function sceneTensor(
  objects: readonly SceneObject[],
  seed = 11,
  cfg: YoloConfig = yoloVoc,
): Float64Array {
  const depth = yoloDepth(cfg);
  const out = new Float64Array(cfg.S * cfg.S * depth);
  const rand = mulberry32(seed);
  const side = IMAGE / cfg.S;
  const responsible = new Map<string, SceneObject>();
  for (const o of objects) {
    const c = centre(o.box);
    const cell = cellOf(cfg, c.x, c.y, IMAGE, IMAGE);
    responsible.set(`${cell.row},${cell.col}`, o);
  }
  for (let row = 0; row < cfg.S; row++) {
    for (let col = 0; col < cfg.S; col++) {
      const cell = cellBox(row, col, cfg);
      const cover = objects.map((o) => overlap(cell, o.box).intersection / (side * side));
      const probs = Array.from({ length: cfg.C }, () => 0.01);
      objects.forEach((o, i) => (probs[vocClasses.indexOf(o.cls)]! += cover[i]!));
      const sum = probs.reduce((a, b) => a + b, 0);
      probs.forEach((p, i) => (out[yoloIndex(cfg, row, col, 5 * cfg.B + i)] = p / sum));

      const owner = responsible.get(`${row},${col}`);
      const best = cover.reduce((bi, v, i) => (v > cover[bi]! ? i : bi), 0);
      const overlapping = objects.length > 0 && cover[best]! > 0 ? objects[best]! : null;
      for (let b = 0; b < cfg.B; b++) {
        const jitter = () => (rand() - 0.5) * 8;
        let pred: Box;
        let confidence: number;
        if (owner || overlapping) {
          const o = (owner ?? overlapping)!;
          const c = centre(o.box);
          const cx = clamp(c.x + jitter(), cell.x + 1, cell.x + side - 1);
          const cy = clamp(c.y + jitter(), cell.y + 1, cell.y + side - 1);
          const w = b === 0 ? o.box.w : o.box.w * 0.75;
          const h = b === 0 ? o.box.h : Math.min(IMAGE, o.box.h * 1.15);
          pred = { x: cx - w / 2, y: cy - h / 2, w, h };
          const fit = iou(pred, o.box);
          confidence = owner ? fit : cover[best]! * fit * fit;
        } else {
          const w = side * (0.4 + 0.4 * rand());
          const h = side * (0.4 + 0.4 * rand());
          pred = { x: cell.x + side / 2 - w / 2, y: cell.y + side / 2 - h / 2, w, h };
          confidence = 0.01 + 0.04 * rand();
        }
        const k = 5 * b;
        out[yoloIndex(cfg, row, col, k)] = (pred.x + pred.w / 2 - cell.x) / side;
        out[yoloIndex(cfg, row, col, k + 1)] = (pred.y + pred.h / 2 - cell.y) / side;
        out[yoloIndex(cfg, row, col, k + 2)] = pred.w / IMAGE;
        out[yoloIndex(cfg, row, col, k + 3)] = pred.h / IMAGE;
        out[yoloIndex(cfg, row, col, k + 4)] = confidence;
      }
    }
  }
  return out;
}

/** The scene's tensor, built once. */
export const tensor = sceneTensor(scene);

/** Boxes kept before NMS: best class-specific score at least this (the widget's fixed cut-off). */
export const MIN_SCORE = 0.2;

export type Candidate = Detection & { row: number; col: number; b: number };

/** The candidate detections of the scene (score ≥ MIN_SCORE), best first, for NMS. */
export function candidates(): Candidate[] {
  const r = yoloDetections(tensor, yoloVoc, IMAGE, IMAGE, MIN_SCORE);
  if (!r.ok) return [];
  return r.value.sort((a, b) => b.score - a.score);
}

/** NMS over the scene's candidates at IoU threshold t (Problems for t outside [0, 1]). */
export function sceneNms(t: number): Checked<{ list: Candidate[]; result: NmsResult }> {
  const list = candidates();
  const result = nms(list, t);
  if (!result.ok) return result;
  return { ok: true, value: { list, result: result.value } };
}

/** The responsible cell of each object (where its centre lies). */
export function responsibleCells(objects: readonly SceneObject[] = scene, cfg: YoloConfig = yoloVoc) {
  return objects.map((o) => {
    const c = centre(o.box);
    return { cls: o.cls, ...cellOf(cfg, c.x, c.y, IMAGE, IMAGE) };
  });
}
