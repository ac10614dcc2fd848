import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import plotWithoutIntl, {
  PLOT_FORMAT_FILE,
  PLOT_NUMBER_FORMAT,
  withoutIntl,
} from '../../scripts/plot-without-intl.mjs';

/** Plot's own source folder, where its entry point (src/index.js) lives. */
const plotSrc = dirname(createRequire(import.meta.url).resolve('@observablehq/plot'));
const plotFormat = join(plotSrc, 'format.js');
const source = readFileSync(plotFormat, 'utf8');

describe('plot-without-intl (Plot’s number format without Intl)', () => {
  it('finds the installed Plot’s module-level Intl.NumberFormat and replaces it', () => {
    expect(source).toContain(PLOT_NUMBER_FORMAT);
    const out = withoutIntl(source);
    expect(out).not.toContain(PLOT_NUMBER_FORMAT);
    expect(out).toMatch(/import \{formatNumber as courseNumber\} from ".*number-format\.ts";/);
    expect(out).toContain('locale === "en-US" ? {format: (x) => courseNumber("en", Number(x), 3)}');
  });

  it('fails loudly when Plot’s code has changed', () => {
    expect(() =>
      withoutIntl(source.replace('new Intl.NumberFormat(locale)', 'new Intl.NumberFormat(locale, {})')),
    ).toThrow(/Plot’s number format changed/);
  });

  it('transforms only Plot’s src/format.js', () => {
    const plugin = plotWithoutIntl();
    const transform = plugin.transform as (code: string, id: string) => { code: string } | undefined;
    expect(PLOT_FORMAT_FILE.test(plotFormat)).toBe(true);
    expect(transform(source, `${plotFormat}?v=1`)?.code).toBe(withoutIntl(source));
    expect(transform(source, join(plotSrc, 'plot.js'))).toBeUndefined();
    expect(transform(source, '/work/src/format.js')).toBeUndefined();
  });
});
