/**
 * Small constructors for writing presets (and tests) compactly. Each returns a plain layer
 * object; optional settings are only set when given, so the object equals what the text form
 * parses back.
 */
import type {
  ConcatBlock,
  ConvLayer,
  ConvTLayer,
  DropoutLayer,
  FcLayer,
  Kernel,
  Layer,
  LrnLayer,
  PlainLayer,
  PoolLayer,
  ResidualBlock,
} from '~/lib/cnn/network';

type ConvOptions = Omit<ConvLayer, 'kind' | 'out' | 'k'>;
type PoolOptions = Omit<PoolLayer, 'kind' | 'k'>;

/** Drops keys whose value is undefined. */
function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Convolution with C_out = out filters of size k (see ConvLayer for the options). */
export const conv = (out: number, k: Kernel, o: ConvOptions = {}): ConvLayer =>
  clean({ ...o, kind: 'conv', out, k });
/** Transposed convolution with C_out = out, kernel k (see ConvTLayer: s, p, op = output padding). */
export const convt = (out: number, k: Kernel, o: Omit<ConvTLayer, 'kind' | 'out' | 'k'> = {}): ConvTLayer =>
  clean({ ...o, kind: 'convt', out, k });
/** Max pooling k × k (stride defaults to k). */
export const maxpool = (k: Kernel, o: PoolOptions = {}): PoolLayer => clean({ ...o, kind: 'maxpool', k });
/** Average pooling k × k (stride defaults to k). */
export const avgpool = (k: Kernel, o: PoolOptions = {}): PoolLayer => clean({ ...o, kind: 'avgpool', k });
/** Fully connected layer with `out` units. */
export const fc = (out: number, name?: string, bias?: boolean): FcLayer =>
  clean({ name, kind: 'fc', out, bias });
/** A layer with no settings (relu, bn, flatten, gap, identity ...). */
export const plain = (kind: PlainLayer['kind'], name?: string): PlainLayer => clean({ name, kind });
/** ReLU, max(0, x): no parameters. */
export const relu = (): PlainLayer => plain('relu');
/** Batch norm: 2·C parameters (γ, β). */
export const bn = (): PlainLayer => plain('bn');
/** Dropout with the given rate: no parameters. */
export const dropout = (rate: number): DropoutLayer => ({ kind: 'dropout', rate });
/** Local response normalisation across `size` channels: no parameters. */
export const lrn = (size: number): LrnLayer => ({ kind: 'lrn', size });
/** Parallel branches joined along channels. */
export const concat = (name: string | undefined, branches: Layer[][]): ConcatBlock =>
  clean({ name, kind: 'concat', branches });
/** y = body(x) + shortcut(x); identity shortcut when none is given. */
export const residual = (name: string | undefined, body: Layer[], shortcut?: Layer[]): ResidualBlock =>
  clean({ name, kind: 'residual', body, shortcut });

/**
 * The classifier AlexNet and VGG share: flatten, fc6 and fc7 with 4096 units (ReLU, dropout 0.5),
 * then fc8 with one unit per class. Parameters: (n_in + 1)·4096 + 4097·4096 + 4097·classes.
 */
export const fc4096Head = (classes = 1000): Layer[] => [
  plain('flatten'),
  fc(4096, 'fc6'),
  relu(),
  dropout(0.5),
  fc(4096, 'fc7'),
  relu(),
  dropout(0.5),
  fc(classes, 'fc8'),
];
