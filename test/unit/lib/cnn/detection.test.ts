import { describe, expect, it } from 'vitest';
import {
  argmax,
  boxArea,
  cellOf,
  checkBox,
  decodeYoloCell,
  iou,
  nms,
  overlap,
  yoloDepth,
  yoloDetections,
  yoloIndex,
  yoloOutputSize,
  yoloVoc,
  type Box,
  type Detection,
} from '~/lib/cnn/detection';

const box = (x: number, y: number, w: number, h: number): Box => ({ x, y, w, h });

describe('overlap and IoU = |A ∩ B| / |A ∪ B|', () => {
  it.each<[string, Box, Box, number, number, number]>([
    // name, A, B, intersection, union, IoU (by hand)
    ['disjoint', box(0, 0, 2, 2), box(5, 5, 2, 2), 0, 8, 0],
    ['disjoint in x only', box(0, 0, 2, 2), box(3, 0, 2, 2), 0, 8, 0],
    ['touching along an edge', box(0, 0, 2, 2), box(2, 0, 2, 2), 0, 8, 0],
    ['touching at a corner', box(0, 0, 2, 2), box(2, 2, 2, 2), 0, 8, 0],
    ['partial overlap', box(0, 0, 2, 2), box(1, 1, 2, 2), 1, 7, 1 / 7],
    ['half shifted', box(0, 0, 4, 2), box(2, 0, 4, 2), 4, 12, 1 / 3],
    ['contained', box(0, 0, 10, 10), box(2, 3, 4, 5), 20, 100, 0.2],
    ['identical', box(3, 4, 5, 6), box(3, 4, 5, 6), 30, 30, 1],
    ['one zero-area box inside the other', box(0, 0, 4, 4), box(1, 1, 0, 2), 0, 16, 0],
    ['two identical zero-area boxes', box(1, 1, 0, 0), box(1, 1, 0, 0), 0, 0, 0],
    ['fractional coordinates', box(0.5, 0.5, 1, 1), box(1, 1, 1, 1), 0.25, 1.75, 1 / 7],
  ])('%s', (_name, a, b, intersection, union, value) => {
    const o = overlap(a, b);
    expect(o.intersection).toBeCloseTo(intersection, 12);
    expect(o.union).toBeCloseTo(union, 12);
    expect(o.iou).toBeCloseTo(value, 12);
    expect(iou(b, a)).toBeCloseTo(value, 12); // symmetric
  });

  it('never exceeds 1 and is never NaN', () => {
    const boxes = [box(0, 0, 3, 3), box(1, 2, 0, 0), box(-2, -2, 5, 1), box(2, 2, 3, 3)];
    for (const a of boxes)
      for (const b of boxes) {
        const v = iou(a, b);
        expect(Number.isNaN(v)).toBe(false);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
  });

  it('area is w·h and 0 for a degenerate box', () => {
    expect(boxArea(box(1, 1, 3, 4))).toBe(12);
    expect(boxArea(box(1, 1, 0, 4))).toBe(0);
  });

  it.each<[Box, string[]]>([
    [box(0, 0, 1, 1), []],
    [box(0, 0, 0, 0), []],
    [box(Number.NaN, 0, 1, 1), ['missing']],
    [box(0, Number.POSITIVE_INFINITY, 1, 1), ['notInteger']],
    [box(0, 0, -1, 1), ['negative']],
    [box(0, 0, -1, -2), ['negative', 'negative']],
  ])('checkBox(%j) → %j', (b, codes) => {
    expect(checkBox(b).map((p) => p.code)).toEqual(codes);
  });
});

describe('greedy non-maximum suppression', () => {
  // A and B overlap heavily (IoU 90/110), A and D moderately (50/150), C is far away.
  const A: Detection = { box: box(0, 0, 10, 10), score: 0.9, label: 0 };
  const B: Detection = { box: box(1, 0, 10, 10), score: 0.8, label: 0 };
  const C: Detection = { box: box(20, 20, 10, 10), score: 0.7, label: 0 };
  const D: Detection = { box: box(5, 0, 10, 10), score: 0.6, label: 0 };

  it.each<[number, number[], number[]]>([
    // threshold, kept (pick order), suppressed
    [0.5, [0, 2, 3], [1]],
    [0.85, [0, 1, 2, 3], []],
    [0.3, [0, 2], [1, 3]],
    [0, [0, 2], [1, 3]],
    [1, [0, 1, 2, 3], []],
  ])('threshold %d keeps %j and suppresses %j', (t, kept, suppressed) => {
    const r = nms([A, B, C, D], t);
    if (!r.ok) throw new Error('nms must run');
    expect(r.value.kept).toEqual(kept);
    expect(r.value.suppressed).toEqual(suppressed);
  });

  it('traces each round: what is kept, what is removed with its IoU, what survives', () => {
    const r = nms([D, C, B, A], 0.5); // input order does not matter, indices refer to it
    if (!r.ok) throw new Error('nms must run');
    expect(r.value.steps).toHaveLength(3);
    const [s1, s2, s3] = r.value.steps;
    expect(s1!.kept).toBe(3); // A
    expect(s1!.suppressed).toEqual([{ index: 2, iou: 90 / 110 }]);
    expect(s1!.survived.map((x) => x.index)).toEqual([1, 0]); // C (IoU 0), D (1/3)
    expect(s1!.survived[1]!.iou).toBeCloseTo(1 / 3, 12);
    expect(s1!.remaining).toEqual([1, 0]);
    expect(s2!.kept).toBe(1);
    expect(s2!.suppressed).toEqual([]);
    expect(s3!.kept).toBe(0);
    expect(s3!.remaining).toEqual([]);
  });

  it('compares only boxes of the same class', () => {
    const r = nms([A, { ...B, label: 1 }], 0.5);
    if (!r.ok) throw new Error('nms must run');
    expect(r.value.kept).toEqual([0, 1]);
    expect(r.value.steps[0]!.survived).toEqual([]);
    expect(r.value.steps[0]!.remaining).toEqual([1]);
  });

  it('breaks score ties by input order and handles an empty list', () => {
    const r = nms([{ ...B, score: 0.9 }, A], 0.5);
    if (!r.ok) throw new Error('nms must run');
    expect(r.value.kept).toEqual([0]);
    const empty = nms([], 0.5);
    expect(empty.ok && empty.value.steps).toEqual([]);
  });

  it.each([
    [1.5, 'outOfRange'],
    [-0.1, 'outOfRange'],
    [Number.NaN, 'missing'],
  ])('threshold %d is a problem (%s)', (t, code) => {
    const r = nms([A, B], t);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.code).toBe(code);
  });

  it('a bad box is a problem', () => {
    const r = nms([A, { ...B, box: box(0, 0, -1, 2) }], 0.5);
    expect(!r.ok && r.problems.map((p) => p.values.what)).toEqual(['box2.w']);
  });
});

