/**
 * A default name for a run, from its settings: what a person would write on the whiteboard.
 */
import { describeDataset, type TrainSettings } from './settings';

/** e.g. "mlp 32-32 relu · adam lr 0.01 · Two moons" (or "linear · sgd lr 0.1 · Diabetes progression"). */
export function defaultRunName(settings: TrainSettings, kind: 'train' | 'overfit-batch' = 'train'): string {
  const c = settings.config;
  const model = c.model === 'mlp' || c.model === 'cnn' ? `${c.model} ${c.hidden.join('-') || 'no hidden'} ${c.activation}` : c.model;
  const data = describeDataset(settings.dataset).replace(/ \(.*\)$/, '');
  const prefix = kind === 'overfit-batch' ? 'one batch: ' : '';
  return `${prefix}${model} · ${c.optimizer.name} lr ${c.lr} · ${data}`;
}
