/**
 * A module import done once: `const charts = importOnce(() => import('./charts'))` gives a loader
 * that returns the same promise on every call. Calling `import()` again per change is not free:
 * the bundler's preload helper resolves the chunk's dependencies and searches the page's <link>
 * elements each time (about 1–2 ms per change on a busy phone-class CPU, issue 12). A failed
 * import is forgotten, so the next call tries again.
 */
export function importOnce<M>(load: () => Promise<M>): () => Promise<M> {
  let pending: Promise<M> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}
