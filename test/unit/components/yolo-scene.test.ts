import { describe, expect, it } from 'vitest';
import { argmax, decodeYoloCell, iou, yoloIndex, yoloVoc } from '~/lib/cnn';
import {
  IMAGE,
  candidates,
  cellBox,
  responsibleCells,
  scene,
  sceneNms,
  sceneTensor,
  tensor,
  vocClasses,
} from '~/components/widgets/YoloGrid/scene';

describe('YoloGrid scene tensor', () => {
  it('is 7 × 7 × 30 and the same on every build (seeded)', () => {
    expect(tensor).toHaveLength(1470);
    expect(Array.from(sceneTensor(scene))).toEqual(Array.from(tensor));
    expect(Array.from(sceneTensor(scene, 12))).not.toEqual(Array.from(tensor));
  });

  it('puts each object in the cell that holds its centre', () => {
    expect(responsibleCells()).toEqual([
      { cls: 'car', row: 4, col: 2 },
      { cls: 'person', row: 3, col: 5 },
      { cls: 'dog', row: 5, col: 5 },
    ]);
  });

  it.each(scene.map((o, i) => [o.cls, i] as const))(
    'the %s cell decodes to its class and a box close to the truth',
    (cls, i) => {
      const { row, col } = responsibleCells()[i]!;
      const cell = decodeYoloCell(tensor, yoloVoc, row, col, IMAGE, IMAGE);
      if (!cell.ok) throw new Error('must decode');
      expect(vocClasses[argmax(cell.value.classProbs)]).toBe(cls);
      const box0 = cell.value.boxes[0]!;
      expect(iou(box0.box, scene[i]!.box)).toBeGreaterThan(0.85);
      expect(box0.confidence).toBeCloseTo(iou(box0.box, scene[i]!.box), 12); // confidence = IoU with the truth
      // raw x, y lie inside the cell; w, h are fractions of the image
      expect(box0.raw.x).toBeGreaterThan(0);
      expect(box0.raw.x).toBeLessThan(1);
      expect(box0.raw.w).toBeCloseTo(scene[i]!.box.w / IMAGE, 12);
    },
  );

  it('gives every cell class probabilities that sum to 1, uniform where nothing is', () => {
    for (let row = 0; row < 7; row++)
      for (let col = 0; col < 7; col++) {
        const probs = Array.from({ length: 20 }, (_, i) => tensor[yoloIndex(yoloVoc, row, col, 10 + i)]!);
        expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      }
    const empty = decodeYoloCell(tensor, yoloVoc, 0, 0, IMAGE, IMAGE);
    if (!empty.ok) throw new Error('must decode');
    expect(empty.value.classProbs.every((p) => Math.abs(p - 0.05) < 1e-12)).toBe(true);
    expect(Math.max(...empty.value.boxes.map((b) => b.confidence))).toBeLessThan(0.05);
  });

  it('cellBox tiles the 448-pixel image in 64-pixel cells', () => {
    expect(cellBox(0, 0)).toEqual({ x: 0, y: 0, w: 64, h: 64 });
    expect(cellBox(6, 3)).toEqual({ x: 192, y: 384, w: 64, h: 64 });
  });
});

describe('NMS on the scene', () => {
  const list = candidates();

  it('starts from duplicates: several boxes per object above the score cut-off, best first', () => {
    expect(list.length).toBeGreaterThan(scene.length * 2);
    for (let i = 1; i < list.length; i++) expect(list[i - 1]!.score).toBeGreaterThanOrEqual(list[i]!.score);
  });

  it.each([0.3, 0.5])('at threshold %d keeps exactly one box per object, each on its object', (t) => {
    const r = sceneNms(t);
    if (!r.ok) throw new Error('must run');
    const kept = r.value.result.kept.map((i) => list[i]!);
    expect(kept.map((d) => vocClasses[d.label]).sort()).toEqual(['car', 'dog', 'person']);
    for (const d of kept) {
      const truth = scene.find((o) => o.cls === vocClasses[d.label])!;
      expect(iou(d.box, truth.box)).toBeGreaterThan(0.8);
    }
  });

  it('keeps more boxes as the threshold rises (duplicates survive at 0.7)', () => {
    const count = (t: number) => {
      const r = sceneNms(t);
      return r.ok ? r.value.result.kept.length : -1;
    };
    expect(count(0.7)).toBeGreaterThan(count(0.5));
    expect(count(1)).toBe(list.length);
    expect(count(0)).toBe(3);
  });

  it('reports a threshold outside [0, 1]', () => {
    const r = sceneNms(1.2);
    expect(!r.ok && r.problems[0]!.code).toBe('outOfRange');
  });
});
