// One import line for lesson authors: import { PaddingFormula } from '~/components/widgets';
export { default as PaddingFormula } from './PaddingFormula/PaddingFormula.astro';
export { default as ActivationGradient } from './ActivationGradient/ActivationGradient.astro';
export { default as KernelTradeoff } from './KernelTradeoff/KernelTradeoff.astro';
export { default as InceptionBlock } from './InceptionBlock/InceptionBlock.astro';
