import type { Network, Shape } from '../network';

/** A published network: what it is, where it comes from, and its layers. */
export interface Preset {
  displayName: string;
  network: Network;
  input: Shape;
  source: { citation: string; url: string; note?: string };
}
