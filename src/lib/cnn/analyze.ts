/**
 * `analyze(network, input)`: walks a network layer by layer and reports, for every layer and for
 * the whole network, the output shape, parameters (weights and biases separately),
 * multiply–accumulates (MACs) and receptive field.
 *
 * Counting conventions (torchvision's):
 * - conv: weights k_h·k_w·(C_in/groups)·C_out, biases C_out; MACs H_out·W_out·C_out·(k_h·k_w·C_in/groups).
 * - convt: weights k_h·k_w·C_in·C_out, biases C_out; MACs H_in·W_in·C_in·k_h·k_w·C_out.
 * - fc: weights in·out, biases out; MACs in·out.
 * - bn: γ (weights) and β (biases), C each; running mean/variance are not parameters.
 * - Pooling, activations, LRN, dropout, flatten, identity and the residual add are counted as
 *   0 MACs: only multiply–accumulates against learned weights are counted (biases neither).
 *
 * Receptive field (Distill, "Computing Receptive Fields of CNNs"), per axis:
 * r_out = r_in + (k' − 1)·j_in, j_out = j_in·s, start_out = start_in − p·j_in.
 * - A concat block takes the largest field among its branches; a residual block the larger of
 *   body and shortcut (the body, in practice).
 * - flatten keeps the field (each vector entry is still one unit of the map before it).
 * - fc after flatten and gap see the whole map: they are treated as the convolution they are
 *   equivalent to, with a kernel covering the entire H×W grid (r_out = r_in + (H − 1)·j_in), and
 *   the field is marked `whole: true` (it covers the whole input image); layers after keep that.
 * - convt (an upsampling) approximates the widest output: r_out = r_in + (⌈k'/s⌉ − 1)·j_in and
 *   j_out = j_in/s (a fraction of an input pixel).
 *
 * Activations (the values a forward pass writes, what training keeps for the backward pass):
 * - a layer writes its output, H_out·W_out·C_out values (or the vector size); identity and
 *   flatten write nothing new (they pass their input on or only reshape it), so they count 0;
 * - a concat block writes the concatenated tensor (a copy, as a straightforward implementation
 *   makes) and a residual block the sum F(x) + shortcut(x), on top of what their children write;
 * - a block's count includes its children's, like its parameters; the total is the sum over the
 *   top-level layers. The network's input is not counted.
 *
 * Never throws and never returns NaN: an impossible network is `{ ok: false, problems }`, each
 * problem naming the layer (`values.layer`, `values.path`; the UI starts its sentence "conv3: ...").
 */
import { checkWhole, convOutput, effectiveKernel, samePadding, transposedOutput } from './conv-arithmetic';
import {
  addParams,
  bnParams,
  convMacs,
  convParams,
  convTMacs,
  convTParams,
  fcMacs,
  fcParams,
  fieldStep,
  noParams,
  unitField,
  type AxisField,
  type Params,
} from './formulas';
import {
  autoNamePrefix,
  formatShape,
  isFlat,
  kernelHW,
  layerKinds,
  shapeSize,
  type ConvLayer,
  type ConvTLayer,
  type Layer,
  type LayerKind,
  type Network,
  type Padding,
  type PoolLayer,
  type Shape,
  type SpatialShape,
} from './network';
import { problem, uniqueProblems, type Checked, type Problem } from './problems';

export * from './network';

/** Receptive field along height and width; `whole` once a layer sees the entire input (fc, gap). */
export interface ReceptiveField {
  h: AxisField;
  w: AxisField;
  whole: boolean;
}

export interface LayerReport {
  /** Full name: block children are prefixed with their block, e.g. "inception3a/3x3_reduce". */
  name: string;
  /** The name inside its block (given or auto-generated), e.g. "3x3_reduce". */
  localName: string;
  kind: LayerKind;
  /**
   * Position in the network: top-level index "3"; a concat branch child "3.1.0" (branch 1, layer 0);
   * a residual child "5.body.2" or "5.shortcut.0". `parseNetwork` maps these paths to text lines.
   */
  path: string;
  /** 0 for top-level layers, +1 per enclosing block. */
  depth: number;
  /** Full name of the enclosing block, or null at top level. */
  parent: string | null;
  input: Shape;
  output: Shape;
  /** For a block: the sum over its children. */
  params: Params;
  macs: number;
  /**
   * Activation values this layer writes in a forward pass: its output size (0 for identity and
   * flatten); for a block, its own output (concatenation or sum) plus all its children's.
   */
  activations: number;
  rf: ReceptiveField;
  /** concat blocks: reports of each branch */
  branches?: LayerReport[][];
  /** residual blocks: reports of the body and of the shortcut ([] = identity) */
  body?: LayerReport[];
  shortcut?: LayerReport[];
}

