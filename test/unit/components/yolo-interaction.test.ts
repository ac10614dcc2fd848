import { describe, expect, it } from 'vitest';
import { nms, type Box } from '~/lib/cnn';
import {
  KEY_STEP,
  MIN_SIDE,
  boxKey,
  moveBox,
  resizeBox,
  statesAfter,
} from '~/components/widgets/YoloGrid/interaction';

const b: Box = { x: 100, y: 100, w: 50, h: 40 };

describe('moving and resizing a box inside the 448 × 448 image', () => {
  it.each<[string, boolean, Box]>([
    ['ArrowRight', false, { x: 100 + KEY_STEP, y: 100, w: 50, h: 40 }],
    ['ArrowLeft', false, { x: 100 - KEY_STEP, y: 100, w: 50, h: 40 }],
    ['ArrowUp', false, { x: 100, y: 100 - KEY_STEP, w: 50, h: 40 }],
    ['ArrowDown', false, { x: 100, y: 100 + KEY_STEP, w: 50, h: 40 }],
    ['ArrowRight', true, { x: 100, y: 100, w: 50 + KEY_STEP, h: 40 }],
    ['ArrowUp', true, { x: 100, y: 100, w: 50, h: 40 - KEY_STEP }],
  ])('%s (shift %s)', (key, shift, expected) => {
    expect(boxKey(b, key, shift)).toEqual(expected);
  });

  it('ignores other keys', () => expect(boxKey(b, 'Enter', false)).toBeNull());

  it('stays inside the frame and keeps a minimum size', () => {
    expect(moveBox(b, -500, 1000)).toEqual({ x: 0, y: 448 - 40, w: 50, h: 40 });
    expect(resizeBox(b, -100, -100)).toEqual({ x: 100, y: 100, w: MIN_SIDE, h: MIN_SIDE });
    expect(resizeBox(b, 1000, 1000)).toEqual({ x: 100, y: 100, w: 348, h: 348 });
  });
});

describe('statesAfter: kept, removed or in play after some NMS rounds', () => {
  const boxes = [
    { box: { x: 0, y: 0, w: 10, h: 10 }, score: 0.9, label: 0 },
    { box: { x: 1, y: 0, w: 10, h: 10 }, score: 0.8, label: 0 },
    { box: { x: 30, y: 0, w: 10, h: 10 }, score: 0.7, label: 0 },
  ];
  const r = nms(boxes, 0.5);
  if (!r.ok) throw new Error('must run');
  it.each<[number, string[]]>([
    [0, ['pending', 'pending', 'pending']],
    [1, ['kept', 'removed', 'pending']],
    [2, ['kept', 'removed', 'kept']],
    [9, ['kept', 'removed', 'kept']],
  ])('after %i rounds: %j', (rounds, states) => {
    expect(statesAfter(r.value, 3, rounds)).toEqual(states);
  });
});
