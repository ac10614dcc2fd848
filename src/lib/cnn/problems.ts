/**
 * A problem with a layer setting, as data only: a stable `code` and the numbers (or code words)
 * it talks about. The engine holds no sentences: the UI renders a problem in the reader's
 * language from the strings `cnn.problem.<code>` (see `describeProblem` in `src/i18n/translate.ts`;
 * `describeProblem(uiStrings.en, p)` is the English text for errors thrown at build time and in tests).
 *
 * Some values are codes themselves, rendered from their own strings:
 * - `what`: the quantity's symbol (`cnn.quantity.<what>`), e.g. 'k' → "Kernel size k";
 * - `expected`, `found` (parse errors): a `ParsePhrase` (`cnn.phrase.<phrase>`);
 * - `detail` (shapeMismatch): a `MismatchDetail` (`cnn.mismatch.<detail>`);
 * - `settings` (unknownOption): the settings a layer takes, separated by spaces (see `optionKeys`).
 */
export interface Problem {
  code: ProblemCode;
  values: Record<string, number | string>;
}

/** Every code a problem can have; each has the string `cnn.problem.<code>` in every locale. */
export const problemCodes = [
  'missing',
  'notInteger',
  'notPositive',
  'negative',
  'kernelTooLarge',
  'sameNeedsStride1',
  'sameNotInteger',
  'doesNotTile',
  'paddingTooLarge',
  'outputPaddingTooLarge',
  'groupsDoNotDivide',
  'shapeMismatch',
  'needsSpatialInput',
  'needsFlatInput',
  'emptyNetwork',
  'emptyBranch',
  'duplicateName',
  'tooLarge',
  'noBranches',
  'rateOutOfRange',
  'parseExpected',
  'unknownLayer',
  'unknownOption',
  'duplicateOption',
  'misplacedInput',
  'networkTooLarge',
  'nestedTooDeep',
  'outOfRange',
  'missingNumber',
  'channelMismatch',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

/**
 * The quantities the engine names in `values.what` (the lesson's symbols), each named in every
 * locale by `cnn.quantity.<key>`. Widgets may use their own field keys and swap in the field's
 * label before showing the problem (`labelProblems`).
 */
export const quantityKeys = [
  'n',
  'i',
  'k',
  'p',
  's',
  'd',
  'a',
  'groups',
  'cIn',
  'cOut',
  'units',
  'rate',
  'h',
  'w',
  'width',
  'growth',
  'layers',
  'theta',
] as const;

/**
 * What a parse error expected or found (`values.expected` / `values.found`), as a code; the
 * phrase's own placeholders (e.g. `{token}`, `{example}`, `{keyword}`) come from the same values.
 */
export const parsePhrases = [
  'outChannels',
  'units',
  'closeBlock',
  'layer',
  'endOfLine',
  'endOfText',
  'token',
  'layerTypeAfterName',
  'inputShape',
  'openBrace',
  'branchOrClose',
  'kernelSize',
  'kernelValue',
  'paddingValue',
  'numberAfterSetting',
  'shape',
  'inputLine',
  'noInputLine',
  'nothingMore',
] as const;
export type ParsePhrase = (typeof parsePhrases)[number];

/** Which two outputs of a block disagree (`values.detail` of a shapeMismatch problem). */
export const mismatchDetails = [
  'branchVectorVsMap',
  'branchMapVsVector',
  'branchMapSizes',
  'residualShortcut',
  'residualIdentity',
] as const;
export type MismatchDetail = (typeof mismatchDetails)[number];

/**
 * The valued settings of a layer line (`k3`, `s2` …). An unknownOption problem lists what the layer
 * takes in `values.settings`: these keys (shown through `cnn.setting.<key>`, e.g. "k<size>") and
 * flags (`bias`, `nobias`, `ceil`, shown as written), separated by spaces.
 */
export const optionKeys = ['k', 's', 'p', 'd', 'g', 'op'] as const;
export type OptionKey = (typeof optionKeys)[number];

/** Fills `{name}` placeholders in a template from `values` (unknown names stay as they are). */
export function fillTemplate(template: string, values: Record<string, number | string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}

/** Builds a Problem: a code and its values, nothing else. */
export function problem(code: ProblemCode, values: Record<string, number | string> = {}): Problem {
  return { code, values };
}

/** Same code and same values (in any key order): the same problem, shown once. */
export function sameProblem(a: Problem, b: Problem): boolean {
  const ka = Object.keys(a.values);
  return (
    a.code === b.code &&
    ka.length === Object.keys(b.values).length &&
    ka.every((k) => a.values[k] === b.values[k])
  );
}

/** Each problem once, in order (see `sameProblem`). */
export function uniqueProblems(problems: Problem[]): Problem[] {
  return problems.filter((p, i) => problems.findIndex((q) => sameProblem(p, q)) === i);
}

/** Either a value or the list of problems that prevented it. Never throws, never NaN. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };
