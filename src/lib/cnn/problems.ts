/**
 * A problem with a layer setting, as data: a stable `code`, the numbers it talks about, and an
 * English sentence. Widgets translate `code` + `values` through the i18n strings
 * (key `cnn.problem.<code>`); tests and Node code can read `message` directly.
 */
export interface Problem {
  code: ProblemCode;
  values: Record<string, number | string>;
  message: string;
}

export type ProblemCode =
  | 'missing'
  | 'notInteger'
  | 'notPositive'
  | 'negative'
  | 'kernelTooLarge'
  | 'sameNeedsStride1'
  | 'sameNotInteger'
  | 'doesNotTile'
  | 'paddingTooLarge'
  | 'outputPaddingTooLarge'
  | 'groupsDoNotDivide'
  | 'shapeMismatch'
  | 'needsSpatialInput'
  | 'needsFlatInput'
  | 'emptyNetwork'
  | 'emptyBranch'
  | 'duplicateName'
  | 'tooLarge'
  | 'noBranches'
  | 'rateOutOfRange'
  | 'parseExpected'
  | 'unknownLayer'
  | 'unknownOption'
  | 'duplicateOption'
  | 'misplacedInput'
  | 'networkTooLarge'
  | 'outOfRange'
  | 'missingNumber';

/** English templates; `{name}` placeholders are filled from `values`. */
export const problemTemplatesEn: Record<ProblemCode, string> = {
  missing: '{what} is not a number: type a whole number.',
  notInteger: '{what} must be a whole number, not {value}.',
  notPositive: '{what} must be at least 1 (it is {value}).',
  negative: '{what} cannot be negative (it is {value}).',
  kernelTooLarge: 'The kernel ({k}) is larger than the padded input ({padded}), so it fits nowhere.',
  sameNeedsStride1: '"Same" padding keeps the size only with stride 1 (stride is {s}).',
  sameNotInteger:
    '"Same" padding needs p = (k − 1)/2 = {half}, which is not a whole number: an even kernel ({k}) cannot be centred.',
  doesNotTile:
    'The kernel does not tile the input evenly: {rest} row(s)/column(s) at the edge are never covered.',
  paddingTooLarge: 'Padding {p} is at least the kernel size {k}: some outputs would see nothing but padding.',
  outputPaddingTooLarge: 'Output padding {a} must be smaller than the stride {s} (or the dilation).',
  groupsDoNotDivide:
    '{groups} groups must divide both the input channels ({cIn}) and the output channels ({cOut}).',
  shapeMismatch: 'Branches must agree: {detail}.',
  needsSpatialInput: 'This layer needs an image-shaped input (H×W×C), but it gets a flat vector of {size}.',
  needsFlatInput: 'This layer needs a flat input; add "flatten" or "gap" before it (it gets {shape}).',
  emptyNetwork: 'The network has no layers.',
  emptyBranch: 'A branch has no layers.',
  duplicateName: 'Two layers are both called "{name}".',
  tooLarge: '{what} is too large (at most {max}).',
  noBranches: 'A concat block needs at least one branch.',
  rateOutOfRange: 'The dropout rate must be at least 0 and below 1 (it is {rate}).',
  parseExpected: 'Line {line}, column {col}: expected {expected}, but found {found}.',
  unknownLayer: 'Line {line}, column {col}: "{word}" is not a layer type (known: {known}).',
  unknownOption: 'Line {line}, column {col}: "{option}" is not a setting of {kind} (expected {expected}).',
  duplicateOption: 'Line {line}, column {col}: "{option}" is given twice.',
  misplacedInput:
    'Line {line}, column {col}: the input line may appear only once, before the first layer, outside any block.',
  networkTooLarge:
    'The network is too large to count exactly (more than 2^53 parameters or multiply–accumulates).',
  outOfRange: '{what} must be between {min} and {max} (it is {value}).',
  missingNumber: '{what} is empty or not a number: type a number.',
};

/** Fills `{name}` placeholders in a template from `values`. */
export function fillTemplate(template: string, values: Record<string, number | string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}

/**
 * English names of the quantities a problem can be about. A problem's `values.what` holds the
 * key (the lesson's symbol), so each locale can name the quantity in its own words.
 */
export const quantityNamesEn: Record<string, string> = {
  n: 'Input size n',
  i: 'Input size i',
  k: 'Kernel size k',
  p: 'Padding p',
  s: 'Stride s',
  d: 'Dilation d',
  a: 'Output padding a',
  groups: 'Groups',
  cIn: 'Input channels C_in',
  cOut: 'Output channels C_out',
  units: 'Units',
  rate: 'Dropout rate',
  h: 'Input height H',
  w: 'Input width W',
  width: 'Bottleneck width m',
  growth: 'Growth rate k',
  layers: 'Number of layers L',
  theta: 'Compression θ',
};

/** Builds a Problem with its English message. */
export function problem(code: ProblemCode, values: Record<string, number | string> = {}): Problem {
  const what = values.what;
  const shown =
    typeof what === 'string' && what in quantityNamesEn
      ? { ...values, what: quantityNamesEn[what]! }
      : values;
  return { code, values, message: fillTemplate(problemTemplatesEn[code], shown) };
}

/** Either a value or the list of problems that prevented it. Never throws, never NaN. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };
