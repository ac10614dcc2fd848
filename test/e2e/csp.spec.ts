/**
 * The Content-Security-Policy (scripts/csp.mjs) in a browser. Every other spec runs the site under
 * the pages' meta policy and fails on any violation (fixtures.ts); this one shows that the policy
 * really refuses what it should, that a worker gets the policy its own response carries, and that
 * the site works with `dist/_headers` applied the way a static host applies it.
 */
import { test as plain, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expect, builtPages } from './fixtures';
import { WORKER_POLICY, policyOf } from '../../scripts/csp.mjs';

test('every built page carries a policy that forbids eval and other hosts', async ({ request }) => {
  for (const path of builtPages()) {
    const policy = policyOf(await (await request.get(path)).text());
    expect(policy, path).not.toBeNull();
    const scriptSrc = policy!.split(';').find((d) => d.trim().startsWith('script-src '))!;
    expect(scriptSrc, path).toMatch(/^ ?script-src 'self'/);
    expect(scriptSrc, path).not.toMatch(/'unsafe-eval'|'unsafe-inline'|https?:|\*/);
    expect(policy, path).toMatch(/(^|; )connect-src 'self'(;|$)/);
    expect(policy, path).toMatch(/(^|; )default-src 'self'(;|$)/);
  }
});

/** Collects the page's CSP violations as "directive blocked-uri". */
async function violations(page: Page) {
  const seen: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => seen.push(v));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation(v: string): void }).reportViolation(
        `${e.effectiveDirective} ${e.blockedURI}`,
      ),
    ),
  );
  return seen;
}

plain(
  'the main thread refuses eval, foreign scripts, injected inline scripts and foreign connections',
  async ({ page }) => {
    const seen = await violations(page);
    // Chromium announces a request before CSP blocks it; a blocked one never gets a response
    const foreign: string[] = [];
    page.on('response', (res) => {
      if (!res.url().startsWith('http://localhost')) foreign.push(res.url());
    });
    await page.goto('/lessons/01-convolution-and-parameters/');
    const results = await page.evaluate(async () => {
      const out: Record<string, string> = {};
      // in a task of its own: code that Playwright evaluates is exempt from the eval check
      out.eval = await new Promise<string>((resolve) =>
        setTimeout(() => {
          try {
            resolve(String(new Function('return "ran"')()));
          } catch (e) {
            resolve((e as Error).name);
          }
        }),
      );
      try {
        await fetch('https://example.com/steal');
        out.fetch = 'ran';
      } catch (e) {
        out.fetch = (e as Error).name;
      }
      const inline = document.createElement('script');
      inline.textContent = 'window.__injected = true';
      document.body.append(inline);
      out.inline = String((window as unknown as { __injected?: boolean }).__injected === true);
      const external = document.createElement('script');
      external.src = 'https://example.com/evil.js';
      document.body.append(external);
      await new Promise((r) => setTimeout(r, 300));
      return out;
    });
    expect(results).toEqual({ eval: 'EvalError', fetch: 'TypeError', inline: 'false' });
    await expect
      .poll(() => seen.map((v) => v.split(' ')[0]).sort())
      .toEqual(['connect-src', 'script-src', 'script-src-elem', 'script-src-elem']);
    expect(foreign, 'no answer came from another host').toEqual([]);
  },
);

plain(
  'a module worker takes the policy of its own response: eval allowed, no connections',
  async ({ page }) => {
    // A worker script served with the policy `_headers` gives every worker chunk.
    await page.route('**/csp-probe-worker.js', (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        headers: { 'Content-Security-Policy': WORKER_POLICY },
        body: `
        const out = {};
        try { out.eval = String(new Function('return "ran"')()); } catch (e) { out.eval = e.name; }
        try { await fetch('/'); out.fetch = 'ran'; } catch (e) { out.fetch = e.name; }
        postMessage(out);`,
      }),
    );
    await page.goto('/');
    const out = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const worker = new Worker('/csp-probe-worker.js', { type: 'module' });
          worker.onmessage = (e) => resolve(e.data);
          worker.onerror = (e) => reject(new Error(e.message));
        }),
    );
    expect(out).toEqual({ eval: 'ran', fetch: 'TypeError' });
  },
);

/** Serves the site with the headers of dist/_headers, as Netlify or Cloudflare Pages would. */
async function withStaticHostHeaders(page: Page) {
  const rules: { pattern: string; headers: Record<string, string> }[] = [];
  for (const line of readFileSync('dist/_headers', 'utf8').split('\n')) {
    if (line.startsWith('/')) rules.push({ pattern: line.trim(), headers: {} });
    else if (/^\s+\S/.test(line) && rules.length) {
      const [name, ...value] = line.trim().split(':');
      rules.at(-1)!.headers[name!.trim()] = value.join(':').trim();
    }
  }
  const matches = (pattern: string, path: string) =>
    pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
  const applied: string[] = [];
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch();
    const headers = response.headers();
    for (const rule of rules.filter((r) => matches(r.pattern, url.pathname)))
      for (const [name, value] of Object.entries(rule.headers)) {
        const key = name.toLowerCase();
        headers[key] = headers[key] ? `${headers[key]}, ${value}` : value; // hosts join repeated headers
        if (key === 'content-security-policy' && value === WORKER_POLICY) applied.push(url.pathname);
      }
    await route.fulfill({ response, headers });
  });
  return applied;
}

test('with _headers applied, TensorFlow.js computes in its worker on WebGL and search works', async ({
  page,
}) => {
  const workers = await withStaticHostHeaders(page);
  await page.goto('/lessons/02-kernel-size-and-padding/');
  const w = page.locator('[data-widget="PoolingExplorer"]');
  await w.scrollIntoViewIfNeeded();
  // every response passes through the route above, so hydration takes longer than `hydrated` waits
  await expect(page.locator('astro-island:has([data-widget="PoolingExplorer"])')).not.toHaveAttribute(
    'ssr',
    /.*/,
    { timeout: 30_000 },
  );
  await expect(w).toHaveAttribute('data-source', 'tfjs', { timeout: 30_000 });
  await expect(w).toHaveAttribute('data-backend', 'webgl');
  await expect(w.getByTestId('agreement')).toContainText('agree on all 9 outputs');
  expect(
    workers.some((p) => /tf-worker/.test(p)),
    'the worker got its own policy',
  ).toBe(true);
  await page.locator('button[data-open-modal]').click();
  await page.locator('dialog[open] .pagefind-ui__search-input').fill('padding');
  await expect(page.locator('dialog[open] .pagefind-ui__result-link').first()).toHaveAttribute(
    'href',
    /^\/lessons\/02-kernel-size-and-padding\//,
    { timeout: 20_000 },
  );
});
