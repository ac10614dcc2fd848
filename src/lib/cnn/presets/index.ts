/**
 * Published networks, keyed for URLs and lesson tags. Totals (weights + biases + BN γ, β):
 * alexnet-2012 60,965,224 · vgg16 138,357,544 · googlenet 6,998,552 · resnet18 11,689,512 ·
 * resnet34 21,797,672 · resnet50 25,557,032 · densenet121 7,978,856.
 */
import { alexnet2012 } from './alexnet';
import { densenet121 } from './densenet';
import { googlenet } from './googlenet';
import type { Preset } from './preset';
import { resnet18, resnet34, resnet50 } from './resnet';
import { vgg16 } from './vgg';

export type { Preset } from './preset';
export { densenet, denseLayer, transition } from './densenet';
export { inception } from './googlenet';
export { resnet, residualBlock, type ResNetBlock } from './resnet';
export { vgg } from './vgg';

export const presetKeys = [
  'alexnet-2012',
  'vgg16',
  'googlenet',
  'resnet18',
  'resnet34',
  'resnet50',
  'densenet121',
] as const;
export type PresetKey = (typeof presetKeys)[number];

export const presets: Record<PresetKey, Preset> = {
  'alexnet-2012': alexnet2012,
  vgg16,
  googlenet,
  resnet18,
  resnet34,
  resnet50,
  densenet121,
};
