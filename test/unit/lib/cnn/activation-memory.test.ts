import { describe, expect, it } from 'vitest';
import { analyze, type Analysis, type Layer, type Shape } from '../../../../src/lib/cnn/analyze';
import { presetKeys, presets } from '../../../../src/lib/cnn/presets';
import { english } from '../../english';

function ok(network: Layer[], input: Shape): Analysis {
  const r = analyze(network, input);
  if (!r.ok) throw new Error(r.problems.map(english).join('\n'));
  return r.value;
}

const img = (h: number, w: number, c: number): Shape => ({ h, w, c });
const conv = (out: number, k: number, p = 0): Layer => ({ kind: 'conv', out, k, p });

describe('activations: the values each layer writes in a forward pass', () => {
  // Hand counts: output H·W·C (or the vector size); identity and flatten write nothing new.
  it.each<[string, Layer, Shape, number]>([
    ['conv 3×3 pad 1, 8×8×3 → 8×8×4', conv(4, 3, 1), img(8, 8, 3), 8 * 8 * 4],
    ['conv valid, 8×8×3 → 6×6×5', conv(5, 3), img(8, 8, 3), 6 * 6 * 5],
    ['relu keeps the shape and writes a new map', { kind: 'relu' }, img(8, 8, 4), 256],
    ['bn writes a normalised copy', { kind: 'bn' }, img(3, 3, 2), 18],
    ['maxpool 2, 8×8×4 → 4×4×4', { kind: 'maxpool', k: 2 }, img(8, 8, 4), 64],
    ['gap 7×7×2048 → 2048', { kind: 'gap' }, img(7, 7, 2048), 2048],
    ['fc 84 → 10', { kind: 'fc', out: 10 }, { size: 84 }, 10],
    ['flatten only reshapes', { kind: 'flatten' }, img(4, 4, 4), 0],
    ['identity passes its input on', { kind: 'identity' }, img(4, 4, 4), 0],
    ['dropout writes its masked output', { kind: 'dropout', rate: 0.5 }, { size: 100 }, 100],
  ])('%s: %i', (_label, layer, input, values) => {
    const a = ok([layer], input);
    expect(a.layers[0]!.activations).toBe(values);
    expect(a.totals.activations).toBe(values);
  });

  it('a small net, counted by hand: 256 + 256 + 64 + 0 + 10 = 586', () => {
    const a = ok(
      [
        conv(4, 3, 1),
        { kind: 'relu' },
        { kind: 'maxpool', k: 2 },
        { kind: 'flatten' },
        { kind: 'fc', out: 10 },
      ],
      img(8, 8, 3),
    );
    expect(a.rows.map((r) => r.activations)).toEqual([256, 256, 64, 0, 10]);
    expect(a.totals.activations).toBe(586);
  });

  it('a dense layer (concat of identity and a 3×3 conv): 0 + 48 + the concatenated 80 = 128', () => {
    const a = ok([{ kind: 'concat', branches: [[{ kind: 'identity' }], [conv(3, 3, 1)]] }], img(4, 4, 2));
    const block = a.layers[0]!;
    expect(block.output).toEqual(img(4, 4, 5));
    expect(block.branches!.map((b) => b[0]!.activations)).toEqual([0, 48]);
    expect(block.activations).toBe(0 + 48 + 80);
    expect(a.totals.activations).toBe(128);
  });

  it('a residual block: body 32 + 32, identity shortcut 0, the sum 32 = 96', () => {
    const a = ok([{ kind: 'residual', body: [conv(2, 3, 1), { kind: 'relu' }] }], img(4, 4, 2));
    expect(a.layers[0]!.activations).toBe(96);
    expect(a.totals.activations).toBe(96);
  });

  it('a projection shortcut counts too: body 4·4·8, shortcut conv 4·4·8, sum 4·4·8', () => {
    const a = ok(
      [
        {
          kind: 'residual',
          body: [{ kind: 'conv', out: 8, k: 3, p: 1, s: 2 }],
          shortcut: [{ kind: 'conv', out: 8, k: 1, s: 2 }],
        },
      ],
      img(8, 8, 2),
    );
    expect(a.layers[0]!.activations).toBe(3 * 4 * 4 * 8);
  });

  it('nested blocks add up once: a residual block around a concat', () => {
    const inner: Layer = { kind: 'concat', branches: [[{ kind: 'identity' }], [conv(2, 1)]] };
    // input 2×2×2: conv1×1 writes 2·2·2 = 8, the concat 2·2·4 = 16 (24 with its child),
    // conv back to 2 channels 8, the residual sum 8: 24 + 8 + 8 = 40
    const a = ok([{ kind: 'residual', body: [inner, conv(2, 1)] }], img(2, 2, 2));
    expect(a.rows.map((r) => [r.kind, r.activations])).toEqual([
      ['residual', 40],
      ['concat', 24],
      ['identity', 0],
      ['conv', 8],
      ['conv', 8],
    ]);
    expect(a.totals.activations).toBe(40);
  });
});

describe('activations on the presets', () => {
  it.each(presetKeys)('%s: total = Σ top-level layers = Σ leaves + each block’s own output', (key) => {
    const a = ok(presets[key].network, presets[key].input);
    expect(a.layers.reduce((t, r) => t + r.activations, 0)).toBe(a.totals.activations);
    const own = a.rows.reduce((t, r) => {
      if (r.kind === 'concat' || r.kind === 'residual') {
        const s = r.output as { h: number; w: number; c: number };
        return t + s.h * s.w * s.c;
      }
      return t + r.activations;
    }, 0);
    expect(own).toBe(a.totals.activations);
  });

  it('DenseNet-121 writes more activation values than ResNet-50 with less than a third of the parameters', () => {
    const d = ok(presets.densenet121.network, presets.densenet121.input).totals;
    const r = ok(presets.resnet50.network, presets.resnet50.input).totals;
    expect(d.params.total * 3).toBeLessThan(r.params.total);
    expect(d.activations).toBeGreaterThan(r.activations);
  });

  it('ResNet-50 conv1: 112·112·64 values; DenseNet-121 dense1_1 writes bn, relu, conv1×1, bn, relu, conv3×3 and the concat', () => {
    const r = ok(presets.resnet50.network, presets.resnet50.input);
    expect(r.rows.find((x) => x.name === 'conv1')!.activations).toBe(112 * 112 * 64);
    const d = ok(presets.densenet121.network, presets.densenet121.input);
    const hw = 56 * 56;
    expect(d.rows.find((x) => x.name === 'dense1_1')!.activations).toBe(
      hw * (64 + 64 + 128 + 128 + 128 + 32 + 96),
    );
  });
});
