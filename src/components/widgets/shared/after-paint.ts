/**
 * Runs `f` `ms` after the next frame is painted (0: in the first task after it); returns a cancel.
 * The Architecture Lab schedules its analysis and its chart this way, and ConvolutionExplorer its
 * TensorFlow.js check, so that an edit is painted before the work it causes begins.
 */
export function afterPaint(f: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (timer = setTimeout(f, ms)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
