/**
 * The one status sentence of a cell: what the kernel is doing with it, or how its last run went
 * (time, backend, tensors), or where the build's output came from.
 */
import type { Translator } from '~/components/widgets/shared/translator';
import { backendStatus } from '~/components/widgets/shared/tf-task';
import type { CellPhase } from './notebook';
import { backendName } from './cell-format';

/** Milliseconds for a status line: one decimal below 10 ms, whole numbers above. */
export function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(1) : String(Math.round(ms));
}

/** The status sentence for `phase`; `built` is the build's run (backend and time) when known. */
export function statusText(
  t: Translator['t'],
  phase: CellPhase,
  built: { backend?: string; ms?: number },
): string {
  switch (phase.state) {
    case 'queued':
      return t('cell.queued');
    case 'running':
      return t('cell.running');
    case 'stopped':
      return t('cell.stopped');
    case 'restarted':
      return t('cell.restarted', { live: phase.numTensors });
    case 'done': {
      const r = phase.response;
      if (r.failure === 'timeout') return t('cell.timedOut', { s: String(Math.round(r.ms / 100) / 10) });
      if (r.failure === 'stopped') return t('cell.stopped');
      if (r.failure === 'crashed' || !r.backend) return t('cell.crashed');
      const status = backendStatus(r.backend);
      const ms = formatMs(r.ms);
      const ran =
        status.code === 'webgl'
          ? t('cell.ranWebgl', { ms, version: status.version ?? '' })
          : t('cell.ranCpu', { ms, reason: status.reason ? t(`tf.fallback.${status.reason}`) : '' });
      const tensors = t('cell.tensors', { created: r.tensorsCreated ?? 0, live: r.numTensors ?? 0 });
      return [r.ok ? '' : t('cell.failed'), ran, tensors].filter(Boolean).join(' ');
    }
    case 'idle':
      return built.ms === undefined
        ? ''
        : t('cell.built', { backend: backendName(built.backend), ms: formatMs(built.ms) });
  }
}
