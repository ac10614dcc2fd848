/**
 * DenseBlock's pure state: input channels k₀, growth rate k, number of layers L, map size H = W,
 * the 1×1 bottleneck (4k) on or off, and an optional transition with compression θ → the block
 * built and counted by the engine's `denseBlock`: channels k₀ + ℓ·k after every layer, parameters,
 * MACs and activation values per layer, for the block and for the transition. DenseNet-121's four
 * blocks, read from its preset, are the reference points.
 */
import { analyze } from '~/lib/cnn/analyze';
import { denseBlock, DENSE_LIMITS, type DenseBlockFigure } from '~/lib/cnn/dense-blocks';
import type { SpatialShape } from '~/lib/cnn/network';
import { presets } from '~/lib/cnn/presets';
import { problem, type Problem } from '~/lib/cnn/problems';
import { readNumber, readWholeFields, type Field } from '~/components/widgets/shared/fields';

/** Width (px) the channel chart is drawn at (on the server, and in the browser when the column is at least as wide). */
export const CHART_WIDTH = 520;

export interface Settings {
  /** input channels k₀ */
  k0: Field;
  /** growth rate k */
  k: Field;
  /** number of layers L */
  layers: Field;
  /** map height = width */
  size: Field;
  /** 1×1 bottleneck to 4k channels before each 3×3 */
  bottleneck: boolean;
  /** a transition (bn, relu, 1×1 to ⌊θ·C⌋, 2×2 average pooling) after the block */
  transition: boolean;
  /** compression θ, 0 < θ ≤ 1 */
  theta: Field;
}

/** DenseNet-121's first block: 64 channels on 56 × 56, k = 32, 6 layers, bottleneck, θ = 0.5. */
export const defaultSettings: Settings = {
  k0: '64',
  k: '32',
  layers: '6',
  size: '56',
  bottleneck: true,
  transition: true,
  theta: '0.5',
};

/** A block of DenseNet-121 as its preset builds it. */
export interface ReferenceBlock {
  /** 1 … 4 */
  index: number;
  k0: number;
  k: number;
  layers: number;
  size: number;
  /** channels after the block */
  out: number;
  /** channels after its transition, or null (the last block has none) */
  afterTransition: number | null;
}

/** DenseNet-121's four dense blocks, read from the preset's analysis. */
export const densenet121Blocks: ReferenceBlock[] = (() => {
  const p = presets.densenet121;
  const a = analyze(p.network, p.input);
  if (!a.ok) return [];
  const rows = a.value.layers;
  const out: ReferenceBlock[] = [];
  for (let b = 1; ; b++) {
    const ls = rows.filter((r) => r.kind === 'concat' && r.name.startsWith(`dense${b}_`));
    if (ls.length === 0) break;
    const first = ls[0]!.input as SpatialShape;
    const last = ls[ls.length - 1]!.output as SpatialShape;
    const trans = rows.find((r) => r.name === `transition${b}`);
    out.push({
      index: b,
      k0: first.c,
      k: (ls[0]!.output as SpatialShape).c - first.c,
      layers: ls.length,
      size: first.h,
      out: last.c,
      afterTransition: trans ? (trans.output as SpatialShape).c : null,
    });
  }
  return out;
})();

/** Settings that rebuild one DenseNet-121 block (θ = 0.5 where the preset has a transition). */
export function settingsOf(b: ReferenceBlock): Settings {
  return {
    k0: String(b.k0),
    k: String(b.k),
    layers: String(b.layers),
    size: String(b.size),
    bottleneck: true,
    transition: b.afterTransition !== null,
    theta: '0.5',
  };
}

export type Figure =
  | { ok: false; problems: Problem[] }
  | {
      ok: true;
      result: DenseBlockFigure;
      /** the same block with the bottleneck toggled the other way */
      other: DenseBlockFigure | null;
      /** the DenseNet-121 block these settings rebuild, if any */
      match: ReferenceBlock | null;
    };

/** Validates the fields (θ only when a transition is on) and builds the block. */
export function computeFigure(settings: Settings): Figure {
  const read = readWholeFields(settings, {
    k0: [1, DENSE_LIMITS.channels],
    k: [1, DENSE_LIMITS.growth],
    layers: [1, DENSE_LIMITS.layers],
    size: [1, DENSE_LIMITS.size],
  });
  const theta = readNumber(settings.theta);
  const thetaProblem = !settings.transition
    ? null
    : Number.isNaN(theta)
      ? problem('missingNumber', { what: 'theta' })
      : theta > 0 && theta <= 1
        ? null
        : problem('outOfRange', { what: 'theta', min: 0, max: 1, value: theta });
  const problems = [...(read.ok ? [] : read.problems), ...(thetaProblem ? [thetaProblem] : [])];
  if (!read.ok || problems.length > 0) return { ok: false, problems };
  const { k0, k, layers, size } = read.values;
  const base = { k0, k, layers, h: size, w: size, theta: settings.transition ? theta : null };
  const main = denseBlock({ ...base, bottleneck: settings.bottleneck });
  if (!main.ok) return main;
  const other = denseBlock({ ...base, bottleneck: !settings.bottleneck });
  const match =
    densenet121Blocks.find(
      (b) =>
        b.k0 === k0 &&
        b.k === k &&
        b.layers === layers &&
        b.size === size &&
        settings.bottleneck &&
        (b.afterTransition === null ? !settings.transition : settings.transition && theta === 0.5),
    ) ?? null;
  return { ok: true, result: main.value, other: other.ok ? other.value : null, match };
}