export interface Analysis {
  input: Shape;
  output: Shape;
  /** Top-level layer reports; blocks hold their children. */
  layers: LayerReport[];
  /** Every report depth-first, each block directly before its children: one table row each. */
  rows: LayerReport[];
  /** activations: values written by one forward pass, Σ over the top-level layers (input excluded) */
  totals: { params: Params; macs: number; activations: number };
  /** Receptive field of the last layer. */
  rf: ReceptiveField;
}

/** What flows from one layer to the next. */
interface State {
  shape: Shape;
  rf: ReceptiveField;
  /** Spatial grid the current units sit on: the map's H×W, kept through flatten; 1×1 after fc/gap. */
  grid: { h: number; w: number };
}

interface Scope {
  prefix: string;
  parent: string | null;
  /** per auto-name prefix: how many unnamed layers got a name so far */
  counters: Map<string, number>;
  /** names given explicitly anywhere in this scope; auto-names skip them */
  taken: Set<string>;
  depth: number;
}

function makeScope(prefix: string, parent: string | null, depth: number, layers: Layer[][]): Scope {
  const taken = new Set<string>();
  for (const list of layers)
    for (const l of Array.isArray(list) ? list : []) if (typeof l?.name === 'string') taken.add(l.name);
  return { prefix, parent, counters: new Map(), taken, depth };
}

/**
 * Auto-name for an unnamed layer: `${prefix}${n}` for the n-th unnamed layer with this prefix in
 * its block, skipping names given explicitly in the same block (so inserting a layer never
 * collides with a hand-named one).
 */
function autoName(scope: Scope, prefix: string): string {
  let n = scope.counters.get(prefix) ?? 0;
  let name: string;
  do {
    n += 1;
    name = `${prefix}${n}`;
  } while (scope.taken.has(name));
  scope.counters.set(prefix, n);
  return name;
}

interface Ctx {
  /** full name → path, to detect duplicates */
  names: Map<string, string>;
}

type Step = Checked<{ report: LayerReport; state: State }>;

/**
 * Analyzes `network` on an input of shape `input` ({h, w, c} image or {size} vector).
 * Per layer: output size o = ⌊(n + 2p − k')/s⌋ + 1 with k' = k + (k − 1)(d − 1) (⌈ ⌉ in ceil mode;
 * o = s(i − 1) + a + k' − 2p for convt); conv params k_h·k_w·(C_in/groups)·C_out + C_out and
 * MACs H_out·W_out·C_out·k_h·k_w·C_in/groups; fc params in·out + out, MACs in·out; bn 2·C;
 * receptive field r_out = r_in + (k' − 1)·j_in, j_out = j_in·s (see the module comment).
 * Totals are the sums over all layers. Returns the reports, or the problems of the first layer
 * that cannot work (each naming the layer); never throws.
 */
export function analyze(network: Network, input: Shape): Checked<Analysis> {
  const bad = checkShape(input);
  if (bad.length > 0) return { ok: false, problems: bad };
  if (!Array.isArray(network) || network.length === 0)
    return { ok: false, problems: [problem('emptyNetwork')] };
  const start: State = {
    shape: input,
    rf: { h: unitField, w: unitField, whole: false },
    grid: isFlat(input) ? { h: 1, w: 1 } : { h: input.h, w: input.w },
  };
  const ctx: Ctx = { names: new Map() };
  const run = analyzeSeq(network, start, makeScope('', null, 0, [network]), '', ctx);
  if (!run.ok) return run;
  const { reports, state } = run.value;
  const params = addParams(...reports.map((r) => r.params));
  const macs = reports.reduce((a, r) => a + r.macs, 0);
  reports.forEach(addChildActivations);
  const activations = reports.reduce((a, r) => a + r.activations, 0);
  if (!(params.total <= Number.MAX_SAFE_INTEGER && macs <= Number.MAX_SAFE_INTEGER)) {
    return { ok: false, problems: [problem('networkTooLarge', { params: params.total, macs })] };
  }
  return {
    ok: true,
    value: {
      input,
      output: state.shape,
      layers: reports,
      rows: flattenRows(reports),
      totals: { params, macs, activations },
      rf: state.rf,
    },
  };
}

