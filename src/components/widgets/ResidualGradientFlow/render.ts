/**
 * ResidualGradientFlow's charts as SVG markup in the reader's language: used by the `.astro` tag
 * at build time (with a server document) and by the island after a change (imported on demand, so
 * Plot is not in the island's first download).
 */
import type { GradientNorms } from '~/lib/cnn/residual';
import { CLASSES } from '~/lib/cnn/residual';
import type { Locale, Strings } from '~/i18n/translate';
import { createTranslator } from '~/components/widgets/shared/translator';
import { draw, gradientChart, lossChart } from './charts';
import { gradientPoints, type LossSeries } from './residual-gradient-flow';

/**
 * The chart's markup without the <style> element Plot puts in every SVG (its rules are in the
 * widget's CSS and course.css). Each such element added to or removed from the page makes the
 * browser rebuild its style rules for the whole document — once a second while the loss chart
 * follows a training run.
 */
export function withoutPlotStyle(svg: string): string {
  return svg.replace(/<style>[^<]*<\/style>/g, '');
}

/** The gradient chart of both networks; `sentence` (the stated result) ends its description. */
export function renderGradient(
  result: { plain: GradientNorms; residual: GradientNorms },
  depth: number,
  sentence: string,
  strings: Strings,
  locale: Locale,
  doc: Document,
  width?: number,
): string {
  const { t } = createTranslator(strings, locale);
  const spec = gradientChart(
    gradientPoints(result),
    depth,
    {
      x: t('residualGradientFlow.axisLayer'),
      y: t('residualGradientFlow.axisNorm'),
      label: t('residualGradientFlow.gradientLabel'),
      description: t('residualGradientFlow.gradientDescription', { depth, sentence }),
    },
    width,
  );
  return withoutPlotStyle(draw(spec, doc));
}

/** The loss chart of a training run so far; `sentence` (where it stands) ends its description. */
export function renderLoss(
  series: LossSeries,
  sentence: string,
  strings: Strings,
  locale: Locale,
  doc: Document,
  width?: number,
): string {
  const { t } = createTranslator(strings, locale);
  const spec = lossChart(
    series,
    {
      x: t('residualGradientFlow.axisStep'),
      y: t('residualGradientFlow.axisLoss'),
      label: t('residualGradientFlow.lossLabel'),
      description: t('residualGradientFlow.lossDescription', { sentence, classes: CLASSES }),
      chance: t('residualGradientFlow.chance', { classes: CLASSES }),
    },
    width,
  );
  return withoutPlotStyle(draw(spec, doc));
}
