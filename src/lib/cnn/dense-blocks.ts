/**
 * DenseNet's dense block and transition, built as engine networks and counted by `analyze`.
 *
 * A block of L layers with growth rate k on C_in = k₀ input channels: layer ℓ (1 … L) reads all
 * k₀ + (ℓ − 1)·k channels so far and adds k new ones, so after it the map has k₀ + ℓ·k channels —
 * linear growth, k₀ + L·k at the end. Each layer is bn-relu-conv3×3 (k); with the bottleneck
 * (DenseNet-B) a bn-relu-conv1×1 to bnSize·k = 4k channels comes first. A transition then keeps
 * ⌊θ·C⌋ of the C channels (compression θ, DenseNet-C) with bn-relu-conv1×1 and halves H and W with
 * 2×2 average pooling.
 */
import { analyze, type LayerReport } from './analyze';
import { checkWhole } from './conv-arithmetic';
import { addParams, type Params } from './formulas';
import type { Layer, SpatialShape } from './network';
import { denseLayer, transition } from './presets/densenet';
import { problem, type Checked, type Problem } from './problems';

/** Channels after ℓ layers of a dense block: k₀ + ℓ·k. */
export function denseChannels(k0: number, k: number, l: number): number {
  return k0 + l * k;
}

/** Channels a transition keeps of C with compression θ: ⌊θ·C⌋. */
export function transitionChannels(c: number, theta: number): number {
  return Math.floor(theta * c);
}

export interface DenseBlockSettings {
  /** input channels k₀ (C_in) */
  k0: number;
  /** growth rate k: channels each layer adds */
  k: number;
  /** number of layers L */
  layers: number;
  /** 1×1 bottleneck to 4k channels before each 3×3 (DenseNet-B); default true */
  bottleneck?: boolean;
  /** compression θ of the transition after the block, 0 < θ ≤ 1; null = no transition; default 0.5 */
  theta?: number | null;
  /** input map height H and width W; default 56 × 56 (DenseNet-121's first block) */
  h?: number;
  w?: number;
}

/** Counts of a part of the block: what `analyze` reports for its layers. */
export interface DenseCounts {
  params: Params;
  macs: number;
  activations: number;
}

export interface DenseLayerRow extends DenseCounts {
  /** ℓ = 1 … L */
  index: number;
  /** channels this layer reads: k₀ + (ℓ − 1)·k */
  cIn: number;
  /** channels of its 1×1 bottleneck (4k), or null without one */
  bottleneckWidth: number | null;
  /** channels after the concatenation: k₀ + ℓ·k */
  cOut: number;
}

export interface DenseBlockFigure {
  input: SpatialShape;
  k: number;
  bottleneck: boolean;
  layers: DenseLayerRow[];
  /** the block alone (all L layers) */
  block: DenseCounts & { output: SpatialShape };
  /** the transition after the block (bn, relu, conv1×1 to ⌊θ·C⌋, 2×2 avg pool), or null */
  transition: (DenseCounts & { theta: number; output: SpatialShape }) | null;
  /** block + transition */
  totals: DenseCounts & { output: SpatialShape };
}

/** Accepted ranges (a typo must not freeze the page). */
export const DENSE_LIMITS = { channels: 4096, growth: 512, layers: 128, size: 1024 } as const;

/** Bottleneck width factor: the 1×1 layer has bnSize·k channels (DenseNet-BC: 4). */
export const DENSE_BN_SIZE = 4;

function counts(reports: LayerReport[]): DenseCounts {
  return {
    params: addParams(...reports.map((r) => r.params)),
    macs: reports.reduce((t, r) => t + r.macs, 0),
    activations: reports.reduce((t, r) => t + r.activations, 0),
  };
}

/** Problems with the settings, naming the quantity (`cIn` for k₀, `growth`, `layers`, `theta`, `h`, `w`). */
function settingsProblems(s: DenseBlockSettings, h: number, w: number): Problem[] {
  const theta = s.theta;
  return [
    checkWhole('cIn', s.k0, 1, DENSE_LIMITS.channels),
    checkWhole('growth', s.k, 1, DENSE_LIMITS.growth),
    checkWhole('layers', s.layers, 1, DENSE_LIMITS.layers),
    checkWhole('h', h, 1, DENSE_LIMITS.size),
    checkWhole('w', w, 1, DENSE_LIMITS.size),
    theta === null || theta === undefined || (theta > 0 && theta <= 1)
      ? null
      : Number.isNaN(theta)
        ? problem('missingNumber', { what: 'theta' })
        : problem('outOfRange', { what: 'theta', min: 0, max: 1, value: String(theta) }),
  ].filter((p): p is Problem => p !== null);
}

/**
 * Builds a dense block (and its transition) on an H×W×k₀ input and analyses it. Per layer ℓ:
 * channels read k₀ + (ℓ − 1)·k, written k₀ + ℓ·k; parameters (with bottleneck)
 * 2·C + 4k·C + 2·4k + 9·4k·k, (without) 2·C + 9·C·k, with C = k₀ + (ℓ − 1)·k (bn γ, β included);
 * MACs H·W·(4k·C + 9·4k·k) or H·W·9·C·k; activations as `analyze` counts them. The transition keeps
 * ⌊θ·(k₀ + L·k)⌋ channels (2·C + C·⌊θC⌋ parameters) and needs H, W ≥ 2 for its 2×2 pooling.
 */
export function denseBlock(settings: DenseBlockSettings): Checked<DenseBlockFigure> {
  const h = settings.h ?? 56;
  const w = settings.w ?? 56;
  const bad = settingsProblems(settings, h, w);
  if (bad.length > 0) return { ok: false, problems: bad };
  const { k0, k, layers: L } = settings;
  const bottleneck = settings.bottleneck !== false;
  const theta = settings.theta === undefined ? 0.5 : settings.theta;
  const out = denseChannels(k0, k, L);
  const network: Layer[] = Array.from({ length: L }, (_, i) =>
    denseLayer(`dense${i + 1}`, k, bottleneck ? DENSE_BN_SIZE : 0),
  );
  if (theta !== null) {
    const kept = transitionChannels(out, theta);
    if (kept < 1)
      return {
        ok: false,
        problems: [
          problem('outOfRange', { what: 'theta', min: (1 / out).toFixed(3), max: 1, value: String(theta) }),
        ],
      };
    network.push(...transition('transition', kept));
  }
  const a = analyze(network, { h, w, c: k0 });
  if (!a.ok) return a;
  const reports = a.value.layers;
  const blockReports = reports.slice(0, L);
  const transReports = reports.slice(L);
  const rows = blockReports.map((r, i): DenseLayerRow => ({
    index: i + 1,
    cIn: denseChannels(k0, k, i),
    bottleneckWidth: bottleneck ? DENSE_BN_SIZE * k : null,
    cOut: (r.output as SpatialShape).c,
    params: r.params,
    macs: r.macs,
    activations: r.activations,
  }));
  const blockOut = blockReports[L - 1]!.output as SpatialShape;
  return {
    ok: true,
    value: {
      input: { h, w, c: k0 },
      k,
      bottleneck,
      layers: rows,
      block: { ...counts(blockReports), output: blockOut },
      transition:
        theta === null
          ? null
          : {
              ...counts(transReports),
              theta,
              output: transReports[transReports.length - 1]!.output as SpatialShape,
            },
      totals: { ...counts(reports), output: a.value.output as SpatialShape },
    },
  };
}
