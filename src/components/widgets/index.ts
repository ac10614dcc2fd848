// One import line for lesson authors: import { PaddingFormula } from '~/components/widgets';
export { default as PaddingFormula } from './PaddingFormula/PaddingFormula.astro';
export { default as LayerParams } from './LayerParams/LayerParams.astro';
export { default as OneByOne } from './OneByOne/OneByOne.astro';
