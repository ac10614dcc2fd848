import { describe, expect, it } from 'vitest';
import compileHints, { COMPILE_HINT, hintedChunks } from '../../scripts/compile-hints.mjs';

const chunk = (fileName: string, imports: string[] = [], facadeModuleId: string | null = null) => ({
  type: 'chunk' as const,
  fileName,
  facadeModuleId,
  imports,
  code: `/* ${fileName} */`,
});

/** A client bundle: the Lab's island imports the runtime and the engine, which share a chunk; Plot is on demand. */
const bundle = () => ({
  'Lab.js': chunk(
    'Lab.js',
    ['client.js', 'analyze.js'],
    '/src/components/widgets/ArchitectureLab/ArchitectureLab.svelte',
  ),
  'client.js': chunk('client.js'),
  'analyze.js': chunk('analyze.js', ['shapes.js', 'client.js']),
  'shapes.js': chunk('shapes.js'),
  'plot.js': chunk('plot.js', ['client.js']),
  'Other.js': chunk('Other.js', ['client.js'], '/src/components/widgets/Other/Other.svelte'),
  'renderer.js': chunk('renderer.js', [], 'C:\\x\\node_modules\\@astrojs\\svelte\\dist\\client.svelte.js'),
  'style.css': { type: 'asset' as const, fileName: 'style.css' },
});

describe('hintedChunks (the chunks an island runs on hydration)', () => {
  it.each([
    {
      entries: ['/ArchitectureLab/ArchitectureLab.svelte'],
      files: ['Lab.js', 'client.js', 'analyze.js', 'shapes.js'],
    },
    { entries: ['/Other/Other.svelte'], files: ['Other.js', 'client.js'] },
    { entries: ['/@astrojs/svelte/dist/client.svelte.js'], files: ['renderer.js'] },
    { entries: ['/Missing.svelte'], files: [] },
    { entries: [], files: [] },
  ])('$entries → $files', ({ entries, files }) => {
    expect([...hintedChunks(bundle(), entries)].sort()).toEqual([...files].sort());
  });

  it('leaves out chunks imported only on demand, and assets', () => {
    const chosen = hintedChunks(bundle(), ['/ArchitectureLab/ArchitectureLab.svelte', '/Other/Other.svelte']);
    expect(chosen.has('plot.js')).toBe(false);
    expect(chosen.has('style.css')).toBe(false);
  });

  it('survives an import cycle and an import of a file not in the bundle', () => {
    const cyclic = {
      'a.js': chunk('a.js', ['b.js', 'gone.js'], '/x/A.svelte'),
      'b.js': chunk('b.js', ['a.js']),
    };
    expect([...hintedChunks(cyclic, ['/A.svelte'])].sort()).toEqual(['a.js', 'b.js']);
  });
});

describe('compileHints (the Vite plugin)', () => {
  const run = (environment: string | undefined, b = bundle()) => {
    const plugin = compileHints(['/ArchitectureLab/ArchitectureLab.svelte']);
    const hook = plugin.generateBundle as unknown as {
      order: string;
      handler: (this: unknown, o: unknown, b: unknown) => void;
    };
    expect(hook.order).toBe('post');
    hook.handler.call(environment === undefined ? {} : { environment: { name: environment } }, {}, b);
    return b;
  };

  it('puts the magic comment on the first line of the hinted chunks only, once', () => {
    const out = run('client');
    expect(COMPILE_HINT).toBe('//# allFunctionsCalledOnLoad\n');
    expect(out['Lab.js'].code).toBe(`${COMPILE_HINT}/* Lab.js */`);
    expect(out['shapes.js'].code.startsWith(COMPILE_HINT)).toBe(true);
    expect(out['plot.js'].code).toBe('/* plot.js */');
    expect(out['Other.js'].code).toBe('/* Other.js */');
    expect(run('client', out)['Lab.js'].code).toBe(`${COMPILE_HINT}/* Lab.js */`);
  });

  it('leaves the server build alone', () => {
    expect(run('ssr')['Lab.js'].code).toBe('/* Lab.js */');
    expect(run(undefined)['Lab.js'].code.startsWith(COMPILE_HINT)).toBe(true);
  });
});
