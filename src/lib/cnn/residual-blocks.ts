/**
 * ResNet's two residual blocks side by side, built as engine networks and counted by `analyze`:
 *
 * - basic:      3×3 conv C_in → C_out (stride s), 3×3 conv C_out → C_out;
 * - bottleneck: 1×1 conv C_in → m, 3×3 conv m → m (stride s), 1×1 conv m → C_out,
 *
 * each conv without bias and followed by batch norm, plus a projection shortcut (1×1 conv stride s
 * + bn) when the shape changes, the identity otherwise (torchvision's blocks). Weights of the body's
 * convolutions alone: basic 9·C_in·C_out + 9·C_out², bottleneck C_in·m + 9·m² + m·C_out
 * (C = 256, m = 64: 1,179,648 against 69,632).
 */
import { analyze, type LayerReport } from './analyze';
import { checkWhole } from './conv-arithmetic';
import type { Params } from './formulas';
import { isFlat, kernelHW, type Layer, type SpatialShape } from './network';
import { residualBlock, type ResNetBlock } from './presets/resnet';
import { problem, type Checked, type Problem } from './problems';

export interface ResidualBlockSettings {
  /** input channels C_in */
  cIn: number;
  /** output channels C_out */
  cOut: number;
  /** bottleneck width m: channels of the inner 1×1 and 3×3 convolutions (ignored by the basic block) */
  width: number;
  /** stride s of the block: 1 keeps H×W, 2 halves it (a stage boundary); default 1 */
  s?: number;
  /** input map height H and width W; default 56 × 56 (ResNet's first stage) */
  h?: number;
  w?: number;
}

/** One convolution of a block, for drawing and listing. */
export interface BlockConv {
  /** kernel size k (k × k) */
  k: number;
  cIn: number;
  cOut: number;
  /** stride s */
  s: number;
  /** k²·C_in·C_out */
  weights: number;
  macs: number;
}

export interface BlockSide {
  block: ResNetBlock;
  /** the body's convolutions in order */
  convs: BlockConv[];
  /** weights of the body's convolutions only (the paper's count: no bn, no shortcut) */
  convWeights: number;
  /** the projection shortcut's convolution, or null for an identity shortcut */
  projection: BlockConv | null;
  /** every learned parameter of the block: convs, bn γ and β, projection */
  params: Params;
  /** multiply–accumulates of the whole block (body + projection) */
  macs: number;
  /** receptive field of the block along one axis (the body's: 1×1 convs add nothing) */
  rf: number;
  /** activation values the block writes (engine convention, see `analyze`) */
  activations: number;
  output: SpatialShape;
  /** 3×3 convolutions in the body */
  spatialConvs: number;
}

export interface BlockComparison {
  input: SpatialShape;
  s: number;
  basic: BlockSide;
  bottleneck: BlockSide;
}

/** Largest channel count and map size accepted (a typo must not freeze the page). */
export const BLOCK_LIMITS = { channels: 4096, size: 1024 } as const;

function convOf(r: LayerReport, layer: Layer | undefined): BlockConv {
  const k = layer && layer.kind === 'conv' ? kernelHW(layer.k)[0] : 1;
  const s = layer && layer.kind === 'conv' ? (layer.s ?? 1) : 1;
  const cIn = isFlat(r.input) ? 0 : r.input.c;
  const cOut = isFlat(r.output) ? 0 : r.output.c;
  return { k, cIn, cOut, s, weights: r.params.weights, macs: r.macs };
}

/**
 * One side of the comparison: the block `residualBlock(block, C_in, m, C_out, s)` analysed on an
 * H×W×C_in input. Returns the engine's problems (naming the layer) when it cannot be built.
 */
export function residualBlockSide(block: ResNetBlock, settings: ResidualBlockSettings): Checked<BlockSide> {
  const { cIn, cOut, width } = settings;
  const s = settings.s ?? 1;
  const input = { h: settings.h ?? 56, w: settings.w ?? 56, c: cIn };
  const layer = residualBlock('block', block, cIn, block === 'basic' ? cOut : width, cOut, s);
  const a = analyze([layer], input);
  if (!a.ok) return a;
  const rep = a.value.layers[0]!;
  const body = layer.body;
  const convs = (rep.body ?? [])
    .map((r, i) => ({ r, l: body[i] }))
    .filter(({ r }) => r.kind === 'conv')
    .map(({ r, l }) => convOf(r, l));
  const sc = (rep.shortcut ?? []).find((r) => r.kind === 'conv');
  return {
    ok: true,
    value: {
      block,
      convs,
      convWeights: convs.reduce((t, c) => t + c.weights, 0),
      projection: sc ? convOf(sc, layer.shortcut?.[0]) : null,
      params: rep.params,
      macs: rep.macs,
      rf: rep.rf.h.r,
      activations: rep.activations,
      output: rep.output as SpatialShape,
      spatialConvs: convs.filter((c) => c.k === 3).length,
    },
  };
}

/**
 * Checks the settings (whole numbers: C_in, C_out, m from 1 to 4096; H, W from 1 to 1024;
 * s = 1 or 2) and builds both blocks. Problems name the quantity (`cIn`, `cOut`, `width`, `s`, `h`, `w`).
 */
export function compareResidualBlocks(settings: ResidualBlockSettings): Checked<BlockComparison> {
  const s = settings.s ?? 1;
  const h = settings.h ?? 56;
  const w = settings.w ?? 56;
  const problems = [
    checkWhole('cIn', settings.cIn, 1, BLOCK_LIMITS.channels),
    checkWhole('cOut', settings.cOut, 1, BLOCK_LIMITS.channels),
    checkWhole('width', settings.width, 1, BLOCK_LIMITS.channels),
    checkWhole('h', h, 1, BLOCK_LIMITS.size),
    checkWhole('w', w, 1, BLOCK_LIMITS.size),
    s === 1 || s === 2 ? null : problem('outOfRange', { what: 's', min: 1, max: 2, value: String(s) }),
  ].filter((p): p is Problem => p !== null);
  if (problems.length > 0) return { ok: false, problems };
  const full = { ...settings, s, h, w };
  const basic = residualBlockSide('basic', full);
  const bottleneck = residualBlockSide('bottleneck', full);
  if (!basic.ok || !bottleneck.ok)
    return {
      ok: false,
      problems: [...(basic.ok ? [] : basic.problems), ...(bottleneck.ok ? [] : bottleneck.problems)],
    };
  return {
    ok: true,
    value: { input: { h, w, c: settings.cIn }, s, basic: basic.value, bottleneck: bottleneck.value },
  };
}
