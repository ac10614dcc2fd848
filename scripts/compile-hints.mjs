// @ts-check
/**
 * V8 compiles a function the first time it is called, on the main thread: when an island hydrates,
 * about half of its hydration task was compiling the Svelte runtime's and the island's own
 * functions (Architecture Lab: V8.CompileCode 28-32 ms of a 65-74 ms task, traced). A script whose
 * first line is the magic comment `//# allFunctionsCalledOnLoad` (V8's explicit compile hints,
 * Chrome 136) has all its functions compiled eagerly when it is loaded — on a background thread for
 * a streamed script, otherwise in the task that compiles the module — so hydration runs code that
 * is already compiled (the Lab's hydration task: 48-65 → 29-32 ms of CPU, traced; issue 12).
 *
 * Eager compilation costs time and memory for functions that are never called, so only the chunks
 * an island runs on hydration get the comment: the island's own chunk and every chunk it imports
 * statically (the Svelte runtime among them), never the ones it imports on demand (Plot, tfjs).
 * Other browsers ignore the comment. Applies to production builds (the client bundle).
 */

/** The magic comment, as V8 expects it: the very first line of the file. */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/**
 * @typedef {{ type: 'chunk', fileName: string, facadeModuleId?: string | null, imports: string[], code: string }} ChunkLike
 * @typedef {ChunkLike | { type: 'asset', fileName: string }} OutputLike
 */

/**
 * File names of the chunks that get the hint: each chunk whose entry module's path ends with one of
 * `entries` (e.g. `/ArchitectureLab/ArchitectureLab.svelte`), with every chunk it imports
 * statically, transitively (`imports`; dynamic imports are left out).
 * @param {Record<string, OutputLike>} bundle
 * @param {string[]} entries
 * @returns {Set<string>}
 */
export function hintedChunks(bundle, entries) {
  const chosen = new Set();
  /** @param {string} fileName */
  const visit = (fileName) => {
    const chunk = bundle[fileName];
    if (chosen.has(fileName) || chunk?.type !== 'chunk') return;
    chosen.add(fileName);
    for (const imported of chunk.imports) visit(imported);
  };
  for (const output of Object.values(bundle)) {
    if (output.type !== 'chunk' || !output.facadeModuleId) continue;
    const id = output.facadeModuleId.split('?')[0].replaceAll('\\', '/');
    if (entries.some((entry) => id.endsWith(entry))) visit(output.fileName);
  }
  return chosen;
}

/**
 * The Vite plugin: prepends COMPILE_HINT to the hinted chunks of the client build.
 * @param {string[]} entries paths (ends of module ids) of the islands whose hydration is compiled eagerly
 * @returns {import('vite').Plugin}
 */
export default function compileHints(entries) {
  return {
    name: 'compile-hints',
    apply: 'build',
    // after every other plugin's generateBundle: Vite's own puts its preload map (`__vite__mapDeps`)
    // at the top of a chunk there, and the comment works only on the very first line
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        if (this.environment && this.environment.name !== 'client') return;
        const files = hintedChunks(/** @type {Record<string, OutputLike>} */ (bundle), entries);
        for (const fileName of files) {
          const chunk = bundle[fileName];
          if (chunk.type === 'chunk' && !chunk.code.startsWith(COMPILE_HINT))
            chunk.code = COMPILE_HINT + chunk.code;
        }
      },
    },
  };
}