/** One point of the channel chart: channels after layer ℓ (ℓ = 0 is the block's input). */
export interface ChannelPoint {
  layer: number;
  channels: number;
}

/** Channels after each layer, ℓ = 0 … L: k₀, k₀ + k, …, k₀ + L·k (read from the engine's rows). */
export function channelSeries(f: DenseBlockFigure): ChannelPoint[] {
  return [{ layer: 0, channels: f.input.c }, ...f.layers.map((l) => ({ layer: l.index, channels: l.cOut }))];
}

/** Most layers the connection diagram draws; longer blocks show their first DIAGRAM.maxNodes − 1 layers. */
export const DIAGRAM = { width: 340, maxNodes: 13, top: 20, node: 12, radius: 2, arcGap: 7 } as const;

export interface DiagramNode {
  /** 0 = the block input x₀, ℓ = output of layer ℓ */
  index: number;
  /** centre */
  x: number;
}

export interface DiagramArc {
  from: number;
  to: number;
  /** SVG subpath (a half-ellipse above the row of nodes) */
  d: string;
}

export interface Diagram {
  nodes: DiagramNode[];
  arcs: DiagramArc[];
  /** how many layers are drawn (≤ L) */
  drawn: number;
  /** L: all layers of the block */
  layers: number;
  height: number;
  baseline: number;
}

/**
 * The connection diagram of a block of L layers: x₀ … x_n in a row (n = min(L, maxNodes − 1));
 * an arc from every map to every later layer that reads it: layer ℓ reads x₀ … x_{ℓ−1}, ℓ arcs,
 * n(n + 1)/2 in all. Only L shapes it (k₀ and k do not), so it is rebuilt only when L changes.
 */
export function connectionDiagram(layers: number): Diagram {
  const n = Math.max(0, Math.min(layers, DIAGRAM.maxNodes - 1));
  const margin = 18;
  const step = n === 0 ? 0 : (DIAGRAM.width - 2 * margin) / n;
  const x = (i: number) => margin + i * step;
  const tallest = n * DIAGRAM.arcGap;
  const baseline = DIAGRAM.top + tallest + 10;
  const nodes: DiagramNode[] = Array.from({ length: n + 1 }, (_, i) => ({ index: i, x: x(i) }));
  const arcs: DiagramArc[] = [];
  for (let to = 1; to <= n; to++) {
    for (let from = 0; from < to; from++) {
      const rx = (x(to) - x(from)) / 2;
      const ry = (to - from) * DIAGRAM.arcGap;
      const y = baseline - DIAGRAM.node / 2;
      arcs.push({
        from,
        to,
        d: `M${x(from).toFixed(1)} ${y}A${rx.toFixed(1)} ${ry} 0 0 1 ${x(to).toFixed(1)} ${y}`,
      });
    }
  }
  return { nodes, arcs, drawn: n, layers, height: baseline + DIAGRAM.node + 26, baseline };
}

/**
 * A square of side `size` centred on (cx, cy) with corners rounded by `r` (0 ≤ r ≤ size/2), as one
 * closed SVG subpath: the outline an SVG <rect> with rx = ry = r draws, clockwise from the top edge.
 */
export function roundedSquare(cx: number, cy: number, size: number, r: number): string {
  const side = size - 2 * r;
  const f = (v: number) => Number(v.toFixed(1));
  return (
    `M${f(cx - size / 2 + r)} ${f(cy - size / 2)}h${f(side)}a${r} ${r} 0 0 1 ${r} ${r}v${f(side)}` +
    `a${r} ${r} 0 0 1 ${-r} ${r}h${f(-side)}a${r} ${r} 0 0 1 ${-r} ${-r}v${f(-side)}a${r} ${r} 0 0 1 ${r} ${-r}z`
  );
}

/** The diagram's marks as four SVG paths (one element per kind of mark, not one per arc or node, issue 12). */
export interface DiagramPaths {
  /** arcs from the block input x₀ (drawn dashed) */
  inputArcs: string;
  /** arcs from the layers' outputs x₁ … */
  layerArcs: string;
  /** the square of x₀ */
  inputNode: string;
  /** the squares of x₁ … x_n */
  layerNodes: string;
}

/** Joins the diagram's arcs (by whether they start at x₀) and node squares (x₀ apart) into four paths. */
export function diagramPaths(d: Diagram): DiagramPaths {
  const square = (n: DiagramNode) => roundedSquare(n.x, d.baseline, DIAGRAM.node, DIAGRAM.radius);
  return {
    inputArcs: d.arcs
      .filter((a) => a.from === 0)
      .map((a) => a.d)
      .join(''),
    layerArcs: d.arcs
      .filter((a) => a.from !== 0)
      .map((a) => a.d)
      .join(''),
    inputNode: d.nodes
      .filter((n) => n.index === 0)
      .map(square)
      .join(''),
    layerNodes: d.nodes
      .filter((n) => n.index !== 0)
      .map(square)
      .join(''),
  };
}

/**
 * Which node numbers the diagram writes under its squares: all of them up to 9 nodes, otherwise
 * every even one and the last (so two-digit numbers do not collide).
 */
export function labelledNodes(d: Diagram): DiagramNode[] {
  return d.nodes.filter((n) => d.nodes.length <= 9 || n.index % 2 === 0 || n.index === d.drawn);
}
