/**
 * The widget's default figure, computed at build time in Node by the same TensorFlow.js op the
 * browser runs (`residualGradients`, on the tfjs CPU backend): once per build, shared by the
 * English and Korean pages. Server-only (imported by the `.astro` tag).
 */
import { defaultResidualConfig } from '~/lib/cnn/residual';
import { runOnCpu } from '~/lib/tf/node';
import type { ResidualGradientsResult } from '~/lib/tf/protocol';

let figure: Promise<ResidualGradientsResult> | null = null;

/** Gradient norms of both networks at the default settings (`defaultResidualConfig`). */
export function defaultFigure(): Promise<ResidualGradientsResult> {
  figure ??= runOnCpu('residualGradients', { config: defaultResidualConfig });
  return figure;
}
