/**
 * Adapts the training worker's client (src/workers/train-client.ts) to the store's TrainEngine.
 * Placeholder until the worker protocol lands: every command reports that the engine is missing.
 */
import { onEngineEvent, type TrainEngine } from '../../store/train-store';

export async function createTrainEngine(): Promise<TrainEngine> {
  const missing = () => onEngineEvent({ type: 'error', message: 'The training worker is not available in this build.' });
  return { start: missing, pause: missing, resume: missing, stepOnce: missing, stop: missing, lrRangeTest: missing, dispose: () => undefined };
}
