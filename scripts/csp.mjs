/**
 * Content-Security-Policy for the static site, written into the build (`astro:build:done`).
 *
 * Why not Astro's built-in `security.csp`: it hashes only the scripts Astro bundles itself.
 * Starlight's `is:inline` scripts (theme provider, theme pickers, search shortcut, sidebar scroll
 * restore) get no hash and would be refused, and Astro's meta tag lands after the first of them.
 * So this step hashes every inline script of each built page and puts the policy in a
 * `<meta http-equiv>` as the first element of `<head>` (any static host honours it), and writes a
 * `_headers` file (Netlify / Cloudflare Pages format) for what a meta tag cannot carry:
 * `frame-ancestors`, and the policy of each module worker script (a worker loaded from a URL takes
 * its policy from its own response, never from the page): `'unsafe-eval'` there so that notebook
 * cells can run reader code with `new Function` off the main thread, `connect-src 'none'` so that
 * such code cannot reach the network.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The page policy, directive by directive. Script hashes are added per page.
 * - script-src: own files and hashed inline scripts only — no foreign script, no `eval`.
 *   'wasm-unsafe-eval' lets Pagefind compile its WebAssembly search index (it allows
 *   `WebAssembly.instantiate`, not `eval` or `new Function`).
 * - style-src 'unsafe-inline': KaTeX and Starlight write sizes in `style` attributes (hundreds per
 *   lesson); styles cannot run code.
 * - img-src data: and font-src data:: KaTeX's and Starlight's CSS carry a few data: URLs.
 * - connect-src 'self': the search index and the lazy chunks; nothing else.
 */
export const PAGE_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** What only an HTTP header can say about a page (browsers ignore it in a meta tag). */
export const HEADER_ONLY_DIRECTIVES = ["frame-ancestors 'none'"];

/**
 * The policy of a module worker script: its own code and chunks, `eval`/`new Function` allowed
 * (reader code in notebook cells runs there), no network at all.
 */
export const WORKER_POLICY = "default-src 'none'; script-src 'self' 'unsafe-eval'; connect-src 'none'";

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/** Whether a `<script>` with these attributes runs as JavaScript (JSON and other data blocks do not). */
function isExecutable(attributes) {
  const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
  return (
    type === undefined ||
    type === '' ||
    type === 'module' ||
    /^(text|application)\/(x-)?javascript$/.test(type)
  );
}

/** `'sha256-…'` of a script's text: base64(SHA-256(UTF-8 bytes)), as CSP defines a hash source. */
export function sha256Source(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The hash sources of every inline executable `<script>` in `html`, without repeats, in order. */
export function inlineScriptHashes(html) {
  const out = new Set();
  for (const m of html.matchAll(SCRIPT)) {
    if (/\bsrc\s*=/i.test(m[1]) || !isExecutable(m[1])) continue;
    out.add(sha256Source(m[2]));
  }
  return [...out];
}

/** A page's policy: `PAGE_DIRECTIVES` with the page's inline-script hashes added to script-src. */
export function pagePolicy(hashes) {
  return PAGE_DIRECTIVES.map((d) =>
    d.startsWith('script-src ') && hashes.length ? `${d} ${hashes.join(' ')}` : d,
  ).join('; ');
}

const META = /<meta http-equiv="Content-Security-Policy"[^>]*>/i;

/**
 * `html` with `policy` as a `<meta http-equiv="Content-Security-Policy">` at the top of `<head>`
 * (a meta policy governs only what follows it): right after `<meta charset>` when that opens the
 * head (it must stay within the first 1024 bytes), else first. A policy placed earlier is replaced.
 */
export function withPolicyMeta(html, policy) {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replaceAll('"', '&quot;')}">`;
  const clean = html.replace(META, '');
  const head = /<head\b[^>]*>\s*(<meta charset=[^>]*>)?/i.exec(clean);
  if (!head) throw new Error('no <head> to put the Content-Security-Policy in');
  const at = head.index + head[0].length;
  return clean.slice(0, at) + meta + clean.slice(at);
}

/** The policy in a built page's meta tag, or null. */
export function policyOf(html) {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/i.exec(html);
  return m ? m[1].replaceAll('&quot;', '"').replaceAll('&#39;', "'") : null;
}