/** Values a layer writes itself: its output size; identity and flatten only pass on or reshape (0). */
function ownActivations(kind: LayerKind, output: Shape): number {
  return kind === 'identity' || kind === 'flatten' ? 0 : shapeSize(output);
}

/** Adds each block's children's activations to the block's own (depth-first, once per analysis). */
function addChildActivations(r: LayerReport): void {
  const children = [...(r.branches ?? []).flat(), ...(r.body ?? []), ...(r.shortcut ?? [])];
  children.forEach(addChildActivations);
  r.activations += children.reduce((a, c) => a + c.activations, 0);
}

/** Every report depth-first, blocks before their children (the same order as `Analysis.rows`). */
export function flattenRows(reports: LayerReport[]): LayerReport[] {
  const out: LayerReport[] = [];
  const visit = (r: LayerReport) => {
    out.push(r);
    for (const b of r.branches ?? []) b.forEach(visit);
    (r.body ?? []).forEach(visit);
    (r.shortcut ?? []).forEach(visit);
  };
  reports.forEach(visit);
  return out;
}

function checkShape(shape: Shape): Problem[] {
  // Quantity keys (`cnn.quantity.<key>`): height and width are input sizes n, depth is C_in.
  if (shape === null || typeof shape !== 'object')
    return [problem('notInteger', { what: 'n', value: String(shape) })];
  const fields: [string, number][] = isFlat(shape)
    ? [['n', shape.size]]
    : [
        ['n', shape.h],
        ['n', shape.w],
        ['cIn', shape.c],
      ];
  const problems = compact(fields.map(([what, v]) => checkWhole(what, v, 1)));
  return uniqueProblems(problems);
}

function analyzeSeq(
  layers: Layer[],
  state: State,
  scope: Scope,
  pathPrefix: string,
  ctx: Ctx,
): Checked<{ reports: LayerReport[]; state: State }> {
  const reports: LayerReport[] = [];
  let cur = state;
  for (const [i, layer] of layers.entries()) {
    const kind = layer?.kind;
    const path = `${pathPrefix}${i}`;
    if (!layerKinds.includes(kind)) {
      return {
        ok: false,
        problems: [
          problem('unknownLayer', {
            line: '?',
            col: '?',
            word: String(kind),
            known: layerKinds.join(', '),
            path,
          }),
        ],
      };
    }
    const localName = layer.name ?? autoName(scope, autoNamePrefix[kind]);
    const name = scope.prefix + localName;
    const seen = ctx.names.get(name);
    if (seen !== undefined)
      return { ok: false, problems: [atLayer(name, path, problem('duplicateName', { name }))] };
    ctx.names.set(name, path);
    const step = analyzeLayer(layer, cur, { name, localName, path, scope, ctx });
    if (!step.ok) return step;
    reports.push(step.value.report);
    cur = step.value.state;
  }
  return { ok: true, value: { reports, state: cur } };
}

interface Where {
  name: string;
  localName: string;
  path: string;
  scope: Scope;
  ctx: Ctx;
}

/** Attaches a layer's name and path to a problem (values.layer / values.path); kept if already set. */
export function atLayer(layer: string, path: string, p: Problem): Problem {
  if (p.values.layer !== undefined) return p;
  return { code: p.code, values: { ...p.values, layer, path } };
}

function fail(where: Where, problems: Problem[]): { ok: false; problems: Problem[] } {
  return { ok: false, problems: uniqueProblems(problems).map((p) => atLayer(where.name, where.path, p)) };
}

function report(
  where: Where,
  layer: Layer,
  input: State,
  output: State,
  params: Params,
  macs: number,
): LayerReport {
  return {
    name: where.name,
    localName: where.localName,
    kind: layer.kind,
    path: where.path,
    depth: where.scope.depth,
    parent: where.scope.parent,
    input: input.shape,
    output: output.shape,
    params,
    macs,
    activations: ownActivations(layer.kind, output.shape),
    rf: output.rf,
  };
}

function done(
  where: Where,
  layer: Layer,
  input: State,
  output: State,
  params: Params = noParams,
  macs = 0,
): Step {
  return { ok: true, value: { report: report(where, layer, input, output, params, macs), state: output } };
}

function compact(list: (Problem | null)[]): Problem[] {
  return list.filter((p): p is Problem => p !== null);
}

