// One import line for lesson authors: import { Num, Cite, Quiz } from '~/components/lesson';
export { default as Num } from './Num.astro';
export { default as Cite } from './Cite.astro';
export { default as Quiz } from './Quiz/Quiz.astro';
export { default as KeyIdea } from './KeyIdea.astro';