/** The URL paths of module/classic worker scripts that built JavaScript starts (`new Worker(new URL("…"))`). */
export function workerUrls(code) {
  return [...code.matchAll(/new\s+(?:Shared)?Worker\(\s*new\s+URL\(\s*[`'"]([^`'"]+)[`'"]/g)].map(
    (m) => m[1],
  );
}

/**
 * A `_headers` file (Netlify / Cloudflare Pages): header-only directives for every path, and the
 * worker policy on each worker script.
 */
export function headersFile(workers) {
  const lines = [
    '# Written by the build (scripts/csp.mjs). Pages carry their full policy in a meta tag.',
    '/*',
    `  Content-Security-Policy: ${HEADER_ONLY_DIRECTIVES.join('; ')}`,
    '  X-Content-Type-Options: nosniff',
  ];
  for (const url of [...new Set(workers)].sort())
    lines.push('', url, `  Content-Security-Policy: ${WORKER_POLICY}`);
  return `${lines.join('\n')}\n`;
}

function files(dir, ext) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full, ext));
    else if (name.endsWith(ext)) out.push(full);
  }
  return out;
}

/** Puts the policy into every HTML page of `dist` and writes `dist/_headers`. Returns counts. */
export function applyCsp(dist) {
  const pages = files(dist, '.html');
  for (const page of pages) {
    const html = readFileSync(page, 'utf8');
    writeFileSync(page, withPolicyMeta(html, pagePolicy(inlineScriptHashes(html))));
  }
  const workers = files(dist, '.js').flatMap((f) => workerUrls(readFileSync(f, 'utf8')));
  writeFileSync(join(dist, '_headers'), headersFile(workers));
  return { pages: pages.length, workers: [...new Set(workers)] };
}

/**
 * Problems with the policy of a built site: pages without the meta tag, inline scripts whose hash
 * the policy lacks, a policy that allows `'unsafe-eval'` or foreign hosts, workers without headers.
 */
export function cspProblems(dist) {
  const problems = [];
  for (const page of files(dist, '.html')) {
    const where = relative(dist, page);
    const html = readFileSync(page, 'utf8');
    const policy = policyOf(html);
    if (!policy) {
      problems.push(`${where}: no Content-Security-Policy meta tag`);
      continue;
    }
    const firstScript = html.search(/<script\b/i);
    if (firstScript >= 0 && html.search(META) > firstScript)
      problems.push(`${where}: the policy comes after a script`);
    const scriptSrc = policy.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    if (/'unsafe-eval'|'unsafe-inline'|https?:|\*/.test(scriptSrc))
      problems.push(`${where}: script-src allows eval, inline code or other hosts: ${scriptSrc.trim()}`);
    if (!/connect-src 'self'(;|$)/.test(policy)) problems.push(`${where}: connect-src is not 'self' only`);
    for (const hash of inlineScriptHashes(html))
      if (!scriptSrc.includes(hash)) problems.push(`${where}: inline script ${hash} is not in script-src`);
  }
  let headers = '';
  try {
    headers = readFileSync(join(dist, '_headers'), 'utf8');
  } catch {
    problems.push('_headers: missing');
  }
  for (const url of files(dist, '.js').flatMap((f) => workerUrls(readFileSync(f, 'utf8'))))
    if (!headers.includes(`\n${url}\n  Content-Security-Policy: ${WORKER_POLICY}`))
      problems.push(`_headers: worker ${url} has no policy`);
  return problems;
}

/** The Astro integration: runs `applyCsp` on the built site. */
export default function contentSecurityPolicy() {
  return {
    name: 'convnet-csp',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const { pages, workers } = applyCsp(fileURLToPath(dir));
        logger.info(
          `Content-Security-Policy in ${pages} pages; worker policy for ${workers.join(', ') || 'no workers'}`,
        );
      },
    },
  };
}

// `node scripts/csp.mjs [dist]` checks a built site (part of `npm run budget`).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dist = process.argv[2] ?? 'dist';
  const problems = cspProblems(dist);
  if (problems.length) {
    console.error(`Content-Security-Policy problems:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  console.log(`csp: every page of ${dist} carries its policy; workers have theirs in _headers`);
}
