import { describe, expect, it } from 'vitest';
import {
  decodeNetwork,
  encodeNetwork,
  hashFor,
  MAX_LINK_TEXT_BYTES,
  presetOfText,
  readHash,
} from '~/components/widgets/ArchitectureLab/lab-link';
import { presetText } from '~/components/widgets/ArchitectureLab/lab-state';
import { formatNetwork } from '~/lib/cnn/text-format';
import { presets, presetKeys } from '~/lib/cnn/presets';

describe('URL fragment', () => {
  it.each(presetKeys)('round-trips the %s text through deflate + base64url', async (key) => {
    const text = formatNetwork(presets[key].network, presets[key].input);
    const encoded = await encodeNetwork(text);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encoded.length).toBeLessThan(text.length);
    expect(await decodeNetwork(encoded)).toBe(text);
  });
  it('round-trips unicode comments', async () => {
    const text = 'input 8x8x3 # 입력\nconv 4 k3 # 합성곱 ✓\n';
    expect(await decodeNetwork(await encodeNetwork(text))).toBe(text);
  });
  it.each(['', '!!!', 'AAAA', 'not-deflate'])('a damaged fragment %j decodes to null', async (bad) => {
    expect(await decodeNetwork(bad)).toBeNull();
  });
  it('refuses a link that inflates past the limit (a "zip bomb"), and keeps one at the limit', async () => {
    const text = 'conv 8 k3 p1\n'.repeat(1000); // 13,000 bytes, a few hundred compressed
    const encoded = await encodeNetwork(text);
    expect(encoded.length).toBeLessThan(1000);
    expect(await decodeNetwork(encoded, text.length - 1)).toBeNull();
    expect(await decodeNetwork(encoded, text.length)).toBe(text);
    expect(MAX_LINK_TEXT_BYTES).toBeGreaterThan(5000 * 40); // the Lab's 5,000-line networks fit
  });
  it.each([
    ['#preset=vgg16', { preset: 'vgg16' }],
    ['#preset=lenet', { invalid: true }],
    ['#net=abc', { net: 'abc' }],
    ['#net=', { invalid: true }],
    ['', null],
    ['#top', null],
  ])('readHash(%j)', (hash, want) => expect(readHash(hash)).toEqual(want));
  it('hashFor writes what readHash reads', () => {
    expect(readHash(hashFor({ preset: 'resnet50' }))).toEqual({ preset: 'resnet50' });
    expect(readHash(hashFor({ net: 'x_y-z' }))).toEqual({ net: 'x_y-z' });
  });
});

describe('presetOfText (which preset a linked text is)', () => {
  it.each(presetKeys)('the %s text names that preset', (key) => {
    expect(presetOfText(presetText(key))).toBe(key);
  });
  it('every preset has a text of its own', () => {
    expect(new Set(presetKeys.map(presetText)).size).toBe(presetKeys.length);
  });
  const vgg16 = presetText('vgg16');
  it.each([
    ['an empty text', ''],
    ['a preset with one character more', `${vgg16} `],
    ['a preset without its last line', vgg16.slice(0, vgg16.trimEnd().lastIndexOf('\n'))],
    ['a preset with a comment', `# mine\n${vgg16}`],
    ['a network of the reader’s', 'input 8x8x3\nconv 4 k3\n'],
  ])('%s is no preset', (_what, text) => {
    expect(presetOfText(text)).toBe('');
  });
});