function analyzeLayer(layer: Layer, st: State, where: Where): Step {
  switch (layer.kind) {
    case 'conv':
      return analyzeConv(layer, st, where);
    case 'convt':
      return analyzeConvT(layer, st, where);
    case 'maxpool':
    case 'avgpool':
      return analyzePool(layer, st, where);
    case 'fc': {
      const bad = compact([checkWhole('units', layer.out, 1)]);
      if (bad.length > 0) return fail(where, bad);
      if (!isFlat(st.shape))
        return fail(where, [problem('needsFlatInput', { shape: formatShape(st.shape) })]);
      const nIn = st.shape.size;
      return done(
        where,
        layer,
        st,
        { shape: { size: layer.out }, rf: wholeField(st), grid: { h: 1, w: 1 } },
        fcParams(nIn, layer.out, layer.bias !== false),
        fcMacs(nIn, layer.out),
      );
    }
    case 'flatten':
      return done(where, layer, st, { ...st, shape: { size: shapeSize(st.shape) } });
    case 'gap': {
      if (isFlat(st.shape)) return fail(where, [problem('needsSpatialInput', { size: st.shape.size })]);
      return done(where, layer, st, {
        shape: { size: st.shape.c },
        rf: wholeField(st),
        grid: { h: 1, w: 1 },
      });
    }
    case 'bn':
      return done(where, layer, st, st, bnParams(isFlat(st.shape) ? st.shape.size : st.shape.c));
    case 'dropout': {
      const rate = layer.rate;
      if (rate !== undefined && !(typeof rate === 'number' && rate >= 0 && rate < 1)) {
        return fail(where, [problem('rateOutOfRange', { rate: String(rate) })]);
      }
      return done(where, layer, st, st);
    }
    case 'lrn': {
      // the LRN window spans `size` neighbouring channels: a 1-D kernel, hence quantity k
      const bad = layer.size === undefined ? [] : compact([checkWhole('k', layer.size, 1)]);
      return bad.length > 0 ? fail(where, bad) : done(where, layer, st, st);
    }
    case 'relu':
    case 'sigmoid':
    case 'tanh':
    case 'identity':
      return done(where, layer, st, st);
    case 'concat':
      return analyzeConcat(layer.branches, layer, st, where);
    case 'residual':
      return analyzeResidual(layer.body, layer.shortcut ?? [], layer, st, where);
  }
}

/** fc / gap: a kernel covering the whole H×W grid, r_out = r_in + (H − 1)·j_in. */
function wholeField(st: State): ReceptiveField {
  return {
    h: { ...st.rf.h, r: st.rf.h.r + (st.grid.h - 1) * st.rf.h.j },
    w: { ...st.rf.w, r: st.rf.w.r + (st.grid.w - 1) * st.rf.w.j },
    whole: true,
  };
}

interface Window {
  kh: number;
  kw: number;
  s: number;
  d: number;
  ph: number;
  pw: number;
  oh: number;
  ow: number;
}

function resolvePadding(p: Padding | undefined, k: number, d: number, s: number): Checked<number> {
  if (p === undefined || p === 'valid') return { ok: true, value: 0 };
  if (p === 'same') return samePadding(k, d, s);
  const bad = checkWhole('p', p, 0);
  return bad ? { ok: false, problems: [bad] } : { ok: true, value: p };
}

/** Output size of a sliding window on both axes: o = ⌊(n + 2p − k')/s⌋ + 1 (⌈ ⌉ with ceil). */
function slide(
  input: SpatialShape,
  k: PoolLayer['k'],
  s: number,
  p: Padding | undefined,
  d: number,
  ceil: boolean,
): Checked<Window> {
  const [kh, kw] = kernelHW(k);
  const bad = compact([
    checkWhole('k', kh, 1),
    checkWhole('k', kw, 1),
    checkWhole('s', s, 1),
    checkWhole('d', d, 1),
  ]);
  if (bad.length > 0) return { ok: false, problems: bad };
  const out: number[] = [];
  const pads: number[] = [];
  const problems: Problem[] = [];
  for (const [n, kk] of [
    [input.h, kh],
    [input.w, kw],
  ] as const) {
    const pad = resolvePadding(p, kk, d, s);
    if (!pad.ok) {
      problems.push(...pad.problems);
      continue;
    }
    const r = convOutput({ n, k: kk, p: pad.value, s, d });
    if (!r.ok) {
      problems.push(...r.problems);
      continue;
    }
    let o = r.value.o;
    if (ceil) {
      // Caffe/PyTorch ceil mode: one more window if any input is left over,
      // unless that window would start inside the right padding.
      o = Math.ceil(r.value.span / s) + 1;
      if ((o - 1) * s >= n + pad.value) o -= 1;
    }
    out.push(o);
    pads.push(pad.value);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { kh, kw, s, d, ph: pads[0]!, pw: pads[1]!, oh: out[0]!, ow: out[1]! } };
}

