/**
 * What a search can optimise: the training loss on the validation rows, or any scalar metric the
 * engine computes for the task (direction from the metric definitions, so "lower is better" is never
 * guessed). Keys are the engine's metric keys, as everywhere else.
 */
import { metricDefinition } from '../metrics';
import type { Task } from '../data/preprocess';

export interface ObjectiveChoice {
  key: string;
  label: string;
  maximize: boolean;
}

const KEYS: Record<Task, string[]> = {
  binary: ['roc_auc', 'accuracy', 'log_loss', 'f1', 'average_precision', 'brier'],
  multiclass: ['accuracy', 'macro_f1', 'log_loss', 'balanced_accuracy'],
  regression: ['rmse', 'mae', 'r2'],
};

/** The objectives offered for a task, the training loss first. */
export function objectiveChoices(task: Task): ObjectiveChoice[] {
  const metrics = KEYS[task].map((key) => {
    const d = metricDefinition(task, key)!;
    return { key, label: d.label, maximize: d.higherIsBetter === true };
  });
  return [{ key: 'loss', label: 'Loss', maximize: false }, ...metrics];
}

/** The objective `key` for `task`, or the loss when the key does not apply to the task. */
export function objectiveFor(task: Task, key: string): ObjectiveChoice {
  const list = objectiveChoices(task);
  return list.find((c) => c.key === key) ?? list[0]!;
}
