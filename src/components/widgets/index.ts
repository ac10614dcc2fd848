// One import line for lesson authors: import { PaddingFormula } from '~/components/widgets';
export { default as PaddingFormula } from './PaddingFormula/PaddingFormula.astro';
export { default as ConvolutionExplorer } from './ConvolutionExplorer/ConvolutionExplorer.astro';
