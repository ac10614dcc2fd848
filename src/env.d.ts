/// <reference types="astro/client" />

// For svelte-check, which type-checks .ts files but does not resolve .astro modules itself
// (astro check does, with full types).
declare module '*.astro' {
  const Component: (props: Record<string, unknown>) => unknown;
  export default Component;
}
