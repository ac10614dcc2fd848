/**
 * The `tf` that cells see: tfjs-core (with its gradients registered by the caller) and tfjs-layers
 * in one namespace, like the `@tensorflow/tfjs` union package without the converter and data
 * packages. The two export no common names; `version` lists both, as the union package does.
 */
export function cellTf<Core extends { version_core: string }, Layers extends { version_layers: string }>(
  core: Core,
  layers: Layers,
): Core & Layers & { version: Record<string, string> } {
  return Object.freeze({
    ...core,
    ...layers,
    version: { 'tfjs-core': core.version_core, 'tfjs-layers': layers.version_layers },
  });
}
