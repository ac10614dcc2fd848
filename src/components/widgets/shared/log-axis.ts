/**
 * The log-scale y axis the gradient charts share (ActivationGradient, ResidualGradientFlow): whole
 * decades from 10^lo to 10^hi, each tick labelled as a power of ten. Pure: no Plot import.
 */

/** At most `count` powers of ten (as exponents) from hi down to lo, evenly spaced in whole decades. */
export function decadeTicks(lo: number, hi: number, count = 6): number[] {
  const step = Math.max(1, Math.ceil((hi - lo) / (count - 1)));
  const ticks: number[] = [];
  for (let e = hi; e >= lo; e -= step) ticks.push(e);
  return ticks;
}

/** Plot `y` options: a log axis over [10^lo, 10^hi] with decade ticks labelled by `power(exponent)`. */
export function decadeAxis(label: string, lo: number, hi: number, power: (exponent: number) => string) {
  return {
    type: 'log' as const,
    label,
    domain: [10 ** lo, 10 ** hi],
    ticks: decadeTicks(lo, hi).map((e) => 10 ** e),
    tickFormat: (d: number) => power(Math.round(Math.log10(d))),
    grid: true,
  };
}
