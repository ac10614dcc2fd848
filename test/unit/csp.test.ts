import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempTree } from './temp-tree';
import {
  WORKER_POLICY,
  applyCsp,
  cspProblems,
  headersFile,
  inlineScriptHashes,
  pagePolicy,
  policyOf,
  sha256Source,
  withPolicyMeta,
  workerUrls,
} from '../../scripts/csp.mjs';

const PAGE =
  '<!DOCTYPE html><html><head><meta charset="utf-8"/><script>window.a = 1</script>' +
  '<script type="module" src="/_astro/x.js"></script><script type="module">import "/_astro/y.js"</script>' +
  '<script type="application/json">{"b":2}</script><script>window.a = 1</script></head><body></body></html>';

const site = (files: Record<string, string>) => tempTree(files, 'csp-');

describe('hashes and policy', () => {
  it('hashes a script as base64 SHA-256 of its UTF-8 text', () => {
    const digest = createHash('sha256').update('alert("한")', 'utf8').digest('base64');
    expect(sha256Source('alert("한")')).toBe(`'sha256-${digest}'`);
    // the well-known hash of the empty string
    expect(sha256Source('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  });
  it('hashes each inline executable script once; external and data scripts need none', () =>
    expect(inlineScriptHashes(PAGE)).toEqual([
      sha256Source('window.a = 1'),
      sha256Source('import "/_astro/y.js"'),
    ]));
  it('adds the hashes to script-src and keeps eval and other hosts out', () => {
    const policy = pagePolicy(["'sha256-abc'"]);
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc';");
    expect(policy).toContain("connect-src 'self';");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toMatch(/'unsafe-eval'|https?:|\*/);
    expect(pagePolicy([])).toContain("script-src 'self' 'wasm-unsafe-eval';");
  });
  it('puts the meta tag right after <meta charset>, replacing an earlier one', () => {
    const once = withPolicyMeta(PAGE, "default-src 'self'");
    expect(once).toMatch(
      /^<!DOCTYPE html><html><head><meta charset="utf-8"\/><meta http-equiv="Content-Security-Policy" content="default-src 'self'"><script>/,
    );
    const twice = withPolicyMeta(once, "default-src 'none'");
    expect(twice.match(/Content-Security-Policy/g)).toHaveLength(1);
    expect(policyOf(twice)).toBe("default-src 'none'");
    expect(withPolicyMeta('<html><head><title>t</title></head></html>', 'x')).toContain(
      '<head><meta http-equiv="Content-Security-Policy" content="x"><title>',
    );
    expect(() => withPolicyMeta('<p>no head</p>', 'x')).toThrow('no <head>');
  });
  it('finds the workers built code starts', () =>
    expect(
      workerUrls(
        'new Worker(new URL(`/_astro/tf-worker-A.js`,``+import.meta.url),{type:`module`});' +
          'x=new Worker( new URL("/_astro/kernel-B.js", import.meta.url))',
      ),
    ).toEqual(['/_astro/tf-worker-A.js', '/_astro/kernel-B.js']));
  it('gives each worker its own policy in _headers', () => {
    const text = headersFile(['/_astro/b.js', '/_astro/a.js', '/_astro/a.js']);
    expect(text).toContain("/*\n  Content-Security-Policy: frame-ancestors 'none'\n");
    expect(text).toContain(`/_astro/a.js\n  Content-Security-Policy: ${WORKER_POLICY}\n\n/_astro/b.js`);
    expect(WORKER_POLICY).toBe("default-src 'none'; script-src 'self' 'unsafe-eval'; connect-src 'none'");
  });
});

describe('a built site', () => {
  it('gets the policy in every page and _headers for its worker, and then passes the check', () => {
    const dist = site({
      'index.html': PAGE,
      'ko/lessons/a/index.html': '<html><head><script>b()</script></head></html>',
      '_astro/client.js': 'new Worker(new URL("/_astro/w.js", import.meta.url), { type: "module" })',
      '_astro/w.js': 'self.onmessage = () => {}',
    });
    expect(cspProblems(dist)).toContain('index.html: no Content-Security-Policy meta tag');
    expect(applyCsp(dist)).toEqual({ pages: 2, workers: ['/_astro/w.js'] });
    expect(cspProblems(dist)).toEqual([]);
    expect(policyOf(readFileSync(join(dist, 'ko/lessons/a/index.html'), 'utf8'))).toContain(
      sha256Source('b()'),
    );
  });
  it('reports a page whose inline script is not hashed, or whose policy allows eval', () => {
    const dist = site({ 'index.html': '<html><head><script>x()</script></head></html>' });
    applyCsp(dist);
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    writeFileSync(join(dist, 'index.html'), html.replace('</head>', '<script>y()</script></head>'));
    expect(cspProblems(dist)).toEqual([
      `index.html: inline script ${sha256Source('y()')} is not in script-src`,
    ]);
    writeFileSync(
      join(dist, 'index.html'),
      html.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"),
    );
    expect(cspProblems(dist)[0]).toMatch(/^index\.html: script-src allows eval/);
  });
  it('reports a worker without its policy', () => {
    const dist = site({
      'index.html': '<html><head></head></html>',
      '_astro/c.js': 'new Worker(new URL("/_astro/w.js"))',
    });
    applyCsp(dist);
    writeFileSync(join(dist, '_headers'), '/*\n');
    expect(cspProblems(dist)).toEqual(['_headers: worker /_astro/w.js has no policy']);
  });
});
