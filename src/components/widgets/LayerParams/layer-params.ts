/**
 * LayerParams' pure state: from the reader's typed layer (C_in, C_out, k, bias, input H × W) to
 * the convolution's parameters and those of a fully-connected layer joining the same input and
 * output shapes (stride 1, no padding, as in lesson 1's 32×32×3 → 28×28×4 example).
 */
import { convOutput } from '~/lib/cnn/conv-arithmetic';
import { convParams, fcParams, type Params } from '~/lib/cnn/formulas';
import type { Problem } from '~/lib/cnn/problems';
import { readWholeFields, type Field } from '~/components/widgets/shared/fields';
import { texNumber } from '~/components/widgets/shared/format';

export interface Settings {
  cIn: Field;
  cOut: Field;
  k: Field;
  h: Field;
  w: Field;
  /** add C_out biases (and, for the fully-connected layer, one bias per output unit) */
  bias: boolean;
}

/** Lesson 1's opening example: four 5×5×3 kernels turn a 32×32×3 image into 28×28×4. */
export const defaultSettings: Settings = { cIn: '3', cOut: '4', k: '5', h: '32', w: '32', bias: true };

/** Upper bound for H, W, k, C_in and C_out: larger values are typos, not layers. */
export const MAX_FIELD = 4096;

export interface LayerComparison {
  ok: true;
  cIn: number;
  cOut: number;
  k: number;
  h: number;
  w: number;
  bias: boolean;
  /** output size H' = H − k + 1 and W' = W − k + 1 (stride 1, no padding) */
  outH: number;
  outW: number;
  /** k·k·C_in·C_out weights + C_out biases */
  conv: Params;
  /** H·W·C_in inputs → H'·W'·C_out outputs; null when the count passes 2^53 (too large to count exactly) */
  fc: { nIn: number; nOut: number; params: Params } | null;
  /** fc.total / conv.total, or null with fc */
  ratio: number | null;
}

export type LayerResult = LayerComparison | { ok: false; problems: Problem[] };

/**
 * Validates the settings and computes both layers:
 * conv = k·k·C_in·C_out + C_out (convParams); H' = ⌊(H − k)/1⌋ + 1 (outputSize, p = 0, s = 1);
 * fc = (H·W·C_in)·(H'·W'·C_out) + H'·W'·C_out (fcParams). Biases are left out of both when
 * `bias` is off.
 */
export function computeLayer(settings: Settings): LayerResult {
  const range = [1, MAX_FIELD] as const;
  const read = readWholeFields(settings, { cIn: range, cOut: range, k: range, h: range, w: range });
  if (!read.ok) return read;
  const { cIn, cOut, k, h, w } = read.values;

  const alongH = convOutput({ n: h, k, p: 0, s: 1, d: 1 });
  const alongW = convOutput({ n: w, k, p: 0, s: 1, d: 1 });
  if (!alongH.ok || !alongW.ok) {
    // the kernel is larger than the smaller side (at least): report that side once
    const tighter = h <= w ? alongH : alongW;
    return { ok: false, problems: tighter.ok ? [] : tighter.problems };
  }
  const outH = alongH.value.o;
  const outW = alongW.value.o;
  const conv = convParams({ k, cIn, cOut, bias: settings.bias });
  const nIn = h * w * cIn;
  const nOut = outH * outW * cOut;
  const params = fcParams(nIn, nOut, settings.bias);
  const exact = params.total <= Number.MAX_SAFE_INTEGER;
  return {
    ok: true,
    cIn,
    cOut,
    k,
    h,
    w,
    bias: settings.bias,
    outH,
    outW,
    conv,
    fc: exact ? { nIn, nOut, params } : null,
    ratio: exact ? params.total / conv.total : null,
  };
}

/**
 * Both counts as TeX, one short step per line so it fits a phone:
 * P_conv = k·k·C_in·C_out + C_out = 5·5·3·4 + 4 = 304; n_in = H·W·C_in = 32·32·3 = 3,072;
 * n_out = H'·W'·C_out = 28·28·4 = 3,136; P_FC = n_in·n_out + n_out = 3,072·3,136 + 3,136 = 9,636,928.
 * Without biases the "+ C_out" and "+ n_out" terms are left out.
 */
export function formulaTex(r: LayerComparison): string {
  const b = r.bias;
  const t = texNumber;
  const lines = [
    String.raw`\begin{aligned}`,
    String.raw`P_{\text{conv}} &= k \cdot k \cdot C_{\text{in}} \cdot C_{\text{out}}${b ? String.raw` + C_{\text{out}}` : ''} \\`,
    String.raw`&= ${r.k} \cdot ${r.k} \cdot ${t(r.cIn)} \cdot ${t(r.cOut)}${b ? ` + ${t(r.cOut)}` : ''} = ${t(r.conv.total)}`,
  ];
  if (r.fc) {
    lines.push(
      String.raw`\\[0.6em] n_{\text{in}} &= H W C_{\text{in}} = ${t(r.h)} \cdot ${t(r.w)} \cdot ${t(r.cIn)} = ${t(r.fc.nIn)} \\`,
      String.raw`n_{\text{out}} &= H' W' C_{\text{out}} = ${t(r.outH)} \cdot ${t(r.outW)} \cdot ${t(r.cOut)} = ${t(r.fc.nOut)} \\[0.6em]`,
      String.raw`P_{\text{FC}} &= n_{\text{in}} \cdot n_{\text{out}}${b ? String.raw` + n_{\text{out}}` : ''} \\`,
      String.raw`&= ${t(r.fc.nIn)} \cdot ${t(r.fc.nOut)}${b ? ` + ${t(r.fc.nOut)}` : ''} \\`,
      String.raw`&= ${t(r.fc.params.total)}`,
    );
  }
  lines.push(String.raw`\end{aligned}`);
  return lines.join(' ');
}
