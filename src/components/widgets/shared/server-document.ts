/**
 * A DOM document for server-side rendering of charts (Astro wrappers only; never shipped to the
 * browser, where the real `document` is used).
 */
import { parseHTML } from 'linkedom';

let cached: Document | null = null;

/** A reusable linkedom document. */
export function serverDocument(): Document {
  cached ??= parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
  return cached;
}
