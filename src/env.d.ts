/// <reference types="astro/client" />

// For svelte-check, which type-checks .ts files but does not resolve .astro modules itself
// (astro check does, with full types).
declare module '*.astro' {
  const Component: (props: Record<string, unknown>) => unknown;
  export default Component;
}

// The notebook cells' hydration directive (src/components/notebook/cell-directive.ts).
declare module 'astro' {
  interface AstroClientDirectives {
    /** hydrate when visible or when the notebook wakes every cell; "setup" = only when woken */
    'client:cell'?: boolean | 'setup';
  }
}
