// @ts-check
/**
 * Observable Plot makes an `Intl.NumberFormat('en-US')` when it is imported (its `formatDefault`
 * is built at module level), so every page with a chart paid ICU's ~60 ms start-up on hydration
 * even when no number was ever formatted by it (issue 12). This Vite plugin rewrites Plot's
 * number formatter so that en-US — the only locale Plot is asked for here — is written by the
 * course's own `formatNumber` with at most 3 decimals, the same text as `new Intl.NumberFormat('en-US')`
 * (test/unit/i18n/number-format.test.ts compares them); any other locale still gets Intl.
 *
 * Applies to production builds (in `astro dev` Vite pre-bundles Plot without plugins; the text is
 * the same either way). If Plot's source changes so that the code below is not found, the build
 * fails rather than silently bringing Intl back.
 */
import { fileURLToPath } from 'node:url';

/** Plot's file and the exact code the plugin replaces (Plot 0.6.x, src/format.js). */
export const PLOT_FORMAT_FILE = /[\\/]node_modules[\\/]@observablehq[\\/]plot[\\/]src[\\/]format\.js$/;
export const PLOT_NUMBER_FORMAT = `const numberFormat = memoize1((locale) => {
  return new Intl.NumberFormat(locale);
});`;

const courseFormat = fileURLToPath(new URL('../src/i18n/number-format.ts', import.meta.url));

/**
 * Plot's `src/format.js` with its en-US number format made by the course's `formatNumber('en', x, 3)`
 * (values converted with `Number`, as Plot only formats numbers); throws if the code to replace is missing.
 * @param {string} code
 * @returns {string}
 */
export function withoutIntl(code) {
  if (!code.includes(PLOT_NUMBER_FORMAT))
    throw new Error('plot-without-intl: Plot’s number format changed; update scripts/plot-without-intl.mjs');
  return code.replace(
    PLOT_NUMBER_FORMAT,
    `import {formatNumber as courseNumber} from ${JSON.stringify(courseFormat)};
const numberFormat = memoize1((locale) =>
  locale === "en-US" ? {format: (x) => courseNumber("en", Number(x), 3)} : new Intl.NumberFormat(locale)
);`,
  );
}

/** @returns {import('vite').Plugin} */
export default function plotWithoutIntl() {
  return {
    name: 'plot-without-intl',
    transform(code, id) {
      return PLOT_FORMAT_FILE.test(id.split('?')[0] ?? id)
        ? { code: withoutIntl(code), map: null }
        : undefined;
    },
  };
}
