/** The heatmap colour scale shared by the widgets' grids and the notebook cells' tensor heatmaps. */
import { clamp } from '~/lib/cnn/clamp';

const NEUTRAL = [247, 247, 247];
const POSITIVE = [214, 96, 77];
const NEGATIVE = [67, 147, 195];

/**
 * Heatmap colour of a value on a diverging scale as [r, g, b] (0–255): blue (negative) – near-white
 * (0) – red (positive), linear in t = clamp(value / maxAbs, −1, 1). The darkest colours keep black
 * text above 4.5:1 contrast, so a printed number stays readable in both themes.
 */
export function heatRgb(value: number, maxAbs: number): [number, number, number] {
  const t = maxAbs > 0 ? clamp(value / maxAbs, -1, 1) : 0;
  const end = t >= 0 ? POSITIVE : NEGATIVE;
  const a = Math.abs(t);
  const [r, g, b] = NEUTRAL.map((n, i) => Math.round(n + (end[i]! - n) * a));
  return [r!, g!, b!];
}

/** `heatRgb` as a CSS colour, `rgb(r, g, b)`. */
export function heatColor(value: number, maxAbs: number): string {
  const [r, g, b] = heatRgb(value, maxAbs);
  return `rgb(${r}, ${g}, ${b})`;
}
