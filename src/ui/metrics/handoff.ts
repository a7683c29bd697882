/**
 * A training run's test predictions handed to the Metrics page by the Train page: the CSV text is kept
 * in sessionStorage under `ml-workbench:predictions:run:<runId>` as JSON `{ name, csv }`, and the app
 * navigates to `#/metrics?from=run:<runId>`. The Metrics page loads it from there, also after a reload.
 */
export const predictionsHandoffKey = (runId: string) => `ml-workbench:predictions:run:${runId}`;

export interface PredictionsHandoff {
  name: string;
  csv: string;
}

/** Stores a hand-off; false when storage refuses it (full, or disabled). */
export function storePredictionsHandoff(runId: string, handoff: PredictionsHandoff): boolean {
  try {
    sessionStorage.setItem(predictionsHandoffKey(runId), JSON.stringify(handoff));
    return true;
  } catch {
    return false;
  }
}

/** The hand-off named by a `from=run:<runId>` route parameter, or null. */
export function readPredictionsHandoff(from: string | null): PredictionsHandoff | null {
  if (!from?.startsWith('run:')) return null;
  try {
    const parsed = JSON.parse(sessionStorage.getItem(predictionsHandoffKey(from.slice(4))) ?? 'null') as Partial<PredictionsHandoff> | null;
    return typeof parsed?.name === 'string' && typeof parsed.csv === 'string' ? { name: parsed.name, csv: parsed.csv } : null;
  } catch {
    return null;
  }
}
