/**
 * The CNN arithmetic engine: pure TypeScript (no DOM, no tfjs). Every number the course prints
 * comes from here. Symbols: kernel k (k_h × k_w), stride s, padding p, dilation d, channels
 * C_in → C_out, groups.
 */
export * from './conv-arithmetic';
export * from './problems';
export * from './network';
export {
  analyze,
  atLayer,
  flattenRows,
  type Analysis,
  type LayerReport,
  type ReceptiveField,
} from './analyze';
export {
  addParams,
  bnParams,
  convMacs,
  convParams,
  convTMacs,
  convTParams,
  fcMacs,
  fcParams,
  fieldStep,
  makeParams,
  noParams,
  receptiveField,
  stackedVsSingle,
  unitField,
  type AxisField,
  type ConvParamsInput,
  type FieldLayer,
  type Params,
  type StackedVsSingle,
  type TradeoffSide,
} from './formulas';
export {
  formatLayerLine,
  formatNetwork,
  formatShapeText,
  parseNetwork,
  parseShape,
  type ParsedNetwork,
  type TextPosition,
} from './text-format';
export {
  presetKeys,
  presets,
  densenet,
  fcn,
  inception,
  vgg16Convolutionalized,
  resnet,
  vgg,
  yolov1,
  type FcnStride,
  type Preset,
  type PresetKey,
  type ResNetBlock,
} from './presets';
export * from './receptive-field';
export { macsOfKind, paramsOfKind, percentOf, powerOfTen } from './scale';
export * from './activations';
export * from './reference-conv';
export * from './pooling';
export * from './detection';
export * from './detection-cost';
export * from './residual';
export {
  compareResidualBlocks,
  residualBlockSide,
  BLOCK_LIMITS,
  type BlockComparison,
  type BlockConv,
  type BlockSide,
  type ResidualBlockSettings,
} from './residual-blocks';
export {
  denseBlock,
  denseChannels,
  transitionChannels,
  DENSE_BN_SIZE,
  DENSE_LIMITS,
  type DenseBlockFigure,
  type DenseBlockSettings,
  type DenseCounts,
  type DenseLayerRow,
} from './dense-blocks';
export * from './transposed-conv';
export * from './convolutionalize';