function slidState(st: State, win: Window, c: number): State {
  return {
    shape: { h: win.oh, w: win.ow, c },
    rf: {
      h: fieldStep(st.rf.h, win.kh, win.s, win.ph, win.d),
      w: fieldStep(st.rf.w, win.kw, win.s, win.pw, win.d),
      whole: st.rf.whole,
    },
    grid: { h: win.oh, w: win.ow },
  };
}

function analyzeConv(layer: ConvLayer, st: State, where: Where): Step {
  const g = layer.g ?? 1;
  const bad = compact([checkWhole('cOut', layer.out, 1), checkWhole('groups', g, 1)]);
  if (bad.length > 0) return fail(where, bad);
  if (isFlat(st.shape)) return fail(where, [problem('needsSpatialInput', { size: st.shape.size })]);
  const cIn = st.shape.c;
  if (cIn % g !== 0 || layer.out % g !== 0)
    return fail(where, [problem('groupsDoNotDivide', { groups: g, cIn, cOut: layer.out })]);
  const win = slide(st.shape, layer.k, layer.s ?? 1, layer.p, layer.d ?? 1, false);
  if (!win.ok) return fail(where, win.problems);
  const { kh, kw, oh, ow } = win.value;
  return done(
    where,
    layer,
    st,
    slidState(st, win.value, layer.out),
    convParams({ kh, kw, cIn, cOut: layer.out, groups: g, bias: layer.bias !== false }),
    convMacs(oh, ow, layer.out, kh, kw, cIn, g),
  );
}

function analyzePool(layer: PoolLayer, st: State, where: Where): Step {
  if (isFlat(st.shape)) return fail(where, [problem('needsSpatialInput', { size: st.shape.size })]);
  const [kh] = kernelHW(layer.k);
  const win = slide(st.shape, layer.k, layer.s ?? kh, layer.p, 1, layer.ceil === true);
  if (!win.ok) return fail(where, win.problems);
  return done(where, layer, st, slidState(st, win.value, st.shape.c));
}

function analyzeConvT(layer: ConvTLayer, st: State, where: Where): Step {
  const bad = compact([checkWhole('cOut', layer.out, 1)]);
  if (bad.length > 0) return fail(where, bad);
  if (isFlat(st.shape)) return fail(where, [problem('needsSpatialInput', { size: st.shape.size })]);
  const [kh, kw] = kernelHW(layer.k);
  const s = layer.s ?? 1;
  const p = layer.p ?? 0;
  const d = layer.d ?? 1;
  const a = layer.op ?? 0;
  const oh = transposedOutput(st.shape.h, kh, s, p, a, d);
  const ow = transposedOutput(st.shape.w, kw, s, p, a, d);
  if (!oh.ok || !ow.ok) return fail(where, [...(oh.ok ? [] : oh.problems), ...(ow.ok ? [] : ow.problems)]);
  const step = (f: AxisField, k: number): AxisField => {
    const kEff = effectiveKernel(k, d);
    return {
      r: f.r + (Math.ceil(kEff / s) - 1) * f.j,
      j: f.j / s,
      start: f.start + Math.ceil((p - kEff + 1) / s) * f.j,
    };
  };
  const cIn = st.shape.c;
  return done(
    where,
    layer,
    st,
    {
      shape: { h: oh.value, w: ow.value, c: layer.out },
      rf: { h: step(st.rf.h, kh), w: step(st.rf.w, kw), whole: st.rf.whole },
      grid: { h: oh.value, w: ow.value },
    },
    convTParams(kh, kw, cIn, layer.out, layer.bias !== false),
    convTMacs(st.shape.h, st.shape.w, cIn, kh, kw, layer.out),
  );
}

function childScope(where: Where, layers: Layer[][], suffix = ''): Scope {
  return makeScope(`${where.name}/${suffix}`, where.name, where.scope.depth + 1, layers);
}

/** Largest field per axis (by r), as Distill does for multi-path networks. */
function largestField(fields: ReceptiveField[]): ReceptiveField {
  const pick = (axis: 'h' | 'w') => fields.map((f) => f[axis]).reduce((a, b) => (b.r > a.r ? b : a));
  return { h: pick('h'), w: pick('w'), whole: fields.some((f) => f.whole) };
}

