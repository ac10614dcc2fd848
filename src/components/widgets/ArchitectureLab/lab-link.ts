/**
 * The Architecture Lab's share link, pure: the URL fragment that reproduces a network —
 * "#preset=<key>" for a preset as it is, "#net=<text>" for any other text (deflate-raw, then
 * base64url) — read back and checked (an unknown preset, a damaged or oversized "net": invalid).
 * Wired to the page by lab-link.svelte.ts.
 */
import { presetKeys, type PresetKey } from '~/lib/cnn/presets';
import { presetText } from './lab-state';

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** Network text → compact URL-safe string (deflate-raw, then base64url). */
export async function encodeNetwork(text: string): Promise<string> {
  return toBase64Url(await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw')));
}

/**
 * Largest network text a link may unpack to (UTF-8 bytes): far above the 5,000-line networks the
 * Lab is built for, far below what a tiny "zip bomb" link could inflate to.
 */
export const MAX_LINK_TEXT_BYTES = 2_000_000;

/** Inflates `bytes`, giving up (null) as soon as the output passes `limit` bytes. */
async function inflateAtMost(bytes: Uint8Array, limit: number): Promise<Uint8Array | null> {
  const reader = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * The inverse of encodeNetwork; null when the string is damaged or would unpack to more than
 * `limit` bytes of text.
 */
export async function decodeNetwork(encoded: string, limit = MAX_LINK_TEXT_BYTES): Promise<string | null> {
  try {
    const bytes = await inflateAtMost(fromBase64Url(encoded), limit);
    return bytes === null ? null : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export type HashState = { preset: PresetKey } | { net: string } | { invalid: true } | null;

/** Reads "#preset=vgg16" or "#net=…" (anything else: null; a bad preset name: invalid). */
export function readHash(hash: string): HashState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const preset = params.get('preset');
  if (preset !== null)
    return (presetKeys as readonly string[]).includes(preset)
      ? { preset: preset as PresetKey }
      : { invalid: true };
  const net = params.get('net');
  if (net !== null) return net === '' ? { invalid: true } : { net };
  return null;
}

/** The fragment for a state: an unmodified preset by name, anything else as encoded text. */
export function hashFor(state: { preset: PresetKey } | { net: string }): string {
  return 'preset' in state ? `#preset=${state.preset}` : `#net=${state.net}`;
}

/** The preset whose text (presetText) is exactly `text`; '' when none is (the reader's own network). */
export function presetOfText(text: string): PresetKey | '' {
  return presetKeys.find((key) => presetText(key) === text) ?? '';
}
