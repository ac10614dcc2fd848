// One import line for lesson authors: import { PaddingFormula } from '~/components/widgets';
export { default as PaddingFormula } from './PaddingFormula/PaddingFormula.astro';
export { default as ArchitectureTable } from './ArchitectureTable/ArchitectureTable.astro';
export { default as ArchitectureLab } from './ArchitectureLab/ArchitectureLab.astro';
export { default as ReceptiveField } from './ReceptiveField/ReceptiveField.astro';
export { default as LayerParams } from './LayerParams/LayerParams.astro';
export { default as OneByOne } from './OneByOne/OneByOne.astro';
export { default as ActivationGradient } from './ActivationGradient/ActivationGradient.astro';
export { default as KernelTradeoff } from './KernelTradeoff/KernelTradeoff.astro';
export { default as InceptionBlock } from './InceptionBlock/InceptionBlock.astro';
export { default as ConvolutionExplorer } from './ConvolutionExplorer/ConvolutionExplorer.astro';

