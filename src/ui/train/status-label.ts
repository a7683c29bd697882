import type { TrainStatus, RunSummary } from '../../store/train-store';

/**
 * What the Train page's header calls the shown run: the store's status, except that a finished run that was
 * stopped by hand is "stopped", as the saved-runs list calls it (the store keeps 'done' for every finished run,
 * which is what the panels that need a finished run check).
 */
export function statusLabel(status: TrainStatus, runStatus: RunSummary['runStatus'] | undefined): TrainStatus | 'stopped' {
  return status === 'done' && runStatus === 'stopped' ? 'stopped' : status;
}