describe('YOLO v1 output tensor S × S × (B·5 + C)', () => {
  it.each<[number, number, number, number, number]>([
    // S, B, C, depth, values
    [7, 2, 20, 30, 1470], // the paper's PASCAL VOC setting
    [7, 3, 20, 35, 1715],
    [1, 1, 1, 6, 6],
    [13, 2, 80, 90, 15_210],
  ])('S=%i B=%i C=%i → depth %i, %i values', (S, B, C, depth, values) => {
    expect(yoloDepth({ S, B, C })).toBe(depth);
    const r = yoloOutputSize({ S, B, C });
    expect(r.ok && r.value).toEqual({ shape: [S, S, depth], values });
  });

  it.each([
    [{ S: 0, B: 2, C: 20 }, 'notPositive'],
    [{ S: 7, B: 1.5, C: 20 }, 'notInteger'],
    [{ S: 7, B: 2, C: Number.NaN }, 'missing'],
  ])('%j is a problem', (cfg, code) => {
    const r = yoloOutputSize(cfg);
    expect(!r.ok && r.problems[0]!.code).toBe(code);
  });

  it('indexes cells row-major, boxes first, then the class probabilities', () => {
    expect(yoloIndex(yoloVoc, 0, 0, 0)).toBe(0);
    expect(yoloIndex(yoloVoc, 0, 1, 0)).toBe(30);
    expect(yoloIndex(yoloVoc, 1, 0, 0)).toBe(210);
    expect(yoloIndex(yoloVoc, 6, 6, 29)).toBe(1469);
  });

  // A hand-made tensor: only cell (row 3, col 4) says anything.
  const tensor = new Float64Array(1470);
  const set = (k: number, v: number) => (tensor[yoloIndex(yoloVoc, 3, 4, k)] = v);
  [0.5, 0.5, 0.2, 0.4, 0.8].forEach((v, k) => set(k, v)); // box 0: x, y, w, h, confidence
  [0, 0.25, 0.5, 0.5, 0.1].forEach((v, k) => set(5 + k, v)); // box 1
  set(10 + 11, 0.7); // Pr(dog | object)
  set(10 + 14, 0.3); // Pr(person | object)

  it('decodes a cell: x, y relative to the cell, w, h relative to the image, one set of classes', () => {
    const r = decodeYoloCell(tensor, yoloVoc, 3, 4, 448, 448);
    if (!r.ok) throw new Error('must decode');
    const [b0, b1] = r.value.boxes;
    // centre ((4 + 0.5)/7 · 448, (3 + 0.5)/7 · 448) = (288, 224); size 0.2·448 × 0.4·448
    expect(b0!.box.x).toBeCloseTo(288 - 44.8, 9);
    expect(b0!.box.y).toBeCloseTo(224 - 89.6, 9);
    expect(b0!.box.w).toBeCloseTo(89.6, 9);
    expect(b0!.box.h).toBeCloseTo(179.2, 9);
    // box 1: centre (4/7 · 448, 3.25/7 · 448) = (256, 208), size 224 × 224
    for (const [key, v] of Object.entries({ x: 256 - 112, y: 208 - 112, w: 224, h: 224 }))
      expect(b1!.box[key as keyof Box]).toBeCloseTo(v, 9);
    expect(r.value.classProbs[11]).toBe(0.7);
    // class-specific score = Pr(class | object) · confidence, per box, from the same class set
    expect(b0!.scores[11]).toBeCloseTo(0.56, 12);
    expect(b0!.scores[14]).toBeCloseTo(0.24, 12);
    expect(b1!.scores[11]).toBeCloseTo(0.07, 12);
    expect(b0!.scores[0]).toBe(0);
  });

  it('turns a tensor into detections above a score threshold', () => {
    const r = yoloDetections(tensor, yoloVoc, 448, 448, 0.2);
    if (!r.ok) throw new Error('must decode');
    expect(r.value).toHaveLength(1);
    expect(r.value[0]).toMatchObject({ row: 3, col: 4, b: 0, label: 11 });
    expect(r.value[0]!.score).toBeCloseTo(0.56, 12);
    const all = yoloDetections(tensor, yoloVoc, 448, 448, 0);
    expect(all.ok && all.value.length).toBe(98); // every box of 7 · 7 cells · 2
  });

  it.each([
    ['a tensor of the wrong length', () => decodeYoloCell(new Float64Array(100), yoloVoc, 0, 0, 448, 448)],
    ['a row outside the grid', () => decodeYoloCell(tensor, yoloVoc, 7, 0, 448, 448)],
    ['a negative column', () => decodeYoloCell(tensor, yoloVoc, 0, -1, 448, 448)],
    ['an image of width 0', () => decodeYoloCell(tensor, yoloVoc, 0, 0, 0, 448)],
    ['a score threshold above 1', () => yoloDetections(tensor, yoloVoc, 448, 448, 2)],
  ])('%s is a problem', (_name, f) => {
    expect(f().ok).toBe(false);
  });

  it.each([
    [0, 0, 0, 0],
    [447, 447, 6, 6],
    [64, 63.9, 0, 1],
    [288, 224, 3, 4],
    [-5, 500, 6, 0], // clamped
  ])('point (%d, %d) lies in row %i, column %i', (px, py, row, col) => {
    expect(cellOf(yoloVoc, px, py, 448, 448)).toEqual({ row, col });
  });

  it('argmax picks the first of equal maxima', () => {
    expect(argmax([0.1, 0.5, 0.5])).toBe(1);
    expect(argmax([])).toBe(0);
  });
});
