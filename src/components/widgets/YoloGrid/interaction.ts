/**
 * YoloGrid's interaction rules, pure: moving and resizing the IoU calculator's boxes inside the
 * image (by keyboard step or pointer drag), and what each candidate box is after a number of
 * NMS rounds.
 */
import type { Box, NmsResult } from '~/lib/cnn';
import { clamp } from '~/lib/cnn/clamp';
import { IMAGE } from './scene';

/** Smallest box side (px) and the keyboard step (px). */
export const MIN_SIDE = 8;
export const KEY_STEP = 8;

/** Moves a box by (dx, dy), kept inside the IMAGE × IMAGE frame. */
export function moveBox(b: Box, dx: number, dy: number): Box {
  return { ...b, x: clamp(b.x + dx, 0, IMAGE - b.w), y: clamp(b.y + dy, 0, IMAGE - b.h) };
}

/** Resizes a box from its bottom-right corner by (dw, dh): at least MIN_SIDE, inside the frame. */
export function resizeBox(b: Box, dw: number, dh: number): Box {
  return { ...b, w: clamp(b.w + dw, MIN_SIDE, IMAGE - b.x), h: clamp(b.h + dh, MIN_SIDE, IMAGE - b.y) };
}

/**
 * A key on a focused box: arrows move it by KEY_STEP px (with Shift they resize it instead);
 * null for any other key (so the page keeps it).
 */
export function boxKey(b: Box, key: string, shift: boolean): Box | null {
  const delta: Record<string, [number, number]> = {
    ArrowLeft: [-KEY_STEP, 0],
    ArrowRight: [KEY_STEP, 0],
    ArrowUp: [0, -KEY_STEP],
    ArrowDown: [0, KEY_STEP],
  };
  const d = delta[key];
  if (!d) return null;
  return shift ? resizeBox(b, d[0], d[1]) : moveBox(b, d[0], d[1]);
}

export type CandidateState = 'kept' | 'removed' | 'pending';

/** Each candidate's state after `rounds` NMS rounds: kept, removed, or still in play. */
export function statesAfter(result: NmsResult, count: number, rounds: number): CandidateState[] {
  const states: CandidateState[] = Array.from({ length: count }, () => 'pending');
  for (const step of result.steps.slice(0, Math.max(0, rounds))) {
    states[step.kept] = 'kept';
    for (const s of step.suppressed) states[s.index] = 'removed';
  }
  return states;
}
