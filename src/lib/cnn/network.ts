/**
 * The data model of a network: plain JSON-friendly objects, so a network can be written by hand,
 * parsed from text (`text-format.ts`), kept in a URL and compared with `toEqual`.
 *
 * Symbols used throughout: kernel k (k_h × k_w), stride s, padding p, dilation d,
 * input channels C_in, output channels C_out, groups.
 * Optional fields left out take the default stated beside them.
 */

/** An image-shaped tensor: height × width × channels. */
export interface SpatialShape {
  h: number;
  w: number;
  c: number;
}

/** A flat vector of `size` numbers (after flatten, global average pooling or a dense layer). */
export interface FlatShape {
  size: number;
}

export type Shape = SpatialShape | FlatShape;

/** True when `shape` is a flat vector. */
export function isFlat(shape: Shape): shape is FlatShape {
  return 'size' in shape;
}

/** "55×55×96" for an image, "4096" for a vector. */
export function formatShape(shape: Shape, times = '×'): string {
  return isFlat(shape) ? String(shape.size) : `${shape.h}${times}${shape.w}${times}${shape.c}`;
}

/** Number of values in a tensor of this shape: H·W·C, or the vector size. */
export function shapeSize(shape: Shape): number {
  return isFlat(shape) ? shape.size : shape.h * shape.w * shape.c;
}

/** A square kernel k (k × k) or a rectangular one [k_h, k_w]. */
export type Kernel = number | [number, number];

/** Padding p on every side; 'same' = (k' − 1)/2 (stride 1, odd k' only); 'valid' = 0. */
export type Padding = number | 'same' | 'valid';

interface Named {
  /** Layer name; when left out, the layer is auto-named (conv1, pool2, fc3 ...). */
  name?: string;
}

/** Convolution: C_out filters of k_h × k_w × (C_in/groups), plus C_out biases. */
export interface ConvLayer extends Named {
  kind: 'conv';
  /** output channels C_out */
  out: number;
  k: Kernel;
  /** stride s (default 1) */
  s?: number;
  /** padding p (default 0) */
  p?: Padding;
  /** dilation d (default 1) */
  d?: number;
  /** groups (default 1); must divide C_in and C_out */
  g?: number;
  /** add C_out biases (default true) */
  bias?: boolean;
}

/** Transposed convolution: weights k_h·k_w·C_in·C_out, output o = s(i − 1) + a + k' − 2p. */
export interface ConvTLayer extends Named {
  kind: 'convt';
  out: number;
  k: Kernel;
  /** stride s (default 1) */
  s?: number;
  /** padding p (default 0), cropped from each side of the output */
  p?: number;
  /** output padding a (default 0), 0 ≤ a < max(s, d) */
  op?: number;
  /** dilation d (default 1) */
  d?: number;
  /** default true */
  bias?: boolean;
}

/** Max or average pooling over k × k windows; no parameters. */
export interface PoolLayer extends Named {
  kind: 'maxpool' | 'avgpool';
  k: Kernel;
  /** stride s (default k_h, as in PyTorch and Keras) */
  s?: number;
  /** padding p (default 0) */
  p?: Padding;
  /** Caffe-style rounding o = ⌈(n + 2p − k)/s⌉ + 1 (default false: ⌊ ⌋) */
  ceil?: boolean;
}

/** Fully connected (dense) layer on a flat input: weights in·out, biases out. */
export interface FcLayer extends Named {
  kind: 'fc';
  out: number;
  /** default true */
  bias?: boolean;
}

export interface DropoutLayer extends Named {
  kind: 'dropout';
  /** fraction of units dropped during training, 0 ≤ rate < 1 (informational) */
  rate?: number;
}

/** Local response normalisation across channels (AlexNet, GoogLeNet); no parameters. */
export interface LrnLayer extends Named {
  kind: 'lrn';
  /** number of neighbouring channels n (informational) */
  size?: number;
}

/**
 * Layers with no settings: flatten; gap (global average pooling, H×W×C → C); bn (batch norm,
 * γ and β per channel); relu, sigmoid, tanh; identity (passes its input through, e.g. the
 * "keep the input" branch of a DenseNet layer).
 */
export interface PlainLayer extends Named {
  kind: 'flatten' | 'gap' | 'bn' | 'relu' | 'sigmoid' | 'tanh' | 'identity';
}

/** Parallel branches on the same input, joined along channels (all branches must agree on H×W). */
export interface ConcatBlock extends Named {
  kind: 'concat';
  branches: Layer[][];
}

/**
 * y = F(x) + shortcut(x): `body` is F; `shortcut` is a projection (e.g. 1×1 conv stride s + bn),
 * or identity when left out or empty. Both must give the same shape.
 */
export interface ResidualBlock extends Named {
  kind: 'residual';
  body: Layer[];
  shortcut?: Layer[];
}

export type Layer =
  | ConvLayer
  | ConvTLayer
  | PoolLayer
  | FcLayer
  | DropoutLayer
  | LrnLayer
  | PlainLayer
  | ConcatBlock
  | ResidualBlock;

export type LayerKind = Layer['kind'];

/** A network is its list of layers; the input shape is given separately. */
export type Network = Layer[];

/** Every layer kind, in the order the text form documents them. */
export const layerKinds: readonly LayerKind[] = [
  'conv',
  'convt',
  'maxpool',
  'avgpool',
  'fc',
  'flatten',
  'gap',
  'bn',
  'relu',
  'sigmoid',
  'tanh',
  'dropout',
  'lrn',
  'identity',
  'concat',
  'residual',
];

/**
 * Prefix of auto-generated names: the n-th unnamed layer of a kind in its block is called
 * `${prefix}${n}` (names given explicitly in the same block are skipped). maxpool and avgpool
 * share "pool".
 */
export const autoNamePrefix: Record<LayerKind, string> = {
  conv: 'conv',
  convt: 'convt',
  maxpool: 'pool',
  avgpool: 'pool',
  fc: 'fc',
  flatten: 'flatten',
  gap: 'gap',
  bn: 'bn',
  relu: 'relu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  dropout: 'drop',
  lrn: 'lrn',
  identity: 'id',
  concat: 'concat',
  residual: 'res',
};

/** [k_h, k_w] of a kernel (NaN for a malformed one, which validation then reports). */
export function kernelHW(k: Kernel): [number, number] {
  if (typeof k === 'number') return [k, k];
  return Array.isArray(k) ? [k[0], k[1]] : [Number.NaN, Number.NaN];
}