function analyzeConcat(branches: Layer[][], layer: Layer, st: State, where: Where): Step {
  if (!Array.isArray(branches) || branches.length === 0) return fail(where, [problem('noBranches')]);
  const scope = childScope(where, branches);
  const results: { reports: LayerReport[]; state: State }[] = [];
  const problems: Problem[] = [];
  for (const [b, branch] of branches.entries()) {
    if (!Array.isArray(branch) || branch.length === 0) {
      problems.push(atLayer(where.name, where.path, problem('emptyBranch', { branch: b + 1 })));
      continue;
    }
    const r = analyzeSeq(branch, st, scope, `${where.path}.${b}.`, where.ctx);
    if (r.ok) results.push(r.value);
    else problems.push(...r.problems);
  }
  if (problems.length > 0) return { ok: false, problems };
  const shapes = results.map((r) => r.state.shape);
  const first = shapes[0]!;
  let out: Shape;
  if (isFlat(first)) {
    const mixed = shapes.findIndex((s) => !isFlat(s));
    if (mixed >= 0) {
      const other = formatShape(shapes[mixed]!);
      return fail(where, [
        problem('shapeMismatch', {
          detail: 'branchVectorVsMap',
          first: first.size,
          branch: mixed + 1,
          other,
        }),
      ]);
    }
    out = { size: shapes.reduce((a, s) => a + shapeSize(s), 0) };
  } else {
    const other = shapes.findIndex((s) => isFlat(s) || s.h !== first.h || s.w !== first.w);
    if (other >= 0) {
      const s = shapes[other]!;
      const values = { first: `${first.h}×${first.w}`, branch: other + 1 };
      return fail(where, [
        isFlat(s)
          ? problem('shapeMismatch', { detail: 'branchMapVsVector', ...values, other: s.size })
          : problem('shapeMismatch', { detail: 'branchMapSizes', ...values, other: `${s.h}×${s.w}` }),
      ]);
    }
    out = { h: first.h, w: first.w, c: shapes.reduce((a, s) => a + (s as SpatialShape).c, 0) };
  }
  const outState: State = {
    shape: out,
    rf: largestField(results.map((r) => r.state.rf)),
    grid: results[0]!.state.grid,
  };
  const all = results.flatMap((r) => r.reports);
  const rep = report(
    where,
    layer,
    st,
    outState,
    addParams(...all.map((r) => r.params)),
    all.reduce((a, r) => a + r.macs, 0),
  );
  rep.branches = results.map((r) => r.reports);
  return { ok: true, value: { report: rep, state: outState } };
}

function analyzeResidual(body: Layer[], shortcut: Layer[], layer: Layer, st: State, where: Where): Step {
  if (!Array.isArray(body) || body.length === 0)
    return fail(where, [problem('emptyBranch', { branch: 'body' })]);
  const b = analyzeSeq(body, st, childScope(where, [body]), `${where.path}.body.`, where.ctx);
  const identity: Checked<{ reports: LayerReport[]; state: State }> = {
    ok: true,
    value: { reports: [], state: st },
  };
  const sc =
    Array.isArray(shortcut) && shortcut.length > 0
      ? analyzeSeq(
          shortcut,
          st,
          childScope(where, [shortcut], 'shortcut/'),
          `${where.path}.shortcut.`,
          where.ctx,
        )
      : identity;
  if (!b.ok || !sc.ok)
    return { ok: false, problems: [...(b.ok ? [] : b.problems), ...(sc.ok ? [] : sc.problems)] };
  const bodyShape = b.value.state.shape;
  const scShape = sc.value.state.shape;
  if (formatShape(bodyShape) !== formatShape(scShape) || isFlat(bodyShape) !== isFlat(scShape)) {
    const detail = sc.value.reports.length === 0 ? 'residualIdentity' : 'residualShortcut';
    return fail(where, [
      problem('shapeMismatch', { detail, first: formatShape(bodyShape), other: formatShape(scShape) }),
    ]);
  }
  const outState: State = { ...b.value.state, rf: largestField([b.value.state.rf, sc.value.state.rf]) };
  const all = [...b.value.reports, ...sc.value.reports];
  const rep = report(
    where,
    layer,
    st,
    outState,
    addParams(...all.map((r) => r.params)),
    all.reduce((a, r) => a + r.macs, 0),
  );
  rep.body = b.value.reports;
  rep.shortcut = sc.value.reports;
  return { ok: true, value: { report: rep, state: outState } };
}
