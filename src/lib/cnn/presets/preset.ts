import type { Network, Shape } from '../network';

/**
 * A published network: its layers, its input and where it comes from. Its display name is a UI
 * string, `cnn.preset.<key>` (key from `presetKeys`), in every locale.
 */
export interface Preset {
  network: Network;
  input: Shape;
  source: { citation: string; url: string; note?: string };
}
