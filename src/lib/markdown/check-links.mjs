/**
 * Build-time check of internal links, on the built site (the same idea as Starlight's
 * links-validator plugin, which this project does not install): every `<a href>` of every built
 * page that points into this site must reach a built page or file, and its `#fragment` an element
 * with that `id` on the target page. Checking the output rather than the Markdown covers both
 * locales, links written in MDX/JSX and by components (Cite, sidebar, pagination) and heading
 * anchors exactly as Starlight slugs them. A broken link is reported with the content file of the
 * page it is on and the line where the link is written when that file contains it.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };
const unescape = (s) => s.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, e) => ENTITIES[e]);
const decode = (s) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** The `href`s of every `<a>` element in `html`, in order (entities decoded). */
export function linksIn(html) {
  return [...html.matchAll(/<a\b[^>]*?\shref\s*=\s*"([^"]*)"/gi)].map((m) => unescape(m[1]));
}

/** Every `id` (and `<a name>`) in `html`, decoded, as a set. */
export function idsIn(html) {
  const ids = new Set();
  for (const m of html.matchAll(/\s(?:id|name)\s*=\s*"([^"]*)"/gi)) ids.add(decode(unescape(m[1])));
  return ids;
}

/**
 * Where an href points inside this site, or null for another host / another scheme.
 * `pagePath` is the URL path of the page the link is on ("/ko/lessons/x/"), `site` the site's origin.
 * Returns `{ path, fragment }` with the path and fragment percent-decoded; a bare "#x" keeps the
 * page's own path.
 */
export function resolveInternal(href, pagePath, site) {
  if (href === '' || /^(mailto|tel|javascript|data|blob):/i.test(href)) return null;
  let url;
  try {
    url = new URL(href, new URL(pagePath, site));
  } catch {
    return { path: href, fragment: '', malformed: true };
  }
  if (url.origin !== new URL(site).origin) return null;
  return { path: decode(url.pathname), fragment: decode(url.hash.slice(1)) };
}

/**
 * Whether a fragment names an element. A fragment of `key=value` pairs is state for a page's
 * script (the Architecture Lab reads `#preset=…`), not an anchor; Starlight's heading ids never
 * contain "=".
 */
export function isAnchor(fragment) {
  return fragment !== '' && !fragment.includes('=');
}

/** The built file a URL path is served from, or null: "/x/" → x/index.html, "/x" → x, x.html, x/index.html. */
export function targetFile(dist, path) {
  const rel = path.replace(/^\/+/, '');
  const candidates = path.endsWith('/')
    ? [join(dist, rel, 'index.html')]
    : [join(dist, rel), `${join(dist, rel)}.html`, join(dist, rel, 'index.html')];
  return candidates.find((f) => existsSync(f) && statSync(f).isFile()) ?? null;
}

/** The content file a built page comes from ("/ko/lessons/x/" → src/content/docs/ko/lessons/x.mdx), or null. */
export function contentFileFor(root, pagePath) {
  const slug = pagePath.replace(/^\/+|\/+$/g, '');
  const base = join(root, 'src/content/docs', slug);
  const candidates = slug === '' ? [join(base, 'index.mdx'), join(base, 'index.md')] : [];
  candidates.push(`${base}.mdx`, `${base}.md`, join(base, 'index.mdx'), join(base, 'index.md'));
  return candidates.find((f) => existsSync(f)) ?? null;
}

/** The 1-based line of `source` where `href` is written (as a Markdown link target or an attribute), or null. */
export function lineOf(source, href) {
  if (!href) return null;
  const lines = source.split('\n');
  const needles = [`](${href}`, `"${href}"`, `'${href}'`, `\`${href}\``, `<${href}>`];
  const i = lines.findIndex((l) => needles.some((n) => l.includes(n)));
  return i < 0 ? null : i + 1;
}

/** URL path of a built HTML file: dist/ko/x/index.html → "/ko/x/", dist/404.html → "/404.html". */
export function pagePathOf(dist, file) {
  const rel = relative(dist, file).split('\\').join('/');
  if (rel === 'index.html') return '/';
  return rel.endsWith('/index.html') ? `/${rel.slice(0, -'index.html'.length)}` : `/${rel}`;
}

function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...htmlFiles(full));
    else if (name.endsWith('.html')) out.push(full);
  }
  return out.sort();
}

/**
 * Every broken internal link of the built site in `dist`, as sentences
 * ("src/content/docs/ko/lessons/x.mdx:12: link to /lessons/y/ — no such page"). Links that appear on
 * many pages (the sidebar) are reported once with the number of pages.
 */
export function brokenLinks(dist, { root, site }) {
  const idCache = new Map();
  const idsOf = (file) => {
    if (!idCache.has(file)) idCache.set(file, idsIn(readFileSync(file, 'utf8')));
    return idCache.get(file);
  };
  /** problem text → pages it was seen on */
  const found = new Map();
  for (const file of htmlFiles(dist)) {
    const pagePath = pagePathOf(dist, file);
    const html = readFileSync(file, 'utf8');
    const source = contentFileFor(root, pagePath);
    const sourceText = source ? readFileSync(source, 'utf8') : '';
    for (const href of new Set(linksIn(html))) {
      const target = resolveInternal(href, pagePath, site);
      if (!target) continue;
      let reason = null;
      const targetHtml = target.malformed ? null : targetFile(dist, target.path);
      if (!targetHtml) reason = 'no such page or file';
      else if (
        isAnchor(target.fragment) &&
        targetHtml.endsWith('.html') &&
        !idsOf(targetHtml).has(target.fragment)
      )
        reason = `no element with id "${target.fragment}" on ${target.path}`;
      if (!reason) continue;
      // Markdown writes non-ASCII fragments as typed; the built href has them percent-encoded
      const shown = decode(href);
      const line = source ? (lineOf(sourceText, href) ?? lineOf(sourceText, shown)) : null;
      const where = source
        ? `${relative(root, source)}${line ? `:${line}` : ''}`
        : `${relative(root, file)} (built page)`;
      const key = line ? `${where}: link to ${shown} — ${reason}` : `link to ${shown} — ${reason}`;
      if (!found.has(key)) found.set(key, []);
      found.get(key).push(where);
    }
  }
  return [...found].map(([key, pages]) =>
    key.startsWith('link to ')
      ? `${pages[0]}: ${key}${pages.length > 1 ? ` (and on ${pages.length - 1} more pages)` : ''}`
      : key,
  );
}
